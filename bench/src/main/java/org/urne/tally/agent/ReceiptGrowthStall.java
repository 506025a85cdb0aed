package org.urne.tally.agent;

import java.util.SplittableRandom;

/**
 * What the readers' receipt rows cost the writer at their worst: adds receipts one at a time to rows that start
 * empty and are never reserved for them (a node started on an empty journal, then growing live), timing each
 * addition, and prints the slowest, how many took over a millisecond and the mean. A growth that stopped the writer
 * for a pass over every row shows as the slowest addition. Checks that every receipt is found in its row.
 *
 * <pre>java -Xmx8g -cp bench/target/benchmarks.jar org.urne.tally.agent.ReceiptGrowthStall [receipts, 10000000]</pre>
 */
public final class ReceiptGrowthStall
{
    private ReceiptGrowthStall()
    {
    }

    public static void main(final String[] args)
    {
        final int receipts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        final long[] hi = new long[receipts];
        final long[] lo = new long[receipts];
        final SplittableRandom random = new SplittableRandom(2022);
        for (int i = 0; i < receipts; i++)
        {
            hi[i] = random.nextLong();
            lo[i] = random.nextLong();
        }
        final ReceiptRows rows = new ReceiptRows(16);
        long slowest = 0;
        int slowestAt = 0;
        int overOneMilli = 0;
        final long start = System.nanoTime();
        for (int i = 0; i < receipts; i++)
        {
            final long before = System.nanoTime();
            rows.add(hi[i], lo[i], i, i);
            final long took = System.nanoTime() - before;
            if (took > 1_000_000)
            {
                overOneMilli++;
            }
            if (took > slowest)
            {
                slowest = took;
                slowestAt = i;
            }
        }
        final long total = System.nanoTime() - start;
        for (int i = 0; i < receipts; i++)
        {
            if (rows.find(hi[i], lo[i]) != i)
            {
                throw new IllegalStateException("receipt " + i + " is not found in its row");
            }
        }
        System.out.printf("receipts=%d slowestAddMicros=%d at=%d addsOver1ms=%d meanAddNanos=%.0f%n", receipts,
            slowest / 1000, slowestAt, overOneMilli, (double)total / receipts);
    }
}
