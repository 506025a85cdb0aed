package org.urne.tally.agent;

import org.urne.tally.bench.Election;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;

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
        final Election election = Election.fromArguments(args);
        final TallyCore core = new TallyCore();
        final ReceiptIndex receipts = new ReceiptIndex();
        election.applyTo(core, (position, ballot) -> receipts.onBallot(core, 0, position, ballot));
        for (final Ballot ballot : election.ballots)
        {
            if (receipts.find(0, ballot.receipt()) == null)
            {
                throw new IllegalStateException("receipt " + ballot.receipt().toHex() + " is not in the index");
            }
        }
        final int voters = election.voters;
        System.out.printf("kind=%s voters=%d coreBytesPerVoter=%.2f receiptIndexBytesPerVoter=%.2f%n", election.kind,
            voters, (double)core.footprintBytes() / voters, (double)receipts.footprintBytes() / voters);
    }
}
