package org.urne.tally.agent;

import org.urne.tally.bench.BallotGenerator;
import org.urne.tally.bench.ClermontPolls;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * What the readers' receipt index ({@link ReceiptIndex}) holds on top of the core: applies one election as
 * {@code CoreApplyBenchmark} does (one ballot per voter), recording each ballot in the index right after the core
 * applied it, as the tally agent does, then prints both footprints per voter. Checks that every receipt is found.
 *
 * <pre>java -Xmx8g -cp bench/target/benchmarks.jar org.urne.tally.agent.ReceiptFootprint [PRIORITY|OPINION|JUDGMENT] [voters]</pre>
 */
public final class ReceiptFootprint
{
    private ReceiptFootprint()
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
        final ReceiptIndex receipts = new ReceiptIndex();
        long position = 0;
        core.onPollDefined(position, time, poll);
        core.onPollOpened(++position, time, poll.id());
        for (final Ballot ballot : ballots)
        {
            core.onBallot(++position, time, ballot);
            receipts.onBallot(core, 0, position, ballot);
        }
        for (final Ballot ballot : ballots)
        {
            if (receipts.find(0, ballot.receipt()) == null)
            {
                throw new IllegalStateException("receipt " + ballot.receipt().toHex() + " is not in the index");
            }
        }
        System.out.printf("kind=%s voters=%d coreBytesPerVoter=%.2f receiptIndexBytesPerVoter=%.2f%n", kind, voters,
            (double)core.footprintBytes() / voters, (double)receipts.footprintBytes() / voters);
    }
}
