package org.urne.tally.core;

import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * Values kept in ascending id order, changed by one thread, with immutable snapshots ({@link IdOrdered}) that cost
 * the number of chunks to take, not the number of values: the tally agent publishes a poll's arguments ten times a
 * second, and a poll may hold millions of them.
 *
 * <p>Values live in chunks of at most {@link #CHUNK} values. A chunk is changed in place only while no snapshot holds
 * it; once a snapshot was taken, the next change to a chunk copies it first (copy on write). So a snapshot never
 * changes, and between two snapshots each changed chunk is copied once. A full chunk splits in two, so the chunks
 * never number more than twice the most values held over {@code CHUNK}.
 *
 * @param <T> the values' type.
 */
final class IdOrderedBuilder<T>
{
    /** The most values in a chunk: a copy costs at most this many references, a snapshot one per chunk. */
    static final int CHUNK = 128;

    private final ToLongFunction<T> idOf;
    private Object[][] chunks = new Object[4][];
    private int[] lengths = new int[4];
    /** Whether no snapshot holds the chunk, so it may change in place. */
    private boolean[] owned = new boolean[4];
    private int chunkCount;
    /** The last snapshot, or null once something changed since. */
    private IdOrdered<T> snapshot;

    /** {@code idOf} gives a value's id: two values with one id are one value's versions. */
    IdOrderedBuilder(final ToLongFunction<T> idOf)
    {
        this.idOf = idOf;
    }

    /** Adds {@code value}, or replaces the value with its id. */
    void put(final T value)
    {
        final long id = idOf.applyAsLong(value);
        if (chunkCount == 0)
        {
            insertChunk(0);
        }
        final int chunk = chunkFor(id);
        final int index = indexIn(chunk, id);
        if (index < lengths[chunk] && idOf.applyAsLong(valueAt(chunk, index)) == id)
        {
            writable(chunk)[index] = value;
        }
        else if (lengths[chunk] == CHUNK)
        {
            split(chunk);
            put(value);
            return;
        }
        else
        {
            final Object[] values = writable(chunk);
            System.arraycopy(values, index, values, index + 1, lengths[chunk] - index);
            values[index] = value;
            lengths[chunk]++;
        }
        snapshot = null;
    }

    /** Removes the value with this id; returns whether there was one. */
    boolean remove(final long id)
    {
        if (chunkCount == 0)
        {
            return false;
        }
        final int chunk = chunkFor(id);
        final int index = indexIn(chunk, id);
        if (index == lengths[chunk] || idOf.applyAsLong(valueAt(chunk, index)) != id)
        {
            return false;
        }
        if (lengths[chunk] == 1)
        {
            removeChunk(chunk);
        }
        else
        {
            final Object[] values = writable(chunk);
            System.arraycopy(values, index + 1, values, index, lengths[chunk] - index - 1);
            values[--lengths[chunk]] = null;
        }
        snapshot = null;
        return true;
    }

    /** The values as they stand; the same instance until something changes. */
    IdOrdered<T> snapshot()
    {
        if (snapshot == null)
        {
            final int[] ends = new int[chunkCount];
            int end = 0;
            for (int k = 0; k < chunkCount; k++)
            {
                end += lengths[k];
                ends[k] = end;
                owned[k] = false;
            }
            snapshot = new IdOrdered<>(Arrays.copyOf(chunks, chunkCount), ends, idOf);
        }
        return snapshot;
    }

    /** The chunk where a value with this id is or would go: the first whose last id is at or above it, else the last. */
    private int chunkFor(final long id)
    {
        int low = 0;
        int high = chunkCount - 1;
        while (low < high)
        {
            final int middle = (low + high) >>> 1;
            if (idOf.applyAsLong(valueAt(middle, lengths[middle] - 1)) < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /** The index in the chunk of the first value whose id is at or above {@code id}. */
    private int indexIn(final int chunk, final long id)
    {
        return IdOrdered.firstAtOrAbove(chunks[chunk], lengths[chunk], id, idOf);
    }

    @SuppressWarnings("unchecked")
    private T valueAt(final int chunk, final int index)
    {
        return (T)chunks[chunk][index];
    }

    /** The chunk's array, copied first when a snapshot holds it. */
    private Object[] writable(final int chunk)
    {
        if (!owned[chunk])
        {
            chunks[chunk] = Arrays.copyOf(chunks[chunk], CHUNK);
            owned[chunk] = true;
        }
        return chunks[chunk];
    }

    /** Splits a full chunk into two halves: its upper half moves to a new chunk after it. */
    private void split(final int chunk)
    {
        final Object[] lower = writable(chunk);
        final int half = CHUNK / 2;
        insertChunk(chunk + 1);
        System.arraycopy(lower, half, chunks[chunk + 1], 0, CHUNK - half);
        lengths[chunk + 1] = CHUNK - half;
        Arrays.fill(lower, half, CHUNK, null);
        lengths[chunk] = half;
    }

    /** Inserts an empty, owned chunk at {@code at}. */
    private void insertChunk(final int at)
    {
        if (chunkCount == chunks.length)
        {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
            lengths = Arrays.copyOf(lengths, chunkCount * 2);
            owned = Arrays.copyOf(owned, chunkCount * 2);
        }
        System.arraycopy(chunks, at, chunks, at + 1, chunkCount - at);
        System.arraycopy(lengths, at, lengths, at + 1, chunkCount - at);
        System.arraycopy(owned, at, owned, at + 1, chunkCount - at);
        chunks[at] = new Object[CHUNK];
        lengths[at] = 0;
        owned[at] = true;
        chunkCount++;
    }

    private void removeChunk(final int at)
    {
        System.arraycopy(chunks, at + 1, chunks, at, chunkCount - at - 1);
        System.arraycopy(lengths, at + 1, lengths, at, chunkCount - at - 1);
        System.arraycopy(owned, at + 1, owned, at, chunkCount - at - 1);
        chunks[--chunkCount] = null;
    }
}
