package org.urne.tally.journal;

import java.nio.file.Path;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;

/**
 * A {@link TallyIn} that only counts what a reader dispatches: the read-back check of the journal benchmarks, and
 * the reader-only half of the replay benchmark, which separates reading and decoding from applying.
 */
final class RecordCounter implements TallyIn
{
    private long records;
    private long voterSum;

    /** How many records a reader reads and verifies in the journal at {@code directory}. */
    static long count(final Path directory)
    {
        final RecordCounter counter = new RecordCounter();
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            reader.replay(counter, Long.MAX_VALUE);
        }
        return counter.records;
    }

    /** The sum of the low halves of the voter keys of the ballots seen: proof the decoded ballots got here. */
    long voterSum()
    {
        return voterSum;
    }

    @Override
    public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
    {
        records++;
    }

    @Override
    public void onPollOpened(final long position, final long timeMicros, final String pollId)
    {
        records++;
    }

    @Override
    public void onPollClosed(final long position, final long timeMicros, final String pollId)
    {
        records++;
    }

    @Override
    public void onBallot(final long position, final long timeMicros, final Ballot ballot)
    {
        records++;
        voterSum += ballot.voter().lo();
    }

    @Override
    public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
    {
        records++;
    }

    @Override
    public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
    {
        records++;
    }

    @Override
    public void onCommitment(final long position, final long timeMicros, final String pollId)
    {
        records++;
    }

    @Override
    public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
        final Key128 receipt)
    {
        records++;
    }

    @Override
    public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
    {
        records++;
    }

    @Override
    public void onItemStatusChanged(final long position, final long timeMicros,
        final JournalEntry.ItemStatusChanged changed)
    {
        records++;
    }
}
