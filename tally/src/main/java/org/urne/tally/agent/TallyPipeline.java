package org.urne.tally.agent;

import org.urne.tally.journal.Journal;

/**
 * The single-node pass of a record: the journal makes it durable, then the tally agent applies it and answers.
 * Nothing asks the tally thread anything before journaling: callers check what they can against the agent's
 * published {@link PollStates} and {@link ReceiptIndex}, and the core decides the rest.
 */
public final class TallyPipeline implements RecordPipeline
{
    private final Journal journal;
    private final TallyAgent agent;

    /**
     * @param journal the journal, opened before the agent replayed it.
     * @param agent   the agent built with {@link TallyAgent#serving}, whose live records start at the journal's
     *                next position.
     */
    public TallyPipeline(final Journal journal, final TallyAgent agent)
    {
        this.journal = journal;
        this.agent = agent;
    }

    /** Journals the submission's record; it is answered through its callbacks, exactly once. Never blocks. */
    @Override
    public void submit(final Submission submission)
    {
        submission.handOffTo(agent);
        journal.append(submission.entry(), submission.by(), submission);
    }
}
