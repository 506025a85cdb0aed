package org.urne.ingest.intake;

import java.util.concurrent.RejectedExecutionException;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.agent.Applied;
import org.urne.tally.agent.Submission;
import org.urne.tally.cluster.ClusterUnavailableException;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.journal.JournalBackpressureException;
import org.urne.tally.journal.JournalDiskFullException;
import org.urne.tally.journal.JournalException;

/**
 * A record submitted from an event loop, answered back on it: the future completes with what the tally core
 * decided, or fails with a problem when the journal refused the record (a full ring, a full disk, a closed
 * journal: 503 with {@code Retry-After}, nothing acknowledged, never a 5xx the client cannot act on). The instance
 * is its own event-loop task, so the hand-back allocates nothing more.
 */
public final class EventLoopSubmission extends Submission implements Handler<Void>
{
    private final Edge edge;
    private final Context context;
    private final Promise<Applied> promise = Promise.promise();
    private final long startNanos = System.nanoTime();
    private Applied applied;
    private Throwable refusal;

    private EventLoopSubmission(final Edge edge, final Context context, final JournalEntry entry, final String by)
    {
        super(entry, by);
        this.edge = edge;
        this.context = context;
    }

    /**
     * Journals and applies {@code entry}, with {@code by}, the name of the token that asked for it; the future
     * completes on {@code context}.
     */
    public static Future<Applied> submit(final Edge edge, final Context context, final JournalEntry entry,
        final String by)
    {
        final EventLoopSubmission submission = new EventLoopSubmission(edge, context, entry, by);
        edge.pipeline.submit(submission);
        return submission.promise.future();
    }

    @Override
    protected void onApplied(final Applied applied)
    {
        this.applied = applied;
        handBack();
    }

    @Override
    public void onRefused(final Throwable cause)
    {
        this.refusal = cause;
        handBack();
    }

    private void handBack()
    {
        try
        {
            context.runOnContext(this);
        }
        catch (final RejectedExecutionException ignored)
        {
            // The server is stopping and the event loop is gone, and the client's connection with it.
        }
    }

    @Override
    public void handle(final Void ignored)
    {
        if (refusal != null)
        {
            promise.fail(toProblem(refusal).toException());
            return;
        }
        edge.diskFull.clear();
        edge.metrics.ackLatency(System.nanoTime() - startNanos);
        promise.complete(applied);
    }

    /** The journal's refusals, as {@code Journal.append} names them: the listener gets the exception itself. */
    private Problem toProblem(final Throwable cause)
    {
        if (cause instanceof JournalDiskFullException)
        {
            edge.diskFull.raise(cause.getMessage());
        }
        return refusal(cause, edge.config.limits().retryAfterSeconds());
    }

    /** The problem for each refusal of the journal; nothing was acknowledged in any of them. */
    static Problem refusal(final Throwable cause, final int retryAfter)
    {
        if (cause instanceof JournalBackpressureException)
        {
            return ProblemType.JOURNAL_BUSY.retryAfter("the journal is not keeping up; nothing was acknowledged",
                retryAfter);
        }
        if (cause instanceof JournalDiskFullException)
        {
            return ProblemType.JOURNAL_FULL.retryAfter("the journal's disk is nearly full; nothing was acknowledged",
                retryAfter);
        }
        if (cause instanceof JournalException)
        {
            return ProblemType.JOURNAL_UNAVAILABLE.retryAfter(
                "the journal is not accepting records; nothing was acknowledged", retryAfter);
        }
        if (cause instanceof ClusterUnavailableException)
        {
            return ProblemType.CLUSTER_UNAVAILABLE.retryAfter(cause.getMessage() + ": retry with the same ballotId, " +
                "which counts once", retryAfter);
        }
        if (cause instanceof IllegalArgumentException)
        {
            return ProblemType.RECORD_TOO_LARGE.problem("the record is too large for the journal");
        }
        return ProblemType.SUBMISSION_FAILED.retryAfter(
            "the server could not take this record; nothing was acknowledged", retryAfter);
    }
}
