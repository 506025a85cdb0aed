package org.urne.tally.core;

import org.openjdk.jol.info.GraphLayout;
import org.urne.tally.bench.Election;

/**
 * Cross-checks {@link TallyCore#footprintBytes()}, which counts the core's table arrays by their lengths, with JOL,
 * which walks every object reachable from the core and sizes it as this JVM lays it out (headers, padding, the
 * maps and definitions around the tables). Applies one election as {@link CoreApplyBenchmark} does and prints both.
 *
 * <pre>java -Djdk.attach.allowAttachSelf=true -cp bench/target/benchmarks.jar org.urne.tally.core.FootprintCheck
 *     [PRIORITY|OPINION|JUDGMENT] [voters]</pre>
 *
 * <p>Without the flag JOL cannot attach its agent, and without the agent it cannot size a record's fields.
 */
public final class FootprintCheck
{
    private FootprintCheck()
    {
    }

    public static void main(final String[] args)
    {
        final Election election = Election.fromArguments(args);
        final TallyCore core = new TallyCore();
        election.applyTo(core, (position, ballot) -> { });
        final int voters = election.voters;
        final long reported = core.footprintBytes();
        final long walked = GraphLayout.parseInstance(core).totalSize();
        System.out.printf("kind=%s voters=%d footprintBytes=%d (%.2f per voter) jolTotalBytes=%d (%.2f per voter)" +
            " jol/footprint=%.5f%n", election.kind, voters, reported, (double)reported / voters, walked,
            (double)walked / voters, (double)walked / reported);
    }
}
