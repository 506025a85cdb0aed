package org.urne.tally.domain;

/** One thing to journal, as a value: what producers hand to the journal writer and what tests generate. */
public sealed interface JournalEntry
{
    /** Calls the {@link TallyIn} method this entry stands for. */
    void dispatch(long position, long timeMicros, TallyIn in);

    /** The poll the entry concerns. */
    String pollId();

    record PollDefined(PollDefinition definition) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onPollDefined(position, timeMicros, definition);
        }

        @Override
        public String pollId()
        {
            return definition.id();
        }
    }

    record PollOpened(String pollId) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onPollOpened(position, timeMicros, pollId);
        }
    }

    record PollClosed(String pollId) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onPollClosed(position, timeMicros, pollId);
        }
    }

    record BallotCast(Ballot ballot) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onBallot(position, timeMicros, ballot);
        }

        @Override
        public String pollId()
        {
            return ballot.pollId();
        }
    }

    record TallySheetRecorded(TallySheet sheet) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onTallySheet(position, timeMicros, sheet);
        }

        @Override
        public String pollId()
        {
            return sheet.pollId();
        }
    }
}
