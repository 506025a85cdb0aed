package org.urne.tally.agent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.core.ReceiptLookup;
import org.urne.tally.core.ReceiptStatus;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptIndexTest
{
    /**
     * After every few records of random journals (revotes, withdrawals, retries, reused ballot ids, stale ballots,
     * closes, first-ballot polls), every receipt reads from the index as the core reports it at that moment, whether
     * or not room was made for the journal beforehand.
     */
    @Test
    void everyReceiptReadsAsTheCoreReportsIt()
    {
        for (long seed = 0; seed < 300; seed++)
        {
            final List<RandomJournal.Timed> journal = RandomJournal.generate(seed, 300);
            final Set<Key128> receipts = new LinkedHashSet<>();
            for (final RandomJournal.Timed timed : journal)
            {
                if (timed.entry() instanceof JournalEntry.BallotCast cast && cast.ballot().receipt() != null)
                {
                    receipts.add(cast.ballot().receipt());
                }
            }
            final TallyCore core = new TallyCore();
            final ListRecordSource source = new ListRecordSource(journal, 0);
            final TallyAgent agent = new TallyAgent(core, source, () -> 0, 0, 5, Long.MAX_VALUE);
            if (seed % 2 == 1)
            {
                // Room made before the replay, as a start does: the same answers.
                agent.expectRecords(seed * 100);
            }
            for (int released = 0; released < journal.size(); released += 5)
            {
                source.release(5);
                agent.doWork();
                for (final Key128 receipt : receipts)
                {
                    final ReceiptLookup expected = core.lookup(RandomJournal.POLL, receipt);
                    final ReceiptIndex.Entry actual = agent.receipts().find(0, receipt);
                    final String where = "seed " + seed + " at position " + core.lastPosition() + ", " + receipt;
                    if (expected == null)
                    {
                        assertThat(actual).as(where).isNull();
                    }
                    else
                    {
                        assertThat(actual).as(where).isNotNull();
                        assertThat(actual.position()).as(where).isEqualTo(expected.position());
                        assertThat(actual.status()).as(where).isEqualTo(expected.status());
                        assertThat(actual.reason()).as(where).isEqualTo(expected.reason());
                    }
                }
            }
        }
    }

    /**
     * What the readers' index holds on top of the core, per ballot, with one ballot per voter and no room made
     * beforehand: a 32-byte row, its slot in an index 57-85 % full, an int per journal position and one per receipt
     * (each list grown by half at most), so at most about 52 bytes; while the index grows, the one it replaces is
     * kept beside it until its rows have moved (at most 4 / 0.85 bytes more), as at 200,000 here. It was 96 with
     * whole entries in a table of power-of-two size.
     */
    @Test
    void aBallotCostsTheIndexARowASlotAndTwoInts()
    {
        final TallyCore core = new TallyCore();
        final ReceiptIndex receipts = new ReceiptIndex();
        long position = 0;
        core.onPollDefined(position++, 0, RandomJournal.definition(PollKind.OPINION, RevotePolicy.REPLACE, false));
        core.onPollOpened(position++, 0, RandomJournal.POLL);
        final int voters = 200_000;
        for (int v = 0; v < voters; v++)
        {
            final Ballot ballot = new Ballot(RandomJournal.POLL, "b", RandomJournal.voter(v),
                new Key128(~v * 0xC2B2AE3D27D4EB4FL, v), "digital", 1, new BallotContent.Opinion(3, Choice.FOR, null));
            core.onBallot(position, 1, ballot);
            receipts.onBallot(core, 0, position++, ballot);
        }
        final double bytesPerBallot = (double)receipts.footprintBytes() / voters;
        System.out.printf("readers' receipt index: %.1f bytes per ballot (%d voters, one each)%n", bytesPerBallot,
            voters);
        assertThat(receipts.find(0, new Key128(~(voters - 1) * 0xC2B2AE3D27D4EB4FL, voters - 1)).status())
            .isEqualTo(ReceiptStatus.COUNTED);
        assertThat(bytesPerBallot).isBetween(32.0, 57.0);
    }
}
