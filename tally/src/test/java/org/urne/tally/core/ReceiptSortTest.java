package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Key128;

/** ReceiptSort orders receipts as their hex text sorts, whatever their count and however their halves compare. */
class ReceiptSortTest
{
    @Test
    void sortsAsTheHexTextSorts()
    {
        final Random random = new Random(13);
        for (final int count : new int[]{0, 1, 2, 3, 17, 100, 5_000})
        {
            final long[] his = new long[count];
            final long[] los = new long[count];
            for (int i = 0; i < count; i++)
            {
                // Shared high halves and signs on both sides: what an order on signed longs would get wrong.
                his[i] = i % 5 == 0 ? Long.MIN_VALUE + random.nextInt(3) : random.nextLong();
                los[i] = i % 7 == 0 ? -1 - random.nextInt(3) : random.nextLong();
            }
            final String[] expected = new String[count];
            for (int i = 0; i < count; i++)
            {
                expected[i] = new Key128(his[i], los[i]).toHex();
            }
            Arrays.sort(expected, Comparator.naturalOrder());
            ReceiptSort.sort(his, los, count);
            final String[] sorted = new String[count];
            for (int i = 0; i < count; i++)
            {
                sorted[i] = new Key128(his[i], los[i]).toHex();
            }
            assertThat(sorted).as(count + " receipts").containsExactly(expected);
        }
    }
}
