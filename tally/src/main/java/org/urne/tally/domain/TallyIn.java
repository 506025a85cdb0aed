package org.urne.tally.domain;

import org.urne.tally.assembly.AssemblyEvent;

/**
 * Everything that changes a tally, as the journal holds it: at once the journal's schema, the tally core's input
 * and the vocabulary of tests. {@code position} is the record's journal sequence number (0, 1, 2, ...) and
 * {@code timeMicros} the server's time of receipt, recorded in the journal so replay makes the same decisions.
 */
public interface TallyIn
{
    void onPollDefined(long position, long timeMicros, PollDefinition definition);

    void onPollOpened(long position, long timeMicros, String pollId);

    /** Closing is final: no ballot is accepted after it, whatever the poll's times say. */
    void onPollClosed(long position, long timeMicros, String pollId);

    void onBallot(long position, long timeMicros, Ballot ballot);

    void onTallySheet(long position, long timeMicros, TallySheet sheet);

    /** A closed poll sealed; nothing after it changes the poll's counts. */
    void onPollSealed(long position, long timeMicros, JournalEntry.PollSealed seal);

    /** A commitment to the journal's chain for a poll whose results are not public yet. */
    void onCommitment(long position, long timeMicros, String pollId);

    /**
     * A typed paper ballot annulled by its receipt ("cancel the last one" at a stand): it no longer counts, and the
     * voter's state before it (an earlier ballot, or none) is restored.
     */
    void onBallotAnnulled(long position, long timeMicros, String pollId, Key128 receipt);

    /** An item added to an opinion poll; the core numbers it. */
    void onItemAdded(long position, long timeMicros, JournalEntry.ItemAdded added);

    /** An item of an opinion poll hidden, withdrawn or published again. */
    void onItemStatusChanged(long position, long timeMicros, JournalEntry.ItemStatusChanged changed);

    /**
     * Something that happened in an assembly's room; it never changes a poll. Ignored by default: only what keeps
     * or copies the whole state (the core, the agent, snapshots, exports) has anything to do with it.
     */
    default void onAssembly(final long position, final long timeMicros, final AssemblyEvent event)
    {
    }

    /**
     * An argument hidden by moderation; it never changes a count. Ignored by default, as {@link #onAssembly}.
     */
    default void onArgumentHidden(final long position, final long timeMicros, final JournalEntry.ArgumentHidden hidden)
    {
    }

    /**
     * An argument's text erased (its key destroyed); it never changes a count. Ignored by default, as
     * {@link #onAssembly}.
     */
    default void onArgumentErased(final long position, final long timeMicros, final JournalEntry.ArgumentErased erased)
    {
    }
}
