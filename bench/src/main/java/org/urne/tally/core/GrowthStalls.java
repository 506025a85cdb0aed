package org.urne.tally.core;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

import org.urne.tally.bench.Election;

/**
 * The longest single ballots of an election: applies one election as {@link CoreApplyBenchmark} does and prints
 * every ballot whose apply took longer than a threshold, saying whether a garbage collection ran during it. The
 * indexes grow each time the voters so far reach about 1.5 times their count at the last growth (at 10M voters:
 * ..., 3,087,253, 4,630,880, 6,946,319): a long ballot there, without a collection, is the growth, which the tally
 * thread pays while it answers nothing. Elsewhere, without a collection, it is the machine (the JIT, a neighbour).
 * The election's counts are checked at the end ({@link Election#applyTo}).
 *
 * <pre>java -Xmx12g -cp bench/target/benchmarks.jar org.urne.tally.core.GrowthStalls
 *     [PRIORITY|OPINION|JUDGMENT] [voters] [threshold ms, 20]</pre>
 */
public final class GrowthStalls
{
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private GrowthStalls()
    {
    }

    public static void main(final String[] args)
    {
        final Election election = Election.fromArguments(args);
        final long thresholdNanos = (args.length > 2 ? Long.parseLong(args[2]) : 20) * 1_000_000;
        final TallyCore core = new TallyCore();
        final long[] last = {System.nanoTime(), collections()};
        final long[] longest = {0, 0};
        election.applyTo(core, (position, ballot) ->
        {
            final long now = System.nanoTime();
            final long took = now - last[0];
            final long collected = collections();
            // The first ballot also loads and compiles the code that applies it.
            if (took > thresholdNanos && position > 2)
            {
                System.out.printf("ballot %,d took %.1f ms%s%n", position - 1, took / 1e6,
                    collected != last[1] ? " (a collection ran)" : " (no collection)");
                longest[1] += took;
            }
            longest[0] = position > 2 ? Math.max(longest[0], took) : 0;
            last[0] = System.nanoTime();
            last[1] = collected;
        });
        System.out.printf("kind=%s voters=%d longestBallotMs=%.1f overThresholdMs=%.0f%n", election.kind,
            election.voters, longest[0] / 1e6, longest[1] / 1e6);
    }

    private static long collections()
    {
        long count = 0;
        for (final GarbageCollectorMXBean collector : COLLECTORS)
        {
            count += collector.getCollectionCount();
        }
        return count;
    }
}
