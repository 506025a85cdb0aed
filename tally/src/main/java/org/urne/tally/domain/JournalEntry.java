package org.urne.tally.domain;

/** One thing to journal, as a value: what producers hand to the journal writer and what tests generate. */
public sealed interface JournalEntry
{
    /** Calls the {@link TallyIn} method this entry stands for. */
    void dispatch(long position, long timeMicros, TallyIn in);

    /** The poll the entry concerns. */
    String pollId();

    /** A poll defined, with its whole immutable definition. */
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

    /** A poll opened by an operator before (or without) its scheduled opening. */
    record PollOpened(String pollId) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onPollOpened(position, timeMicros, pollId);
        }
    }

    /** A poll closed by an operator; closing is final. */
    record PollClosed(String pollId) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onPollClosed(position, timeMicros, pollId);
        }
    }

    /** One ballot, keyed: the voter id is already replaced by its keyed hash. */
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

    /** One stand's paper count; a later sheet with the same id replaces it. */
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
