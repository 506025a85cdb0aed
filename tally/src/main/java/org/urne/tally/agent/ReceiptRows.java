package org.urne.tally.agent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.urne.tally.domain.Key128;

/**
 * Receipts in rows of four words (the receipt's two halves, a status word, a journal position), appended once and
 * never moved, found through an open-addressing index of 4-byte slots. Written by one thread (the tally agent),
 * read by any number of others without locks.
 *
 * <p>Why two parts: a table of whole 32-byte entries of power-of-two size, kept at most 70 % full (what the readers'
 * receipts were in before), costs 46-91 bytes a receipt; rows cost their 32 bytes and the index 4.7-7 (57-85 % full,
 * grown by half), and a search for an absent receipt, which every new ballot makes, seldom leaves the index: a slot
 * holds the row's number plus one and, in the bits row numbers leave free, a tag from the receipt's hash, so only a
 * row whose tag matches is visited.
 *
 * <p>Growth without a stop: when the index is full, a new one half as large again is published at once, naming the
 * old one as its {@code previous}, and receipts added from then on go to the new one only, while each of the next
 * additions also moves {@link #MOVES_PER_ADD} of the old rows across; once all are, the new index is published again
 * without the old. A search that misses in an index with a previous one searches that too, which never changes
 * again. Rebuilding in one go stalled the writer (the journal's and the tally's thread) for a pass over every row:
 * 46 ms at about a million receipts, over half a second at seven to nine million (docs/benchmarks.md, "The readers'
 * index grows without a stop").
 *
 * <p>Publication: a row's words are written before its slot, which is written with release semantics; a reader
 * that sees the slot (acquire) sees the row. A status word is replaced with release semantics and read with acquire.
 * A new index is published through a volatile field: a search begun after an insertion returned reads that index or
 * a later one, which holds the receipt or names an index that does.
 *
 * <p>The rows are direct buffers, outside the Java heap, for the reason the core's are (a young collection would
 * copy every chunk filled since the last one); their memory is freed with the buffers, when this table is gone.
 */
final class ReceiptRows
{
    /** An index this large leaves three bits for tags; it holds over 450 million receipts. */
    static final int MAX_CAPACITY = 1 << 29;
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    /** Native order: the words never leave this process. */
    private static final VarHandle WORDS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK_ROWS = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_ROWS - 1;
    private static final int ROW_BYTES = 32;
    private static final int HI = 0;
    private static final int LO = 8;
    private static final int WORD = 16;
    private static final int POSITION = 24;
    private static final double MAX_LOAD = 0.85;
    /** The load an index made for an expected number of receipts has when they are all in. */
    private static final double SIZED_LOAD = 0.75;
    /**
     * Old rows moved to a grown index with each addition. Grown by half at 85 %, a new index is 57 % full of the old
     * rows once they are all in, and takes a quarter of them again as additions before they are: 83 % of its
     * threshold at most, so growth never comes back while rows are still moving.
     */
    static final int MOVES_PER_ADD = 4;

    private volatile Index index;
    private volatile ByteBuffer[] chunks = new ByteBuffer[16];
    private int size;
    /** While the index grows: the rows below {@code toMove} held only by its previous, from {@code moved} up. */
    private int moved;
    private int toMove;

    ReceiptRows(final int initialCapacity)
    {
        index = new Index(Math.max(16, initialCapacity), null);
    }

    /** Reader side: the row holding this receipt, or -1. */
    int find(final long hi, final long lo)
    {
        final Index searched = index;
        final long hash = Key128.hash(hi, lo);
        final int row = find(searched, hash, hi, lo);
        return row >= 0 || searched.previous == null ? row : find(searched.previous, hash, hi, lo);
    }

    private int find(final Index searched, final long hash, final long hi, final long lo)
    {
        int slot = searched.home(hash);
        while (true)
        {
            final int value = (int)INTS.getAcquire(searched.slots, slot);
            if (value == 0)
            {
                return -1;
            }
            if (searched.tagMatches(value, hash))
            {
                final int row = searched.rowOf(value);
                final ByteBuffer chunk = chunks[row >>> CHUNK_SHIFT];
                final int at = (row & CHUNK_MASK) * ROW_BYTES;
                if ((long)WORDS.get(chunk, at + HI) == hi && (long)WORDS.get(chunk, at + LO) == lo)
                {
                    return row;
                }
            }
            slot = searched.next(slot);
        }
    }

    /** Reader side: the row's status word, as last published. */
    long word(final int row)
    {
        return (long)WORDS.getAcquire(chunks[row >>> CHUNK_SHIFT], (row & CHUNK_MASK) * ROW_BYTES + WORD);
    }

    /** Reader side: the journal position the row was added with. */
    long position(final int row)
    {
        return (long)WORDS.get(chunks[row >>> CHUNK_SHIFT], (row & CHUNK_MASK) * ROW_BYTES + POSITION);
    }

    /** Writer side: the row's receipt, high half. */
    long hi(final int row)
    {
        return (long)WORDS.get(chunks[row >>> CHUNK_SHIFT], (row & CHUNK_MASK) * ROW_BYTES + HI);
    }

    /** Writer side: the row's receipt, low half. */
    long lo(final int row)
    {
        return (long)WORDS.get(chunks[row >>> CHUNK_SHIFT], (row & CHUNK_MASK) * ROW_BYTES + LO);
    }

    /** Writer side: adds a receipt {@link #find} does not find; returns its row. */
    int add(final long hi, final long lo, final long position, final long word)
    {
        if (size == index.threshold)
        {
            grow();
        }
        final int row = size;
        final int at = (row & CHUNK_MASK) * ROW_BYTES;
        final ByteBuffer chunk = chunkFor(row);
        WORDS.set(chunk, at + HI, hi);
        WORDS.set(chunk, at + LO, lo);
        WORDS.set(chunk, at + WORD, word);
        WORDS.set(chunk, at + POSITION, position);
        size++;
        index.put(Key128.hash(hi, lo), row);
        if (moved < toMove)
        {
            move(MOVES_PER_ADD);
        }
        return row;
    }

    /** Publishes an index half as large again that names the full one as its previous; rows move over as added. */
    private void grow()
    {
        move(toMove - moved);
        final int capacity = (int)Math.min(MAX_CAPACITY, index.capacity + (long)(index.capacity >>> 1));
        if (size >= (int)(capacity * MAX_LOAD))
        {
            throw new IllegalStateException("the readers' receipt index is full at " + size + " receipts");
        }
        moved = 0;
        toMove = size;
        index = new Index(capacity, index);
    }

    /** Moves up to {@code count} rows into the growing index; publishes it without its previous once all are in. */
    private void move(final int count)
    {
        final int end = Math.min(toMove, moved + count);
        final Index growing = index;
        for (int row = moved; row < end; row++)
        {
            growing.put(Key128.hash(hi(row), lo(row)), row);
        }
        moved = end;
        if (end == toMove && growing.previous != null)
        {
            index = growing.withoutPrevious();
        }
    }

    /** Writer side: publishes a new status word for a row. */
    void updateWord(final int row, final long word)
    {
        WORDS.setRelease(chunks[row >>> CHUNK_SHIFT], (row & CHUNK_MASK) * ROW_BYTES + WORD, word);
    }

    /**
     * Writer side: makes room for {@code receipts} in all, so that adding up to that many rebuilds the index once
     * now instead of step by step (each step visits every row). No effect when the index is that large already.
     */
    void reserve(final long receipts)
    {
        final long capacity = Math.min(MAX_CAPACITY, (long)Math.ceil(receipts / SIZED_LOAD));
        if (capacity > index.capacity)
        {
            move(toMove - moved);
            index = rebuilt((int)capacity);
        }
        final int chunksNeeded = (int)((Math.min(receipts, MAX_CAPACITY) + CHUNK_MASK) >>> CHUNK_SHIFT);
        if (chunksNeeded > chunks.length)
        {
            chunks = Arrays.copyOf(chunks, chunksNeeded);
        }
    }

    int size()
    {
        return size;
    }

    /** Bytes held: the index's slots, the chunks of rows and their directory. */
    long footprintBytes()
    {
        final Index current = index;
        long bytes = (long)current.slots.length * Integer.BYTES + (long)chunks.length * Integer.BYTES;
        if (current.previous != null)
        {
            bytes += (long)current.previous.slots.length * Integer.BYTES;
        }
        for (final ByteBuffer chunk : chunks)
        {
            bytes += chunk == null ? 0 : chunk.capacity();
        }
        return bytes;
    }

    /**
     * Reads the slot a search for this receipt starts at, so that the search soon after finds it in the cache: the
     * writer's, before a batch of replayed ballots is applied.
     */
    int touch(final long hi, final long lo)
    {
        final Index searched = index;
        return searched.slots[searched.home(Key128.hash(hi, lo))];
    }

    /** The chunk the next row goes to, allocated (and the directory published with it) on its first row. */
    private ByteBuffer chunkFor(final int row)
    {
        final int chunk = row >>> CHUNK_SHIFT;
        ByteBuffer[] directory = chunks;
        if (chunk < directory.length && directory[chunk] != null)
        {
            return directory[chunk];
        }
        if (chunk == directory.length)
        {
            directory = Arrays.copyOf(directory, directory.length * 2);
        }
        else
        {
            directory = directory.clone();
        }
        directory[chunk] = ByteBuffer.allocateDirect(CHUNK_ROWS * ROW_BYTES);
        // A new array, published before any slot names a row in it: a reader never sees a directory change in place.
        chunks = directory;
        return directory[chunk];
    }

    /** A new index of {@code capacity} slots holding every row, built before anyone can search it. */
    private Index rebuilt(final int capacity)
    {
        if (size >= (int)(capacity * MAX_LOAD))
        {
            throw new IllegalStateException("the readers' receipt index is full at " + size + " receipts");
        }
        final Index rebuilt = new Index(capacity, null);
        for (int row = 0; row < size; row++)
        {
            rebuilt.put(Key128.hash(hi(row), lo(row)), row);
        }
        return rebuilt;
    }

    /**
     * The slots, and what the capacity makes of them: immutable but for the slots filled. While it grows, the index
     * it replaces, which holds the rows not yet moved and no longer changes.
     */
    private static final class Index
    {
        final int[] slots;
        final int capacity;
        final int threshold;
        final int rowMask;
        final int tagMask;
        final Index previous;

        Index(final int capacity, final Index previous)
        {
            this(new int[capacity], previous);
        }

        private Index(final int[] slots, final Index previous)
        {
            this.slots = slots;
            this.previous = previous;
            capacity = slots.length;
            threshold = (int)(capacity * MAX_LOAD);
            // A slot holds row + 1 <= capacity in the low bits; the bits above are the tag.
            rowMask = (Integer.highestOneBit(capacity) << 1) - 1;
            tagMask = ~rowMask;
        }

        /** The same slots, once they hold every row: the previous index can go. */
        Index withoutPrevious()
        {
            return new Index(slots, null);
        }

        /** Multiply-shift: any capacity, not only powers of two. */
        int home(final long hash)
        {
            return (int)(((hash >>> 32) * capacity) >>> 32);
        }

        int next(final int slot)
        {
            final int next = slot + 1;
            return next == capacity ? 0 : next;
        }

        boolean tagMatches(final int value, final long hash)
        {
            return ((value ^ (int)hash) & tagMask) == 0;
        }

        int rowOf(final int value)
        {
            return (value & rowMask) - 1;
        }

        /** Writes the row into the first empty slot of its probe, last and with release semantics. */
        void put(final long hash, final int row)
        {
            int slot = home(hash);
            while (slots[slot] != 0)
            {
                slot = next(slot);
            }
            INTS.setRelease(slots, slot, ((int)hash & tagMask) | (row + 1));
        }
    }
}
