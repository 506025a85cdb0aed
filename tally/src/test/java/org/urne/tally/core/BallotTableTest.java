package org.urne.tally.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table's two indexes against {@link HashMap}s: unit keys from a small space (so they repeat, share slots and
 * tags, and the key (0, 0) appears), each sighting giving the unit a new current receipt and moving the previous one
 * to a receipt row of its own, as a revote does, while the indexes grow from 64 slots many times; every key then
 * finds its row and absent keys find nothing.
 */
class BallotTableTest
{
    @Property(tries = 300)
    void unitsAndReceiptsAreFoundAsAMapFindsThem(@ForAll("keys") final List<Tuple2<Long, Long>> keys)
    {
        final BallotTable table = new BallotTable(UnitLayout.BALLOT + 1);
        final Map<Tuple2<Long, Long>, Integer> units = new HashMap<>();
        final Map<Tuple2<Long, Long>, Integer> receipts = new HashMap<>();
        long nextReceipt = 1L << 40;
        for (final Tuple2<Long, Long> key : keys)
        {
            final long hi = key.get1();
            final long lo = key.get2();
            table.reserve();
            final int unit = table.findUnit(hi, lo, RefIndex.hash(hi, lo));
            assertThat(unit).as("unit %s", key).isEqualTo(units.getOrDefault(key, -1));
            // The unit's ballot gets a new receipt, as a revote does: (0, 0) first, then ones never used before.
            final Tuple2<Long, Long> receipt = receipts.isEmpty() ? Tuple.of(0L, 0L) : Tuple.of(nextReceipt++, lo);
            assertThat(table.findReceipt(receipt.get1(), receipt.get2(), hash(receipt))).isEqualTo(-1);
            final int row;
            if (unit < 0)
            {
                row = table.addUnit(hi, lo, RefIndex.hash(hi, lo));
                units.put(key, row);
            }
            else
            {
                // The current receipt moves to a receipt row of its own before the row takes the new one.
                row = unit;
                final long[] chunk = table.unitChunk(row);
                final Tuple2<Long, Long> current = Tuple.of(chunk[table.unitOffset(row) + UnitLayout.RECEIPT_HI],
                    chunk[table.unitOffset(row) + UnitLayout.RECEIPT_LO]);
                assertThat(receipts.get(current)).isEqualTo(row << 1);
                final int moved = table.addReceiptRow();
                table.receiptChunk(moved)[table.receiptOffset(moved) + BallotTable.RECEIPT_HI] = current.get1();
                table.receiptChunk(moved)[table.receiptOffset(moved) + BallotTable.RECEIPT_LO] = current.get2();
                table.repointReceipt(current.get1(), current.get2(), hash(current), (moved << 1) | 1);
                receipts.put(current, (moved << 1) | 1);
            }
            table.unitChunk(row)[table.unitOffset(row) + UnitLayout.RECEIPT_HI] = receipt.get1();
            table.unitChunk(row)[table.unitOffset(row) + UnitLayout.RECEIPT_LO] = receipt.get2();
            table.indexReceipt(hash(receipt), row << 1);
            receipts.put(receipt, row << 1);
        }

        assertThat(table.unitCount()).isEqualTo(units.size());
        assertThat(table.unitCount() + table.receiptRowCount()).isEqualTo(receipts.size());
        for (final Map.Entry<Tuple2<Long, Long>, Integer> entry : units.entrySet())
        {
            final int row = table.findUnit(entry.getKey().get1(), entry.getKey().get2(), hash(entry.getKey()));
            assertThat(row).isEqualTo(entry.getValue());
            assertThat(table.unitChunk(row)[table.unitOffset(row) + UnitLayout.UNIT_LO]).isEqualTo(entry.getKey().get2());
        }
        for (final Map.Entry<Tuple2<Long, Long>, Integer> entry : receipts.entrySet())
        {
            assertThat(table.findReceipt(entry.getKey().get1(), entry.getKey().get2(), hash(entry.getKey())))
                .as("receipt %s", entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(table.findUnit(1000, 1000, RefIndex.hash(1000, 1000))).as("a key never added").isEqualTo(-1);
        assertThat(table.findReceipt(1000, 1000, RefIndex.hash(1000, 1000))).isEqualTo(-1);
    }

    private static long hash(final Tuple2<Long, Long> key)
    {
        return RefIndex.hash(key.get1(), key.get2());
    }

    @Provide
    Arbitrary<List<Tuple2<Long, Long>>> keys()
    {
        final Arbitrary<Long> half = Arbitraries.longs().between(0, 40);
        return Combinators.combine(half, half).as(Tuple::of).list().ofMaxSize(1200);
    }
}
