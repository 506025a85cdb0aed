package org.urne.tally.agent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An open-addressing table from 128-bit receipts to a journal position and one status word, written by one thread
 * (the tally agent) and read by any number of others without locks. An entry's key and word are written first and
 * its position last, with release semantics; a reader that sees the position (acquire) sees the rest. An empty slot
 * holds position 0, so positions are stored plus one. Entries are never removed, so a key inserted earlier is
 * never behind an empty slot on its probe path. Growing copies into a new array, published whole through a
 * volatile field: a reader holding the old one sees a consistent, possibly older, table.
 */
final class ReceiptTable
{
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int STRIDE = 4;
    private static final int HI = 0;
    private static final int LO = 1;
    private static final int WORD = 2;
    private static final int POSITION_PLUS_ONE = 3;
    private static final double LOAD_FACTOR = 0.7;
    /** The longest array {@link #reserve} makes: 2^28 slots, 8 GB. */
    private static final long MAX_LENGTH = 1L << 30;

    private volatile long[] slots;
    private int size;
    private int resizeThreshold;

    ReceiptTable(final int initialCapacity)
    {
        final int capacity = Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1;
        slots = new long[capacity * STRIDE];
        resizeThreshold = (int)(capacity * LOAD_FACTOR);
    }

    /** Reader side: the entry's offset in {@code table}, or -1. {@code table} is one read of {@link #table()}. */
    static int find(final long[] table, final long hi, final long lo)
    {
        final int mask = table.length / STRIDE - 1;
        int index = home(table, hi, lo);
        while (true)
        {
            final int base = index * STRIDE;
            if ((long)LONGS.getAcquire(table, base + POSITION_PLUS_ONE) == 0)
            {
                return -1;
            }
            if (table[base + HI] == hi && table[base + LO] == lo)
            {
                return base;
            }
            index = (index + 1) & mask;
        }
    }

    /** Reader side: the position of the entry at {@code base}. */
    static long position(final long[] table, final int base)
    {
        return (long)LONGS.getAcquire(table, base + POSITION_PLUS_ONE) - 1;
    }

    /** Reader side: the word of the entry at {@code base}, as last published. */
    static long word(final long[] table, final int base)
    {
        return (long)LONGS.getAcquire(table, base + WORD);
    }

    /** The current array, for readers: read it once per lookup. */
    long[] table()
    {
        return slots;
    }

    /** Writer side: inserts an absent key; returns its offset in the current {@link #table()}. */
    int insert(final long hi, final long lo, final long position, final long word)
    {
        if (size + 1 > resizeThreshold)
        {
            grow();
        }
        size++;
        return place(slots, hi, lo, position, word);
    }

    /**
     * Writer side: makes room for {@code entries} in all, so that inserting up to that many grows the table once now
     * instead of step by step (each step copies every entry). No effect when the table is that large already.
     */
    void reserve(final long entries)
    {
        long capacity = slots.length / STRIDE;
        while (capacity * LOAD_FACTOR < entries && capacity * 2 * STRIDE <= MAX_LENGTH)
        {
            capacity *= 2;
        }
        if (capacity * STRIDE > slots.length)
        {
            resize((int)(capacity * STRIDE));
        }
    }

    /** Writer side: publishes a new word for the entry at {@code base} of the current table. */
    void updateWord(final int base, final long word)
    {
        LONGS.setRelease(slots, base + WORD, word);
    }

    long footprintBytes()
    {
        return (long)slots.length * Long.BYTES;
    }

    private static int place(final long[] table, final long hi, final long lo, final long position, final long word)
    {
        final int mask = table.length / STRIDE - 1;
        int index = home(table, hi, lo);
        while (table[index * STRIDE + POSITION_PLUS_ONE] != 0)
        {
            index = (index + 1) & mask;
        }
        final int base = index * STRIDE;
        table[base + HI] = hi;
        table[base + LO] = lo;
        table[base + WORD] = word;
        LONGS.setRelease(table, base + POSITION_PLUS_ONE, position + 1);
        return base;
    }

    private void grow()
    {
        resize(slots.length * 2);
    }

    private void resize(final int length)
    {
        final long[] old = slots;
        final long[] bigger = new long[length];
        for (int base = 0; base < old.length; base += STRIDE)
        {
            if (old[base + POSITION_PLUS_ONE] != 0)
            {
                place(bigger, old[base + HI], old[base + LO], old[base + POSITION_PLUS_ONE] - 1, old[base + WORD]);
            }
        }
        resizeThreshold = (int)(bigger.length / STRIDE * LOAD_FACTOR);
        slots = bigger;
    }

    /**
     * Reads the slot a search for this receipt starts at, so that the search soon after finds it in the cache: the
     * writer's, before a batch of replayed ballots is applied.
     */
    static long touch(final long[] table, final long hi, final long lo)
    {
        return table[home(table, hi, lo) * STRIDE + POSITION_PLUS_ONE];
    }

    /**
     * The slot a receipt's probe starts at. Receipts are HMAC outputs: their bits are uniform already, so folding the
     * halves is hash enough.
     */
    private static int home(final long[] table, final long hi, final long lo)
    {
        return (int)(hi ^ lo) & (table.length / STRIDE - 1);
    }
}
