package org.urne.tally.agent;

import java.util.concurrent.CompletableFuture;

import org.urne.tally.domain.JournalEntry;

/**
 * A submission answered as a future, for a thread that may wait: start-up work and tools. The future completes on
 * the tally thread (or fails on the journal's refusal); dependent actions must not run there.
 */
public final class FutureSubmission extends Submission
{
    private final CompletableFuture<Applied> answer = new CompletableFuture<>();

    /**
     * @param entry the record to journal.
     * @param by    who it is journaled for (see {@link Submission#Submission}); null for the server's own.
     */
    public FutureSubmission(final JournalEntry entry, final String by)
    {
        super(entry, by);
    }

    /** What the core decided, or the journal's refusal. */
    public CompletableFuture<Applied> answer()
    {
        return answer;
    }

    @Override
    protected void onApplied(final Applied applied)
    {
        answer.complete(applied);
    }

    @Override
    public void onRefused(final Throwable cause)
    {
        answer.completeExceptionally(cause);
    }
}
