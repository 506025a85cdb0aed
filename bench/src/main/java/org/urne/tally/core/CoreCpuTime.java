package org.urne.tally.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import org.urne.tally.bench.BallotGenerator;
import org.urne.tally.bench.ClermontPolls;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * A side measure of {@link CoreApplyBenchmark} for a shared machine: applies the same election many times and
 * prints ballots per second of the applying thread's CPU time (which other processes' time slices do not count)
 * beside wall time, medians after the first third. Not JMH: use it to compare two builds run alternately when
 * the wall-clock numbers are too noisy, never as a figure on its own.
 *
 * <pre>java -Xmx8g -cp bench/target/benchmarks.jar org.urne.tally.core.CoreCpuTime PRIORITY 1000000 15 [prefetch]</pre>
 */
public final class CoreCpuTime
{
    private static final int BATCH = 16;

    private CoreCpuTime()
    {
    }

    public static void main(final String[] args)
    {
        final PollKind kind = PollKind.valueOf(args[0]);
        final int voters = Integer.parseInt(args[1]);
        final int elections = Integer.parseInt(args[2]);
        final boolean prefetch = args.length > 3 && "prefetch".equals(args[3]);
        final PollDefinition poll = ClermontPolls.of(kind);
        final Ballot[] ballots = BallotGenerator.firstBallots(poll, voters, 2022);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[] cpu = new double[elections];
        final double[] wall = new double[elections];
        for (int e = 0; e < elections; e++)
        {
            final long cpuStart = threads.getCurrentThreadCpuTime();
            final long wallStart = System.nanoTime();
            applyElection(poll, ballots, prefetch);
            cpu[e] = voters / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9) / 1e6;
            wall[e] = voters / ((System.nanoTime() - wallStart) / 1e9) / 1e6;
        }
        final double[] cpuMeasured = Arrays.copyOfRange(cpu, elections / 3, elections);
        final double[] wallMeasured = Arrays.copyOfRange(wall, elections / 3, elections);
        Arrays.sort(cpuMeasured);
        Arrays.sort(wallMeasured);
        System.out.printf("%s %d prefetch=%s: CPU time median %.2f max %.2f, wall median %.2f max %.2f" +
            " M ballots/s (%d elections measured)%n", kind, voters, prefetch, cpuMeasured[cpuMeasured.length / 2],
            cpuMeasured[cpuMeasured.length - 1], wallMeasured[wallMeasured.length / 2],
            wallMeasured[wallMeasured.length - 1], cpuMeasured.length);
    }

    private static void applyElection(final PollDefinition poll, final Ballot[] ballots, final boolean prefetch)
    {
        final long time = BallotGenerator.FIRST_CAST_AT;
        final TallyCore core = new TallyCore();
        long position = 0;
        core.onPollDefined(position, time, poll);
        core.onPollOpened(++position, time, poll.id());
        int accepted = 0;
        for (int from = 0; from < ballots.length; from += BATCH)
        {
            final int to = Math.min(ballots.length, from + BATCH);
            for (int i = from; prefetch && i < to; i++)
            {
                core.prefetch(ballots[i]);
            }
            for (int i = from; i < to; i++)
            {
                core.onBallot(++position, time, ballots[i]);
                accepted += core.lastOutcome() == Outcome.ACCEPTED ? 1 : 0;
            }
        }
        if (accepted != ballots.length)
        {
            throw new IllegalStateException(accepted + " of " + ballots.length + " ballots accepted");
        }
    }
}
