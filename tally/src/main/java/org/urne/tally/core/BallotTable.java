package org.urne.tally.core;

/**
 * Where a poll keeps its units and receipts, exactly and in few bytes.
 *
 * <p>One unit row per counted unit (the voter, or for opinion polls the voter and proposal) holds the unit's key,
 * its current ballot and that ballot's receipt (layout: {@link UnitLayout}), so a voter who voted once costs one
 * row. Every other receipt (of a ballot since superseded, stale or refused) has a receipt row of its own:
 * {@link #RECEIPT_WIDTH} words, its key, its ballot's position, outcome and fingerprint, and its unit's key. Two
 * {@link RefIndex}es find rows by unit key and by receipt; a receipt's reference is its unit row's number times
 * two when it is that unit's current receipt, its receipt row's number times two plus one otherwise. Keys stay
 * whole (128 bits) in the rows and every match compares them whole: two voters or two receipts are never merged.
 *
 * <p>Rows are appended and never move, so growing rebuilds only the indexes (4 bytes a slot). A search leaves
 * the slot it ended on for the insertion that may follow; {@link #reserve} grows the indexes before the searches
 * of a ballot, so those slots stay valid until the ballot is applied.
 */
final class BallotTable
{
    static final int RECEIPT_HI = 0;
    static final int RECEIPT_LO = 1;
    static final int RECEIPT_POSITION = 2;
    static final int RECEIPT_META = 3;
    static final int RECEIPT_UNIT_HI = 4;
    static final int RECEIPT_UNIT_LO = 5;
    static final int RECEIPT_WIDTH = 6;

    private static final int INITIAL_INDEX_CAPACITY = 64;
    /** Keys reinserted together when an index grows: enough misses in flight to cover one's latency. */
    private static final int REBUILD_BATCH = 32;

    private final RowStore units;
    private final RowStore receipts = new RowStore(RECEIPT_WIDTH);
    private final RefIndex unitIndex = new RefIndex(INITIAL_INDEX_CAPACITY);
    private final RefIndex receiptIndex = new RefIndex(INITIAL_INDEX_CAPACITY);
    private final long[] rebuildHashes = new long[REBUILD_BATCH];
    private final int[] rebuildRefs = new int[REBUILD_BATCH];
    private int unitSlot;
    private int receiptSlot;

    BallotTable(final int unitWidth)
    {
        this.units = new RowStore(unitWidth);
    }

    /** Grows the indexes if one more key would overfill them: call before the searches of each ballot. */
    void reserve()
    {
        if (unitIndex.isFull())
        {
            unitIndex.grow();
            reindex(unitIndex, units, UnitLayout.UNIT_HI, 0, 0);
        }
        if (receiptIndex.isFull())
        {
            receiptIndex.grow();
            reindex(receiptIndex, units, UnitLayout.RECEIPT_HI, 1, 0);
            reindex(receiptIndex, receipts, RECEIPT_HI, 1, 1);
        }
    }

    /**
     * Starts loading the index slots where the searches for this unit and receipt begin, changing nothing: a
     * caller that knows the next ballots touches theirs first, so their cache misses overlap.
     */
    int touch(final long unitHash, final long receiptHash)
    {
        return unitIndex.touch(unitHash) + receiptIndex.touch(receiptHash);
    }

    /** Inserts the key at word {@code keyWord} of every row, as reference {@code (row << shift) | kind}. */
    private void reindex(final RefIndex index, final RowStore rows, final int keyWord, final int shift, final int kind)
    {
        int pending = 0;
        for (int row = 0; row < rows.size(); row++)
        {
            final long[] chunk = rows.chunk(row);
            final int at = rows.offset(row) + keyWord;
            rebuildHashes[pending] = RefIndex.hash(chunk[at], chunk[at + 1]);
            rebuildRefs[pending] = (row << shift) | kind;
            if (++pending == REBUILD_BATCH)
            {
                index.insertAll(rebuildHashes, rebuildRefs, pending);
                pending = 0;
            }
        }
        index.insertAll(rebuildHashes, rebuildRefs, pending);
    }

    /** The unit's row number, or -1; either way {@link #addUnit} may follow for this key. */
    int findUnit(final long hi, final long lo, final long hash)
    {
        int slot = unitIndex.home(hash);
        while (true)
        {
            final int value = unitIndex.at(slot);
            if (value == 0)
            {
                unitSlot = slot;
                return -1;
            }
            if (unitIndex.tagMatches(value, hash))
            {
                final int row = unitIndex.refOf(value);
                final long[] chunk = units.chunk(row);
                final int at = units.offset(row);
                if (chunk[at + UnitLayout.UNIT_HI] == hi && chunk[at + UnitLayout.UNIT_LO] == lo)
                {
                    unitSlot = slot;
                    return row;
                }
            }
            slot = unitIndex.next(slot);
        }
    }

    /**
     * The receipt's reference (even: a unit row's number times two; odd: a receipt row's, times two, plus one), or
     * -1; when -1, {@link #indexReceipt} may follow for this key.
     */
    int findReceipt(final long hi, final long lo, final long hash)
    {
        final int slot = receiptSlotOf(hi, lo, hash);
        if (slot < 0)
        {
            receiptSlot = -slot - 1;
            return -1;
        }
        return receiptIndex.refOf(receiptIndex.at(slot));
    }

    /** Adds a unit row for the key {@link #findUnit} just missed; its other words are zero. */
    int addUnit(final long hi, final long lo, final long hash)
    {
        final int row = units.add();
        final long[] chunk = units.chunk(row);
        final int at = units.offset(row);
        chunk[at + UnitLayout.UNIT_HI] = hi;
        chunk[at + UnitLayout.UNIT_LO] = lo;
        unitIndex.put(unitSlot, hash, row);
        return row;
    }

    /** Adds a zeroed receipt row; the caller fills it and indexes it. */
    int addReceiptRow()
    {
        return receipts.add();
    }

    /** Indexes the receipt {@link #findReceipt} just missed, at the reference given. */
    void indexReceipt(final long hash, final int ref)
    {
        receiptIndex.put(receiptSlot, hash, ref);
    }

    /** Points an indexed receipt at another row (a unit's current receipt moving to a receipt row of its own). */
    void repointReceipt(final long hi, final long lo, final long hash, final int ref)
    {
        receiptIndex.repoint(receiptSlotOf(hi, lo, hash), hash, ref);
    }

    long[] unitChunk(final int row)
    {
        return units.chunk(row);
    }

    int unitOffset(final int row)
    {
        return units.offset(row);
    }

    int unitCount()
    {
        return units.size();
    }

    long[] receiptChunk(final int row)
    {
        return receipts.chunk(row);
    }

    int receiptOffset(final int row)
    {
        return receipts.offset(row);
    }

    int receiptRowCount()
    {
        return receipts.size();
    }

    /** Bytes held by rows and indexes, for memory reports. */
    long footprintBytes()
    {
        return units.footprintBytes() + receipts.footprintBytes() + unitIndex.footprintBytes() +
            receiptIndex.footprintBytes();
    }

    /** The slot holding the receipt, or minus one minus the empty slot where the search ended. */
    private int receiptSlotOf(final long hi, final long lo, final long hash)
    {
        int slot = receiptIndex.home(hash);
        while (true)
        {
            final int value = receiptIndex.at(slot);
            if (value == 0)
            {
                return -slot - 1;
            }
            if (receiptIndex.tagMatches(value, hash) && holdsReceipt(receiptIndex.refOf(value), hi, lo))
            {
                return slot;
            }
            slot = receiptIndex.next(slot);
        }
    }

    private boolean holdsReceipt(final int ref, final long hi, final long lo)
    {
        final int row = ref >>> 1;
        if ((ref & 1) == 0)
        {
            final long[] chunk = units.chunk(row);
            final int at = units.offset(row);
            return chunk[at + UnitLayout.RECEIPT_HI] == hi && chunk[at + UnitLayout.RECEIPT_LO] == lo;
        }
        final long[] chunk = receipts.chunk(row);
        final int at = receipts.offset(row);
        return chunk[at + RECEIPT_HI] == hi && chunk[at + RECEIPT_LO] == lo;
    }
}
