package org.urne.tally.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Key128;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table's two indexes against {@link HashMap}s: unit keys from a small space (so they repeat, share slots and
 * tags, and the key (0, 0) appears), each sighting giving the unit a new current receipt and moving the previous one
 * to a receipt row of its own, as a revote does, while the indexes grow from 64 slots many times; every key then
 * finds its row and absent keys find nothing.
 */
class BallotTableTest
{
    /**
     * With the records a replay expects (0: none), right or wrong, so that grown indexes are sized from the estimate
     * as well as half as large again.
     */
    @Property(tries = 300)
    void unitsAndReceiptsAreFoundAsAMapFindsThem(
        @ForAll("keys") final List<Tuple2<Long, Long>> keys, @ForAll @IntRange(min = 0, max = 5000) final int expected)
    {
        final BallotTable table = new BallotTable(UnitLayout.BALLOT + 1);
        final Map<Tuple2<Long, Long>, Integer> units = new HashMap<>();
        final Map<Tuple2<Long, Long>, Integer> receipts = new HashMap<>();
        long nextReceipt = 1L << 40;
        int seen = 0;
        for (final Tuple2<Long, Long> key : keys)
        {
            final long hi = key.get1();
            final long lo = key.get2();
            table.reserve(seen, expected - seen);
            seen++;
            final int unit = table.findUnit(hi, lo, Key128.hash(hi, lo));
            assertThat(unit).as("unit %s", key).isEqualTo(units.getOrDefault(key, -1));
            // The unit's ballot gets a new receipt, as a revote does: (0, 0) first, then ones never used before.
            final Tuple2<Long, Long> receipt = receipts.isEmpty() ? Tuple.of(0L, 0L) : Tuple.of(nextReceipt++, lo);
            assertThat(table.findReceipt(receipt.get1(), receipt.get2(), hash(receipt))).isEqualTo(-1);
            final int row;
            if (unit < 0)
            {
                row = table.addUnit(hi, lo, Key128.hash(hi, lo));
                units.put(key, row);
            }
            else
            {
                // The current receipt moves to a receipt row of its own before the row takes the new one.
                row = unit;
                final Tuple2<Long, Long> current = Tuple.of(unitWord(table, row, UnitLayout.RECEIPT_HI),
                    unitWord(table, row, UnitLayout.RECEIPT_LO));
                assertThat(receipts.get(current)).isEqualTo(row << 1);
                final int moved = table.addReceiptRow();
                setReceiptWord(table, moved, BallotTable.RECEIPT_HI, current.get1());
                setReceiptWord(table, moved, BallotTable.RECEIPT_LO, current.get2());
                table.repointReceipt(current.get1(), current.get2(), hash(current), (moved << 1) | 1);
                receipts.put(current, (moved << 1) | 1);
            }
            setUnitWord(table, row, UnitLayout.RECEIPT_HI, receipt.get1());
            setUnitWord(table, row, UnitLayout.RECEIPT_LO, receipt.get2());
            table.indexReceipt(hash(receipt), row << 1);
            receipts.put(receipt, row << 1);
        }

        assertThat(table.unitCount()).isEqualTo(units.size());
        assertThat(table.unitCount() + table.receiptRowCount()).isEqualTo(receipts.size());
        for (final Map.Entry<Tuple2<Long, Long>, Integer> entry : units.entrySet())
        {
            final int row = table.findUnit(entry.getKey().get1(), entry.getKey().get2(), hash(entry.getKey()));
            assertThat(row).isEqualTo(entry.getValue());
            assertThat(unitWord(table, row, UnitLayout.UNIT_LO)).isEqualTo(entry.getKey().get2());
        }
        for (final Map.Entry<Tuple2<Long, Long>, Integer> entry : receipts.entrySet())
        {
            assertThat(table.findReceipt(entry.getKey().get1(), entry.getKey().get2(), hash(entry.getKey())))
                .as("receipt %s", entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(table.findUnit(1000, 1000, Key128.hash(1000, 1000))).as("a key never added").isEqualTo(-1);
        assertThat(table.findReceipt(1000, 1000, Key128.hash(1000, 1000))).isEqualTo(-1);
    }

    /**
     * The ballot right after an index grew, when every key is still only in the old index: a revote moves the
     * unit's receipt to a receipt row, which puts it in the grown index, where the new receipt's search may have
     * ended on the very slot it takes: the new receipts are chosen so that it does (same home slot in an index of the
     * grown index's size, empty but for the moved receipt).
     */
    /**
     * A replay that expects 10,000 records, each bringing a new unit: the unit index fills at its 55th key (64 slots,
     * 85 %) and is replaced there by one for the 10,000 keys expected at 75 % load, and never again. Grown half again
     * at a time instead, it would end at 12,442 slots.
     */
    @Test
    void aReplayGrowsTheUnitIndexOnceToTheKeysItExpects()
    {
        final int records = 10_000;
        final BallotTable table = new BallotTable(UnitLayout.BALLOT + 1);
        final RowStore rows = new RowStore(UnitLayout.BALLOT + 1);
        for (int record = 0; record < records; record++)
        {
            table.reserve(record, records - record);
            final long hi = record * 0x9E3779B97F4A7C15L;
            final long lo = ~record;
            assertThat(table.findUnit(hi, lo, Key128.hash(hi, lo))).isEqualTo(-1);
            assertThat(table.addUnit(hi, lo, Key128.hash(hi, lo))).isEqualTo(rows.add());
        }
        final long unitSlots = (long)Math.ceil(records / 0.75);
        final long receiptSlots = 64;
        final long noReceiptRows = new RowStore(BallotTable.RECEIPT_WIDTH).footprintBytes();
        assertThat(table.footprintBytes()).as("the rows and the two indexes, the old ones gone")
            .isEqualTo(rows.footprintBytes() + noReceiptRows + Integer.BYTES * (unitSlots + receiptSlots));
        for (int record = 0; record < records; record++)
        {
            final long hi = record * 0x9E3779B97F4A7C15L;
            final long lo = ~record;
            assertThat(table.findUnit(hi, lo, Key128.hash(hi, lo))).isEqualTo(record);
        }
    }

    @Test
    void aRevoteRightAfterTheIndexGrewKeepsBothReceipts()
    {
        final RefIndex grownShape = new RefIndex(64).grown(0);
        for (int trial = 0; trial < 50; trial++)
        {
            final BallotTable table = new BallotTable(UnitLayout.BALLOT + 1);
            // Voters with one ballot each until the indexes are full (a mirror index of the same size says when);
            // the next reserve grows them, leaving every key in the old indexes only.
            final RefIndex mirror = new RefIndex(64);
            int units = 0;
            while (!mirror.isFull())
            {
                table.reserve(0, 0);
                vote(table, units, units);
                mirror.insertAll(new long[]{Key128.hash(units, units)}, new int[]{units}, 1);
                units++;
            }
            table.reserve(0, 0);
            final Random random = new Random(trial);
            final int unit = random.nextInt(units);
            final int home = grownShape.home(Key128.hash(receiptHi(unit), unit));
            long newHi;
            long newLo;
            do
            {
                newHi = random.nextLong();
                newLo = random.nextLong();
            }
            while (grownShape.home(Key128.hash(newHi, newLo)) != home);
            assertThat(table.findReceipt(newHi, newLo, Key128.hash(newHi, newLo))).isEqualTo(-1);
            assertThat(table.findUnit(unit, unit, Key128.hash(unit, unit))).isEqualTo(unit);
            final int moved = table.addReceiptRow();
            setReceiptWord(table, moved, BallotTable.RECEIPT_HI, receiptHi(unit));
            setReceiptWord(table, moved, BallotTable.RECEIPT_LO, unit);
            table.repointReceipt(receiptHi(unit), unit, Key128.hash(receiptHi(unit), unit), (moved << 1) | 1);
            setUnitWord(table, unit, UnitLayout.RECEIPT_HI, newHi);
            setUnitWord(table, unit, UnitLayout.RECEIPT_LO, newLo);
            table.indexReceipt(Key128.hash(newHi, newLo), unit << 1);

            // While the keys move (a few ballots), and once the old index is gone.
            for (int ballot = 0; ballot < 2 * units; ballot++)
            {
                assertThat(table.findReceipt(receiptHi(unit), unit, Key128.hash(receiptHi(unit), unit)))
                    .as("trial %d, ballot %d: the moved receipt", trial, ballot).isEqualTo((moved << 1) | 1);
                assertThat(table.findReceipt(newHi, newLo, Key128.hash(newHi, newLo)))
                    .as("trial %d, ballot %d: the new receipt", trial, ballot).isEqualTo(unit << 1);
                for (int other = 0; other < units; other++)
                {
                    assertThat(table.findUnit(other, other, Key128.hash(other, other))).isEqualTo(other);
                    if (other != unit)
                    {
                        assertThat(table.findReceipt(receiptHi(other), other, Key128.hash(receiptHi(other), other)))
                            .isEqualTo(other << 1);
                    }
                }
                table.reserve(0, 0);
            }
        }
    }

    private static void vote(final BallotTable table, final long unitKey, final int expectedRow)
    {
        assertThat(table.findUnit(unitKey, unitKey, Key128.hash(unitKey, unitKey))).isEqualTo(-1);
        assertThat(table.findReceipt(receiptHi(unitKey), unitKey, Key128.hash(receiptHi(unitKey), unitKey)))
            .isEqualTo(-1);
        final int row = table.addUnit(unitKey, unitKey, Key128.hash(unitKey, unitKey));
        assertThat(row).isEqualTo(expectedRow);
        setUnitWord(table, row, UnitLayout.RECEIPT_HI, receiptHi(unitKey));
        setUnitWord(table, row, UnitLayout.RECEIPT_LO, unitKey);
        table.indexReceipt(Key128.hash(receiptHi(unitKey), unitKey), row << 1);
    }

    private static long receiptHi(final long unitKey)
    {
        return unitKey * 0x9E3779B97F4A7C15L + 7;
    }

    private static long hash(final Tuple2<Long, Long> key)
    {
        return Key128.hash(key.get1(), key.get2());
    }

    @Provide
    Arbitrary<List<Tuple2<Long, Long>>> keys()
    {
        final Arbitrary<Long> half = Arbitraries.longs().between(0, 40);
        return Combinators.combine(half, half).as(Tuple::of).list().ofMaxSize(1200);
    }

    private static long unitWord(final BallotTable table, final int row, final int word)
    {
        return RowStore.wordAt(table.unitChunk(row), table.unitOffset(row) + word);
    }

    private static void setUnitWord(final BallotTable table, final int row, final int word, final long value)
    {
        RowStore.setWordAt(table.unitChunk(row), table.unitOffset(row) + word, value);
    }

    private static void setReceiptWord(final BallotTable table, final int row, final int word, final long value)
    {
        RowStore.setWordAt(table.receiptChunk(row), table.receiptOffset(row) + word, value);
    }
}
