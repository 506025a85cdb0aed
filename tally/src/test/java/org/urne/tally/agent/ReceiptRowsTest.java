package org.urne.tally.agent;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptRowsTest
{
    /**
     * Receipts added from the smallest index up (a dozen rebuilds), around a reservation, random and structured
     * (one half zero, as no HMAC gives but a test might), are all found in their rows, with their position and last
     * word; receipts never added are not.
     */
    @Test
    void everyReceiptAddedIsFoundThroughEveryRebuildAndAReservation()
    {
        final long[][] keys = keys(30_000, 2022);
        for (int i = 0; i < 5_000; i++)
        {
            keys[i][0] = 0;
            keys[i][1] = i;
        }
        final ReceiptRows rows = new ReceiptRows(16);
        for (int i = 0; i < keys.length; i++)
        {
            if (i == 12_000)
            {
                rows.reserve(keys.length);
            }
            assertThat(rows.find(keys[i][0], keys[i][1])).as("key %d before it is added", i).isEqualTo(-1);
            assertThat(rows.add(keys[i][0], keys[i][1], 10L * i, i)).isEqualTo(i);
            // An earlier receipt, moved to a growing index or not yet.
            final int earlier = (int)((i * 7919L) % (i + 1));
            assertThat(rows.find(keys[earlier][0], keys[earlier][1])).as("key %d after %d", earlier, i)
                .isEqualTo(earlier);
            if (i % 7 == 0)
            {
                rows.updateWord(i, -i);
            }
        }

        assertThat(rows.size()).isEqualTo(keys.length);
        for (int i = 0; i < keys.length; i++)
        {
            final int row = rows.find(keys[i][0], keys[i][1]);
            assertThat(row).as("key %d", i).isEqualTo(i);
            assertThat(rows.position(row)).isEqualTo(10L * i);
            assertThat(rows.word(row)).isEqualTo(i % 7 == 0 ? -i : i);
            assertThat(rows.hi(row)).isEqualTo(keys[i][0]);
            assertThat(rows.lo(row)).isEqualTo(keys[i][1]);
        }
        for (final long[] absent : keys(2_000, 7))
        {
            assertThat(rows.find(absent[0], absent[1])).isEqualTo(-1);
        }
        assertThat(rows.find(0, keys.length)).isEqualTo(-1);
    }

    /**
     * A full index is not rebuilt in one go: the grown one is searched at once, the old one beside it until its rows
     * have moved over, {@link ReceiptRows#MOVES_PER_ADD} with each addition, and every receipt is found throughout.
     */
    @Test
    void aGrowingIndexMovesTheOldRowsAFewPerAddition()
    {
        final long[][] keys = keys(1_100, 17);
        final ReceiptRows rows = new ReceiptRows(1_000);
        for (int i = 0; i < 850; i++)
        {
            rows.add(keys[i][0], keys[i][1], i, i);
        }
        final long full = rows.footprintBytes();

        // 850 rows fill 1,000 slots to 85 %: the next addition publishes 1,500 slots and keeps the 1,000 beside them.
        // 850 rows at 4 an addition take 213 additions (this one included) to move.
        for (int i = 850; i < 850 + 212; i++)
        {
            rows.add(keys[i][0], keys[i][1], i, i);
            assertThat(rows.footprintBytes() - full).as("after row %d", i).isEqualTo(1_500L * Integer.BYTES);
            assertEveryReceiptFound(rows, keys, i + 1);
        }
        rows.add(keys[1_062][0], keys[1_062][1], 1_062, 1_062);
        assertThat(rows.footprintBytes() - full).isEqualTo(500L * Integer.BYTES);
        assertEveryReceiptFound(rows, keys, 1_063);
    }

    /** A reservation made before the receipts come leaves nothing to rebuild while they do. */
    @Test
    void aReservationIsTheLastRebuildForTheReceiptsItExpects()
    {
        final ReceiptRows rows = new ReceiptRows(16);
        rows.reserve(50_000);
        final long reserved = rows.footprintBytes();
        final long[][] keys = keys(50_000, 3);
        for (int i = 0; i < keys.length; i++)
        {
            rows.add(keys[i][0], keys[i][1], i, i);
        }
        // Only the rows' chunks were added: the index and the chunks' directory are what the reservation made.
        assertThat(rows.footprintBytes() - reserved).isEqualTo(13L * 4096 * 32);
    }

    /**
     * Readers on another thread, searching while the writer adds, rebuilds and rewrites words, always find a receipt
     * added before their search began, whole: its own row, position and one of the words it was given. The one being
     * added meanwhile is either not found yet or found whole.
     */
    @Test
    void aReaderFindsEveryReceiptAddedBeforeItsSearchBegan() throws InterruptedException
    {
        final long[][] keys = keys(400_000, 11);
        final ReceiptRows rows = new ReceiptRows(16);
        final AtomicInteger added = new AtomicInteger();
        final AtomicReference<String> failure = new AtomicReference<>();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        final Thread reader = new Thread(() ->
        {
            final SplittableRandom random = new SplittableRandom(5);
            int searches = 0;
            while (failure.get() == null && System.nanoTime() < deadline)
            {
                final int count = added.get();
                if (count == keys.length && ++searches > 200_000)
                {
                    return;
                }
                if (count == 0)
                {
                    continue;
                }
                // Mostly the receipt added last, whose row and slot were written just before; now and then any
                // earlier one, which a growing index may not hold yet.
                final int pick = random.nextInt(8);
                final int i = pick == 0 ? random.nextInt(count) :
                    count - 1 - (pick < 3 ? random.nextInt(Math.min(count, 64)) : 0);
                final int row = rows.find(keys[i][0], keys[i][1]);
                final long word = row == i ? rows.word(row) : 0;
                if (row != i || rows.position(row) != 3L * i || word != i && word != ~i)
                {
                    failure.set("key " + i + " of " + count + " added: row " + row + ", word " + word);
                }
                // The receipt being added as this search runs: not found yet, or found whole.
                if (count < keys.length)
                {
                    final int next = rows.find(keys[count][0], keys[count][1]);
                    final long nextWord = next == count ? rows.word(next) : 0;
                    if (next != -1 && (next != count || rows.position(next) != 3L * count ||
                        nextWord != count && nextWord != ~count))
                    {
                        failure.set("key " + count + ", being added: row " + next);
                    }
                }
            }
        }, "receipt-rows-reader");
        reader.start();
        for (int i = 0; i < keys.length && failure.get() == null; i++)
        {
            rows.add(keys[i][0], keys[i][1], 3L * i, i);
            added.set(i + 1);
            if (i > 0 && i % 3 == 0)
            {
                rows.updateWord(i - 1, ~(i - 1L));
            }
        }
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(added.get()).isEqualTo(keys.length);
    }

    private static void assertEveryReceiptFound(final ReceiptRows rows, final long[][] keys, final int added)
    {
        for (int i = 0; i < added; i++)
        {
            assertThat(rows.find(keys[i][0], keys[i][1])).as("key %d of %d", i, added).isEqualTo(i);
        }
    }

    private static long[][] keys(final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[][] keys = new long[count][2];
        for (final long[] key : keys)
        {
            key[0] = random.nextLong();
            key[1] = random.nextLong();
        }
        return keys;
    }
}
