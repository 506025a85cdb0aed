package org.urne.tally.domain;

import java.util.Arrays;
import java.util.Objects;

import org.urne.tally.assembly.AssemblyEvent;

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

    /**
     * A closed poll sealed: from here on nothing changes its counts. The digests are those the sealing operator's
     * server computed from its latest results; the core takes the seal only if the state it applies it to renders
     * the same, so a record that slipped in between makes the seal refused rather than wrong.
     *
     * @param resultsSha256  SHA-256 of the canonical results CSV, in the version {@code format} names.
     * @param receiptsSha256 SHA-256 of the counted receipts list (docs/journal-format.md).
     * @param format         the canonical results CSV version.
     * @param reason         why the operator sealed despite something pending, or null.
     */
    record PollSealed(String pollId, byte[] resultsSha256, byte[] receiptsSha256, int format, String reason)
        implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onPollSealed(position, timeMicros, this);
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof PollSealed other && Objects.equals(pollId, other.pollId) &&
                Arrays.equals(resultsSha256, other.resultsSha256) &&
                Arrays.equals(receiptsSha256, other.receiptsSha256) && format == other.format &&
                Objects.equals(reason, other.reason);
        }

        @Override
        public int hashCode()
        {
            return 31 * Objects.hashCode(pollId) + Arrays.hashCode(resultsSha256);
        }

        @Override
        public String toString()
        {
            return "PollSealed[" + pollId + " format=" + format + " reason=" + reason + "]";
        }
    }

    /**
     * A commitment to the journal's chain as it stands, made while a poll's results are not public, so that anyone
     * can later check the released results come from the journal committed to during the vote. The chain value is
     * the record's own; the core takes at most one per poll every {@code commitEvery} seconds of record time.
     */
    record CommitmentMade(String pollId) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onCommitment(position, timeMicros, pollId);
        }
    }

    /** A typed paper ballot annulled by its receipt, by the stand that typed it. */
    record BallotAnnulled(String pollId, Key128 receipt) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onBallotAnnulled(position, timeMicros, pollId, receipt);
        }
    }

    /**
     * An item added to an opinion poll (an operator's, or a citizen's proposal posted by the platform with the
     * proposer's voter key, null otherwise). The journal numbers it: the core gives it the poll's highest item id plus
     * one as it applies the record.
     */
    record ItemAdded(String pollId, String title, String group, String subject, String description, String link,
        Key128 proposer) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onItemAdded(position, timeMicros, this);
        }

        /** The item this adds, once numbered. */
        public Item item(final int id)
        {
            return new Item(id, title, group, subject, description, link);
        }
    }

    /** An item's status changed: hidden by moderation, withdrawn, or published again, with the reason given. */
    record ItemStatusChanged(String pollId, int item, ItemStatus status, String reason) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onItemStatusChanged(position, timeMicros, this);
        }
    }

    /**
     * An operator hid an argument from the public (moderation): it is no longer served, and its vote still counts.
     *
     * @param argument the argument's id: the position of the ballot record that carried it.
     * @param reason   why, as the operator wrote it.
     */
    record ArgumentHidden(String pollId, long argument, String reason) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onArgumentHidden(position, timeMicros, this);
        }
    }

    /**
     * An operator erased an argument's text (its author's right to erasure): its key is destroyed, so the text is
     * gone from every answer, export and replay; its vote and every count stay as they were.
     *
     * @param argument the argument's id: the position of the ballot record that carried it.
     */
    record ArgumentErased(String pollId, long argument) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onArgumentErased(position, timeMicros, this);
        }
    }

    /**
     * Something that happened in an assembly's room (issue 17): a definition, presence, a round opened or closed, a
     * card, grades, choices, a device code, a decision published. It concerns no poll.
     */
    record AssemblyRecorded(AssemblyEvent event) implements JournalEntry
    {
        @Override
        public void dispatch(final long position, final long timeMicros, final TallyIn in)
        {
            in.onAssembly(position, timeMicros, event);
        }

        @Override
        public String pollId()
        {
            return null;
        }
    }
}
