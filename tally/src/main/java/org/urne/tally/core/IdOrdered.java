package org.urne.tally.core;

import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * Values in ascending order of their ids, immutable: what {@link IdOrderedBuilder#snapshot()} hands out. Its chunks
 * may be shared with later snapshots of the same builder, which never changes a chunk a snapshot holds, so a
 * snapshot costs the chunk count to take, not the value count.
 *
 * @param <T> the values' type.
 */
final class IdOrdered<T>
{
    private final Object[][] chunks;
    /** {@code ends[k]}: how many values chunks 0 to k hold together. */
    private final int[] ends;
    private final ToLongFunction<T> idOf;

    IdOrdered(final Object[][] chunks, final int[] ends, final ToLongFunction<T> idOf)
    {
        this.chunks = chunks;
        this.ends = ends;
        this.idOf = idOf;
    }

    /** How many values it holds. */
    int size()
    {
        return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    /** The value at {@code index} in ascending id order. */
    @SuppressWarnings("unchecked")
    T get(final int index)
    {
        if (index < 0 || index >= size())
        {
            throw new IndexOutOfBoundsException(index);
        }
        // No chunk is empty, so the ends rise strictly: the chunk is the one whose end is index + 1, or the first
        // whose end is beyond it.
        final int found = Arrays.binarySearch(ends, index + 1);
        final int chunk = found >= 0 ? found : -found - 1;
        final int start = chunk == 0 ? 0 : ends[chunk - 1];
        return (T)chunks[chunk][index - start];
    }

    /** How many values have an id below {@code id}: the index {@code id} has or would have. */
    @SuppressWarnings("unchecked")
    int countBelow(final long id)
    {
        int low = 0;
        int high = chunks.length;
        while (low < high)
        {
            // The first chunk whose last value's id is at or above the id.
            final int middle = (low + high) >>> 1;
            if (idOf.applyAsLong((T)chunks[middle][lengthOf(middle) - 1]) < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        if (low == chunks.length)
        {
            return size();
        }
        return (low == 0 ? 0 : ends[low - 1]) + firstAtOrAbove(chunks[low], lengthOf(low), id, idOf);
    }

    /** The index of the first of a chunk's {@code length} values whose id is at or above {@code id}. */
    @SuppressWarnings("unchecked")
    static <T> int firstAtOrAbove(final Object[] chunk, final int length, final long id, final ToLongFunction<T> idOf)
    {
        int low = 0;
        int high = length;
        while (low < high)
        {
            final int middle = (low + high) >>> 1;
            if (idOf.applyAsLong((T)chunk[middle]) < id)
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

    /** The value with this id, or null. */
    T find(final long id)
    {
        final int index = countBelow(id);
        if (index == size())
        {
            return null;
        }
        final T value = get(index);
        return idOf.applyAsLong(value) == id ? value : null;
    }

    private int lengthOf(final int chunk)
    {
        return ends[chunk] - (chunk == 0 ? 0 : ends[chunk - 1]);
    }
}
