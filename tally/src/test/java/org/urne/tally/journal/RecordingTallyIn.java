package org.urne.tally.journal;

import java.util.ArrayList;
import java.util.List;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;

/** Turns what a reader dispatches back into records, so tests compare values. */
final class RecordingTallyIn implements TallyIn
{
    final List<JournalRecord> records = new ArrayList<>();

    @Override
    public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
    {
        records.add(new JournalRecord(position, timeMicros, new JournalEntry.PollDefined(definition)));
    }

    @Override
    public void onPollOpened(final long position, final long timeMicros, final String pollId)
    {
        records.add(new JournalRecord(position, timeMicros, new JournalEntry.PollOpened(pollId)));
    }

    @Override
    public void onPollClosed(final long position, final long timeMicros, final String pollId)
    {
        records.add(new JournalRecord(position, timeMicros, new JournalEntry.PollClosed(pollId)));
    }

    @Override
    public void onBallot(final long position, final long timeMicros, final Ballot ballot)
    {
        records.add(new JournalRecord(position, timeMicros, new JournalEntry.BallotCast(ballot)));
    }

    @Override
    public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
    {
        records.add(new JournalRecord(position, timeMicros, new JournalEntry.TallySheetRecorded(sheet)));
    }

    @Override
    public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
    {
        records.add(new JournalRecord(position, timeMicros, seal));
    }

    @Override
    public void onCommitment(final long position, final long timeMicros, final String pollId)
    {
        records.add(new JournalRecord(position, timeMicros, new JournalEntry.CommitmentMade(pollId)));
    }

    @Override
    public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
        final Key128 receipt)
    {
        records.add(new JournalRecord(position, timeMicros, new JournalEntry.BallotAnnulled(pollId, receipt)));
    }

    @Override
    public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
    {
        records.add(new JournalRecord(position, timeMicros, added));
    }

    @Override
    public void onItemStatusChanged(final long position, final long timeMicros,
        final JournalEntry.ItemStatusChanged changed)
    {
        records.add(new JournalRecord(position, timeMicros, changed));
    }
}
