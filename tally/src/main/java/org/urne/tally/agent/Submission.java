package org.urne.tally.agent;

import org.urne.tally.domain.JournalEntry;
import org.urne.tally.journal.AppendListener;

/**
 * One record on its single pass: the journal writer makes it durable, the tally agent applies it, and only then is
 * its submitter told what the core decided ({@link #onApplied}, on the tally thread, once the agent's published
 * state already shows the record). A refusal by the journal comes instead through {@link #onRefused}.
 * Submit it with {@link TallyPipeline#submit}; an instance travels once.
 */
public abstract class Submission implements AppendListener
{
    private final JournalEntry entry;
    private final String by;
    private TallyAgent agent;
    private long position;
    private long timeMicros;
    private byte[] chain;

    /**
     * @param entry the record to journal.
     * @param by    the name of the token that asks for it, journaled with it; null for the server's own records.
     */
    protected Submission(final JournalEntry entry, final String by)
    {
        this.entry = entry;
        this.by = by;
    }

    /** The record to journal and apply. */
    public final JournalEntry entry()
    {
        return entry;
    }

    /** Who asked for the record: the token's name, or null. */
    public final String by()
    {
        return by;
    }

    /** Hands the durable record to the tally agent; the writer calls this in position order. */
    @Override
    public final void onDurable(final long position, final long timeMicros, final byte[] chain)
    {
        this.position = position;
        this.timeMicros = timeMicros;
        // The agent publishes the chain value of a seal or a commitment and of no other record: only those keep a
        // copy (the writer reuses its array), so a ballot costs the writer thread no allocation for it.
        this.chain = entry instanceof JournalEntry.PollSealed || entry instanceof JournalEntry.CommitmentMade ?
            chain.clone() : null;
        agent.takeDurable(this);
    }

    /**
     * Called on the tally thread once the record is applied and the published polls, receipts and results reflect
     * it. Must only hand the news on (to an event loop): the agent applies nothing else meanwhile.
     */
    protected abstract void onApplied(Applied applied);

    /**
     * Tells the submitter what a core elsewhere decided: in a cluster the service applies the committed record on
     * the leader, and the node that took the request answers once its own published state shows it too.
     */
    public final void answer(final Applied applied)
    {
        onApplied(applied);
    }

    final void handOffTo(final TallyAgent agent)
    {
        this.agent = agent;
    }

    final long position()
    {
        return position;
    }

    final long timeMicros()
    {
        return timeMicros;
    }

    /** The record's chain value, kept for a seal or a commitment only; null for any other record. */
    final byte[] chain()
    {
        return chain;
    }
}
