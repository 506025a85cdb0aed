package org.urne.tally.agent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.core.ReceiptLookup;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

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
}
