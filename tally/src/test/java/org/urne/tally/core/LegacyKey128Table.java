package org.urne.tally.core;

import org.urne.tally.domain.Key128;

/**
 * {@link LegacyPollTally}'s table, with the unordered hash that {@code StateHash} computed from it. The original's
 * description follows.
 *
 * <p>An open-addressing hash table from 128-bit keys to a fixed number of {@code long} values, stored flat in one
 * {@code long[]}: no boxing, no per-entry object, a few cache lines per lookup. Entries are never removed (voters
 * and receipts stay known for the poll's life), which keeps linear probing simple. Keys are HMAC outputs, so
 * their bits are already uniform. (0, 0) marks an empty slot, so the key (0, 0) itself lives in one extra entry
 * after the hashed ones.
 */
final class LegacyKey128Table
{
    private static final double LOAD_FACTOR = 0.75;

    private final int valuesPerEntry;
    private final int stride;
    private long[] slots;
    private int capacity;
    private int size;
    private boolean hasZeroKey;
    private int resizeThreshold;

    LegacyKey128Table(final int valuesPerEntry, final int initialCapacity)
    {
        this.valuesPerEntry = valuesPerEntry;
        this.stride = 2 + valuesPerEntry;
        this.capacity = Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1;
        this.slots = new long[(capacity + 1) * stride];
        this.resizeThreshold = (int)(capacity * LOAD_FACTOR);
    }

    int size()
    {
        return size;
    }

    int valuesPerEntry()
    {
        return valuesPerEntry;
    }

    /** Bytes held by the table, for memory reports. */
    long footprintBytes()
    {
        return (long)slots.length * Long.BYTES;
    }

    /** The offset of the key's first value in {@link #array()}, or -1 when the key is absent. */
    int find(final long hi, final long lo)
    {
        final int probe = probe(hi, lo);
        return probe >= 0 ? probe : -1;
    }

    /**
     * Looks the key up with one probe sequence. Returns the offset of its first value in {@link #array()} when
     * present, or else a negative number that {@link #insert} turns into the free slot the key would take, so an
     * insertion does not probe again. Valid until the next insertion into this table.
     */
    int probe(final long hi, final long lo)
    {
        if (hi == 0 && lo == 0)
        {
            return hasZeroKey ? zeroKeyBase() + 2 : -(zeroKeyBase() + 2) - 1;
        }
        final int mask = capacity - 1;
        int index = (int)Key128.hash(hi, lo) & mask;
        while (true)
        {
            final int base = index * stride;
            final long slotHi = slots[base];
            final long slotLo = slots[base + 1];
            if (slotHi == hi && slotLo == lo)
            {
                return base + 2;
            }
            if (slotHi == 0 && slotLo == 0)
            {
                return -(base + 2) - 1;
            }
            index = (index + 1) & mask;
        }
    }

    /**
     * Inserts an absent key with zeroed values where {@code probe}, the answer {@link #probe} gave for it with no
     * insertion since, says it goes, growing the table if needed. Returns the offset of its first value, valid
     * until the next insertion.
     */
    int insert(final long hi, final long lo, final int probe)
    {
        size++;
        if (hi == 0 && lo == 0)
        {
            hasZeroKey = true;
            return zeroKeyBase() + 2;
        }
        if (size > resizeThreshold)
        {
            grow();
            return insertAbsent(hi, lo);
        }
        final int offset = -probe - 1;
        slots[offset - 2] = hi;
        slots[offset - 1] = lo;
        return offset;
    }

    /** The storage the offsets index: read and write values in place. */
    long[] array()
    {
        return slots;
    }

    /** Calls the visitor for each entry, in slot order (deterministic for a given insertion history). */
    void forEach(final EntryVisitor visitor)
    {
        for (int base = 0; base < zeroKeyBase(); base += stride)
        {
            if (slots[base] != 0 || slots[base + 1] != 0)
            {
                visitor.visit(slots, base, base + 2);
            }
        }
        if (hasZeroKey)
        {
            visitor.visit(slots, zeroKeyBase(), zeroKeyBase() + 2);
        }
    }

    /** Sees one entry: its key at {@code keyOffset} (hi, lo), its values from {@code valueOffset}. */
    interface EntryVisitor
    {
        void visit(long[] array, int keyOffset, int valueOffset);
    }

    private int zeroKeyBase()
    {
        return capacity * stride;
    }

    private int insertAbsent(final long hi, final long lo)
    {
        final int mask = capacity - 1;
        int index = (int)Key128.hash(hi, lo) & mask;
        while (slots[index * stride] != 0 || slots[index * stride + 1] != 0)
        {
            index = (index + 1) & mask;
        }
        final int base = index * stride;
        slots[base] = hi;
        slots[base + 1] = lo;
        return base + 2;
    }

    private void grow()
    {
        final long[] old = slots;
        final int oldZeroKeyBase = zeroKeyBase();
        capacity <<= 1;
        slots = new long[(capacity + 1) * stride];
        resizeThreshold = (int)(capacity * LOAD_FACTOR);
        for (int base = 0; base < oldZeroKeyBase; base += stride)
        {
            if (old[base] != 0 || old[base + 1] != 0)
            {
                final int to = insertAbsent(old[base], old[base + 1]);
                System.arraycopy(old, base + 2, slots, to, valuesPerEntry);
            }
        }
        System.arraycopy(old, oldZeroKeyBase, slots, zeroKeyBase(), stride);
    }

    /** The sum of each entry's hash (key and values): independent of slot order. */
    static long unorderedHash(final LegacyKey128Table table)
    {
        final long[] sum = new long[1];
        final int width = 2 + table.valuesPerEntry();
        table.forEach((array, keyOffset, valueOffset) ->
        {
            long x = 0x51ED2701L;
            for (int i = 0; i < width; i++)
            {
                x = StateHash.mix(x, array[keyOffset + i]);
            }
            sum[0] += x;
        });
        return StateHash.mix(table.size(), sum[0]);
    }
}
