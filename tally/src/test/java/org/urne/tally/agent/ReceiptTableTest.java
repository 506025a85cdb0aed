package org.urne.tally.agent;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reserving room changes no answer: every key inserted before and after is found with its position and word. */
class ReceiptTableTest
{
    @Test
    void keysInsertedAroundAReservationAreAllFound()
    {
        final SplittableRandom random = new SplittableRandom(2022);
        final long[][] keys = new long[20_000][2];
        for (final long[] key : keys)
        {
            key[0] = random.nextLong();
            key[1] = random.nextLong();
        }
        final ReceiptTable table = new ReceiptTable(16);
        for (int i = 0; i < 700; i++)
        {
            table.insert(keys[i][0], keys[i][1], i, i * 3L);
        }
        final long[] before = table.table();

        table.reserve(keys.length);
        final long[] reserved = table.table();
        for (int i = 700; i < keys.length; i++)
        {
            table.insert(keys[i][0], keys[i][1], i, i * 3L);
        }

        assertThat(reserved.length).isGreaterThan(before.length);
        assertThat(table.table()).as("no growth after the reservation").isSameAs(reserved);
        for (int i = 0; i < keys.length; i++)
        {
            final int base = ReceiptTable.find(table.table(), keys[i][0], keys[i][1]);
            assertThat(base).as("key %d", i).isNotNegative();
            assertThat(ReceiptTable.position(table.table(), base)).isEqualTo(i);
            assertThat(ReceiptTable.word(table.table(), base)).isEqualTo(i * 3L);
        }
        // A reader still holding the array from before the reservation reads what it held then.
        assertThat(ReceiptTable.find(before, keys[5][0], keys[5][1])).isNotNegative();
        assertThat(ReceiptTable.find(before, keys[800][0], keys[800][1])).isNegative();

        table.reserve(10);
        assertThat(table.table()).as("a smaller reservation changes nothing").isSameAs(reserved);
    }
}
