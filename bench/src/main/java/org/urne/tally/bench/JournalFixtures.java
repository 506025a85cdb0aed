package org.urne.tally.bench;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/** Journal entries for the journal benchmarks: priority ballots of the Clermont poll, the commonest record. */
public final class JournalFixtures
{
    private JournalFixtures()
    {
    }

    /** {@code count} ballot entries of distinct voters; appending the same entry twice is fine for the journal. */
    public static JournalEntry[] ballotEntries(final int count, final long seed)
    {
        final PollDefinition poll = ClermontPolls.of(PollKind.PRIORITY);
        final Ballot[] ballots = BallotGenerator.firstBallots(poll, count, seed);
        final JournalEntry[] entries = new JournalEntry[count];
        for (int i = 0; i < count; i++)
        {
            entries[i] = new JournalEntry.BallotCast(ballots[i]);
        }
        return entries;
    }
}
