package org.urne.tally.core;

import static org.urne.tally.core.RowStore.setWordAt;
import static org.urne.tally.core.RowStore.wordAt;

import java.nio.ByteBuffer;

import org.urne.tally.domain.Key128;

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
 * <p>Rows are appended and never move, so growing touches only the indexes (4 bytes a slot), and never all at once:
 * an index that fills is replaced by an empty one half as large again, and the keys move over from the rows
 * {@value #MOVED_PER_BALLOT} rows per ballot, while searches look in the new index, then in the old. Rebuilding a
 * whole index in the ballot that filled it took 1.2 s at 7M voters (docs/benchmarks.md, "Index growth without a stop"), during
 * which the tally thread answered nothing. What changes while keys move is written to the new index only, so its
 * answer wins whenever it has one; the old one still answers for the keys not moved yet, as they were.
 *
 * <p>A search leaves the slot it ended on for the insertion that may follow; {@link #reserve} grows the indexes and
 * moves keys before the searches of a ballot, so those slots stay valid until the ballot is applied.
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
    /**
     * Rows whose keys move to a grown index per ballot, and per batch of misses in flight. The old index holds at
     * most 85 % of its capacity and the new one has half as many slots again, so the move must end before half as
     * many keys as the old index holds are added: a ballot adds at most two keys to an index, and moves 32 rows.
     */
    private static final int MOVED_PER_BALLOT = 32;

    private final RowStore units;
    private final RowStore receipts = new RowStore(RECEIPT_WIDTH);
    private RefIndex unitIndex = new RefIndex(INITIAL_INDEX_CAPACITY);
    private RefIndex receiptIndex = new RefIndex(INITIAL_INDEX_CAPACITY);
    /** The indexes being replaced, or null: they still answer for the keys not moved yet. */
    private RefIndex oldUnitIndex;
    private RefIndex oldReceiptIndex;
    /** The next row whose key moves, and the rows there were when the move began (later ones are indexed anew). */
    private int unitsMoved;
    private int unitsToMove;
    private int unitReceiptsMoved;
    private int unitReceiptsToMove;
    private int receiptRowsMoved;
    private int receiptRowsToMove;
    private final long[] movingHashes = new long[MOVED_PER_BALLOT];
    private final int[] movingRefs = new int[MOVED_PER_BALLOT];
    private final long[] movingHi = new long[MOVED_PER_BALLOT];
    private final long[] movingLo = new long[MOVED_PER_BALLOT];
    private int unitSlot;
    private int receiptSlot;

    BallotTable(final int unitWidth)
    {
        this.units = new RowStore(unitWidth);
    }

    /**
     * Moves some keys to the indexes that replace full ones, and replaces an index that one more key would
     * overfill: call before the searches of each ballot. A replay that knows how many records are still to come
     * gives them with the records seen since the poll's definition ({@code recordsToCome} 0 otherwise): a full
     * index is then replaced by one sized for the keys those records would bring at the poll's rate so far, rather
     * than by one half as large again, which moves every key about twice over an election.
     */
    void reserve(final long recordsSeen, final long recordsToCome)
    {
        if (oldUnitIndex != null)
        {
            moveUnits();
        }
        if (oldReceiptIndex != null)
        {
            moveReceipts();
        }
        if (unitIndex.isFull())
        {
            // A move still under way ends first: only if keys came faster than the pace above allows for.
            while (oldUnitIndex != null)
            {
                moveUnits();
            }
            oldUnitIndex = unitIndex;
            unitIndex = unitIndex.grown(expectedKeys(units.size(), recordsSeen, recordsToCome));
            unitsMoved = 0;
            unitsToMove = units.size();
        }
        if (receiptIndex.isFull())
        {
            while (oldReceiptIndex != null)
            {
                moveReceipts();
            }
            oldReceiptIndex = receiptIndex;
            receiptIndex = receiptIndex.grown(
                expectedKeys((long)units.size() + receipts.size(), recordsSeen, recordsToCome));
            unitReceiptsMoved = 0;
            unitReceiptsToMove = units.size();
            receiptRowsMoved = 0;
            receiptRowsToMove = receipts.size();
        }
    }

    /** The keys an index will hold if the records to come bring them at the rate so far; 0 when none are known. */
    private static long expectedKeys(final long keys, final long recordsSeen, final long recordsToCome)
    {
        if (recordsToCome <= 0 || recordsSeen <= 0)
        {
            return 0;
        }
        return keys + (long)Math.ceil((double)keys / recordsSeen * recordsToCome);
    }

    /**
     * Starts loading the index slots where the searches for this unit and receipt begin, changing nothing: a
     * caller that knows the next ballots touches theirs first, so their cache misses overlap.
     */
    int touch(final long unitHash, final long receiptHash)
    {
        final int touched = unitIndex.touch(unitHash) + receiptIndex.touch(receiptHash);
        // While keys move, a key not moved yet is searched in the old index too.
        return touched + (oldUnitIndex == null ? 0 : oldUnitIndex.touch(unitHash)) +
            (oldReceiptIndex == null ? 0 : oldReceiptIndex.touch(receiptHash));
    }

    /**
     * Moves the unit keys of the next {@value #MOVED_PER_BALLOT} rows to the grown index. They are all absent there:
     * a unit key is added once, with its row, and the rows being moved were all added before the move began.
     */
    private void moveUnits()
    {
        final int end = Math.min(unitsToMove, unitsMoved + MOVED_PER_BALLOT);
        int count = 0;
        for (int row = unitsMoved; row < end; row++)
        {
            final ByteBuffer chunk = units.chunk(row);
            final int at = units.offset(row);
            movingHashes[count] =
                Key128.hash(wordAt(chunk, at + UnitLayout.UNIT_HI), wordAt(chunk, at + UnitLayout.UNIT_LO));
            movingRefs[count++] = row;
        }
        unitIndex.insertAll(movingHashes, movingRefs, count);
        unitsMoved = end;
        if (unitsMoved == unitsToMove)
        {
            oldUnitIndex = null;
        }
    }

    /**
     * Moves the receipts of the next {@value #MOVED_PER_BALLOT} rows (unit rows' current receipts, then receipt
     * rows) to the grown index, each unless the grown index has it already: a receipt indexed, or pointed
     * elsewhere, since the move began is there with its reference of now, which the row's would contradict.
     */
    private void moveReceipts()
    {
        int count = 0;
        while (count < MOVED_PER_BALLOT && unitReceiptsMoved < unitReceiptsToMove)
        {
            final int row = unitReceiptsMoved++;
            final ByteBuffer chunk = units.chunk(row);
            final int at = units.offset(row);
            stageMove(count++, wordAt(chunk, at + UnitLayout.RECEIPT_HI), wordAt(chunk, at + UnitLayout.RECEIPT_LO),
                row << 1);
        }
        while (count < MOVED_PER_BALLOT && receiptRowsMoved < receiptRowsToMove)
        {
            final int row = receiptRowsMoved++;
            final ByteBuffer chunk = receipts.chunk(row);
            final int at = receipts.offset(row);
            stageMove(count++, wordAt(chunk, at + RECEIPT_HI), wordAt(chunk, at + RECEIPT_LO), (row << 1) | 1);
        }
        receiptIndex.touchAll(movingHashes, count);
        for (int i = 0; i < count; i++)
        {
            final int slot = receiptSlotOf(receiptIndex, movingHi[i], movingLo[i], movingHashes[i]);
            if (slot < 0)
            {
                receiptIndex.put(-slot - 1, movingHashes[i], movingRefs[i]);
            }
        }
        if (unitReceiptsMoved == unitReceiptsToMove && receiptRowsMoved == receiptRowsToMove)
        {
            oldReceiptIndex = null;
        }
    }

    private void stageMove(final int i, final long hi, final long lo, final int ref)
    {
        movingHi[i] = hi;
        movingLo[i] = lo;
        movingHashes[i] = Key128.hash(hi, lo);
        movingRefs[i] = ref;
    }

    /** The unit's row number, or -1; either way {@link #addUnit} may follow for this key. */
    int findUnit(final long hi, final long lo, final long hash)
    {
        final int found = unitIn(unitIndex, hi, lo, hash);
        if (found >= 0)
        {
            return found;
        }
        unitSlot = -found - 1;
        return oldUnitIndex == null ? -1 : Math.max(-1, unitIn(oldUnitIndex, hi, lo, hash));
    }

    /** The unit's row number in {@code index}, or minus one minus the empty slot where the search ended. */
    private int unitIn(final RefIndex index, final long hi, final long lo, final long hash)
    {
        int slot = index.home(hash);
        while (true)
        {
            final int value = index.at(slot);
            if (value == 0)
            {
                return -slot - 1;
            }
            if (index.tagMatches(value, hash))
            {
                final int row = index.refOf(value);
                final ByteBuffer chunk = units.chunk(row);
                final int at = units.offset(row);
                if (wordAt(chunk, at + UnitLayout.UNIT_HI) == hi && wordAt(chunk, at + UnitLayout.UNIT_LO) == lo)
                {
                    return row;
                }
            }
            slot = index.next(slot);
        }
    }

    /**
     * The receipt's reference (even: a unit row's number times two; odd: a receipt row's, times two, plus one), or
     * -1; when -1, {@link #indexReceipt} may follow for this key.
     */
    int findReceipt(final long hi, final long lo, final long hash)
    {
        final int slot = receiptSlotOf(receiptIndex, hi, lo, hash);
        if (slot >= 0)
        {
            return receiptIndex.refOf(receiptIndex.at(slot));
        }
        receiptSlot = -slot - 1;
        if (oldReceiptIndex != null)
        {
            final int old = receiptSlotOf(oldReceiptIndex, hi, lo, hash);
            if (old >= 0)
            {
                return oldReceiptIndex.refOf(oldReceiptIndex.at(old));
            }
        }
        return -1;
    }

    /** Adds a unit row for the key {@link #findUnit} just missed; its other words are zero. */
    int addUnit(final long hi, final long lo, final long hash)
    {
        final int row = units.add();
        final ByteBuffer chunk = units.chunk(row);
        final int at = units.offset(row);
        setWordAt(chunk, at + UnitLayout.UNIT_HI, hi);
        setWordAt(chunk, at + UnitLayout.UNIT_LO, lo);
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
        int slot = receiptSlot;
        // A receipt moved over from an old index since the search (repointReceipt) may have taken the slot where it
        // ended; linear probing goes on from there.
        while (receiptIndex.at(slot) != 0)
        {
            slot = receiptIndex.next(slot);
        }
        receiptIndex.put(slot, hash, ref);
    }

    /** Points an indexed receipt at another row (a unit's current receipt moving to a receipt row of its own). */
    void repointReceipt(final long hi, final long lo, final long hash, final int ref)
    {
        final int slot = receiptSlotOf(receiptIndex, hi, lo, hash);
        if (slot >= 0)
        {
            receiptIndex.repoint(slot, hash, ref);
            return;
        }
        // Only the old index has it, not moved yet: the grown one takes it with its new reference, which wins.
        receiptIndex.put(-slot - 1, hash, ref);
    }

    ByteBuffer unitChunk(final int row)
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

    ByteBuffer receiptChunk(final int row)
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

    /** Bytes held by rows and indexes (old ones still being moved from included), for memory reports. */
    long footprintBytes()
    {
        return units.footprintBytes() + receipts.footprintBytes() + unitIndex.footprintBytes() +
            receiptIndex.footprintBytes() + (oldUnitIndex == null ? 0 : oldUnitIndex.footprintBytes()) +
            (oldReceiptIndex == null ? 0 : oldReceiptIndex.footprintBytes());
    }

    /** The slot of {@code index} holding the receipt, or minus one minus the empty slot where the search ended. */
    private int receiptSlotOf(final RefIndex index, final long hi, final long lo, final long hash)
    {
        int slot = index.home(hash);
        while (true)
        {
            final int value = index.at(slot);
            if (value == 0)
            {
                return -slot - 1;
            }
            if (index.tagMatches(value, hash) && holdsReceipt(index.refOf(value), hi, lo))
            {
                return slot;
            }
            slot = index.next(slot);
        }
    }

    private boolean holdsReceipt(final int ref, final long hi, final long lo)
    {
        final int row = ref >>> 1;
        if ((ref & 1) == 0)
        {
            final ByteBuffer chunk = units.chunk(row);
            final int at = units.offset(row);
            return wordAt(chunk, at + UnitLayout.RECEIPT_HI) == hi && wordAt(chunk, at + UnitLayout.RECEIPT_LO) == lo;
        }
        final ByteBuffer chunk = receipts.chunk(row);
        final int at = receipts.offset(row);
        return wordAt(chunk, at + RECEIPT_HI) == hi && wordAt(chunk, at + RECEIPT_LO) == lo;
    }
}
