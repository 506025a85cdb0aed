package org.urne.tally.core;

import org.openjdk.jol.info.GraphLayout;
import org.urne.tally.bench.BallotGenerator;
import org.urne.tally.bench.ClermontPolls;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * Cross-checks {@link TallyCore#footprintBytes()}, which counts the core's table arrays by their lengths, with JOL,
 * which walks every object reachable from the core and sizes it as this JVM lays it out (headers, padding, the
 * maps and definitions around the tables). Applies one election as {@link CoreApplyBenchmark} does and prints both.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.urne.tally.core.FootprintCheck [PRIORITY|OPINION|JUDGMENT] [voters]</pre>
 */
public final class FootprintCheck
{
    private FootprintCheck()
    {
    }

    public static void main(final String[] args)
    {
        final PollKind kind = args.length > 0 ? PollKind.valueOf(args[0]) : PollKind.PRIORITY;
        final int voters = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        final PollDefinition poll = ClermontPolls.of(kind);
        final Ballot[] ballots = BallotGenerator.firstBallots(poll, voters, 2022);
        final long time = BallotGenerator.FIRST_CAST_AT;
        final TallyCore core = new TallyCore();
        long position = 0;
        core.onPollDefined(position, time, poll);
        core.onPollOpened(++position, time, poll.id());
        for (final Ballot ballot : ballots)
        {
            core.onBallot(++position, time, ballot);
        }
        final long reported = core.footprintBytes();
        final long walked = GraphLayout.parseInstance(core).totalSize();
        System.out.printf("kind=%s voters=%d footprintBytes=%d (%.2f per voter) jolTotalBytes=%d (%.2f per voter)" +
            " jol/footprint=%.5f%n", kind, voters, reported, (double)reported / voters, walked, (double)walked / voters,
            (double)walked / reported);
    }
}
