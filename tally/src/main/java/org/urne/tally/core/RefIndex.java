package org.urne.tally.core;

/**
 * An open-addressing index from 128-bit keys to int references into rows that hold the keys themselves: 4 bytes a
 * slot, so the index costs a few bytes per key where a table of the keys would cost their 16 and its empty slots.
 *
 * <p>A slot packs the reference plus one in its low bits (0 marks an empty slot) and, in the bits references do
 * not need, a tag from the key's hash. The index stores no key: its owner confirms a candidate by comparing the
 * full key at the reference, and the tag spares it that visit (a cache miss) for almost every other key it meets,
 * so a search for an absent key, which every new ballot makes twice, seldom leaves the index. References must stay
 * below twice the capacity (the owner codes two kinds of row in them).
 *
 * <p>Linear probing; the capacity needs not be a power of two (a slot is chosen by multiply-shift), so the index
 * grows by half at 85 % load and stays between 57 % and 85 % full. Growing makes an empty index half as large
 * again ({@link #grown}): the owner moves the keys over from its rows, a few per ballot. Nothing is ever removed.
 */
final class RefIndex
{
    /** A larger index would leave no bit for tags; rows of more keys do not fit Java arrays anyway. */
    static final int MAX_CAPACITY = 1 << 29;
    private static final double MAX_LOAD = 0.85;
    /** The load an index sized for an expected number of keys has when they are all in. */
    private static final double SIZED_LOAD = 0.75;
    private static final int SLOTS_PER_LINE = 16;

    private int[] slots;
    private int capacity;
    private int refMask;
    private int tagMask;
    private int size;
    private int threshold;
    private int touchedSink;

    RefIndex(final int initialCapacity)
    {
        allocate(initialCapacity);
    }

    /** The slot a key with this hash is searched from. */
    int home(final long hash)
    {
        return (int)(((hash >>> 32) * capacity) >>> 32);
    }

    int next(final int slot)
    {
        final int next = slot + 1;
        return next == capacity ? 0 : next;
    }

    /** The slot's content: 0 when empty, else give it to {@link #tagMatches} and {@link #refOf}. */
    int at(final int slot)
    {
        return slots[slot];
    }

    /** Whether the slot's tag allows its key to have this hash (false: it certainly has not). */
    boolean tagMatches(final int value, final long hash)
    {
        return ((value ^ (int)hash) & tagMask) == 0;
    }

    int refOf(final int value)
    {
        return (value & refMask) - 1;
    }

    /** Fills the empty slot a search ended on. */
    void put(final int slot, final long hash, final int ref)
    {
        slots[slot] = pack(hash, ref);
        size++;
    }

    /** Points an occupied slot, found for the same key, at another row. */
    void repoint(final int slot, final long hash, final int ref)
    {
        slots[slot] = pack(hash, ref);
    }

    /**
     * Adds keys known to be absent, searching their slots: for moving keys into a {@link #grown} index. The slots
     * are read once, all together, before any is searched, so their cache misses overlap instead of coming one by
     * one.
     */
    void insertAll(final long[] hashes, final int[] refs, final int count)
    {
        touchAll(hashes, count);
        for (int i = 0; i < count; i++)
        {
            insert(hashes[i], refs[i]);
        }
    }

    /** Reads the home slots of these keys, all together, so that searches soon after find them in the cache. */
    void touchAll(final long[] hashes, final int count)
    {
        int touched = 0;
        for (int i = 0; i < count; i++)
        {
            touched |= slots[home(hashes[i])];
        }
        // Kept in a field so the compiler cannot drop the reads: their only purpose is to start the misses.
        touchedSink += touched;
    }

    /**
     * Reads the slots a key's search starts from, so that a search soon after finds them in the cache: the first,
     * and the one a cache line (16 slots) further, since a search at 85 % load often runs past the first line.
     */
    int touch(final long hash)
    {
        final int home = home(hash);
        return slots[home] + slots[Math.min(home + SLOTS_PER_LINE, capacity - 1)];
    }

    private void insert(final long hash, final int ref)
    {
        int slot = home(hash);
        while (slots[slot] != 0)
        {
            slot = next(slot);
        }
        put(slot, hash, ref);
    }

    /** Whether one more key would pass the load limit; if so, move to a {@link #grown} index first. */
    boolean isFull()
    {
        return size + 1 > threshold;
    }

    /**
     * An empty index, to which the owner moves this one's keys: half as many slots again, or, when the owner
     * expects {@code expectedKeys} keys in all (0 when it does not know), enough for them at {@value #SIZED_LOAD}
     * load, so that an estimate a little short still fits without another growth.
     */
    RefIndex grown(final long expectedKeys)
    {
        if (capacity == MAX_CAPACITY)
        {
            throw new IllegalStateException("a poll's index cannot hold more than " + threshold + " keys");
        }
        final long sized = (long)Math.ceil(expectedKeys / SIZED_LOAD);
        return new RefIndex((int)Math.min(MAX_CAPACITY, Math.max(capacity + (capacity >> 1), sized)));
    }

    long footprintBytes()
    {
        return (long)slots.length * Integer.BYTES;
    }

    private int pack(final long hash, final int ref)
    {
        return ((int)hash & tagMask) | (ref + 1);
    }

    private void allocate(final int newCapacity)
    {
        capacity = Math.max(16, newCapacity);
        slots = new int[capacity];
        size = 0;
        threshold = (int)(capacity * MAX_LOAD);
        // References run below twice the capacity; plus one for the empty marker.
        final int refBits = 64 - Long.numberOfLeadingZeros(2L * capacity);
        refMask = (int)((1L << refBits) - 1);
        tagMask = ~refMask;
    }
}
