package org.urne.ingest.intake;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.journal.Appended;
import org.urne.tally.journal.JournalBackpressureException;
import org.urne.tally.journal.JournalDiskFullException;
import org.urne.tally.journal.JournalException;

/**
 * The two asynchronous things a request waits for, brought back onto the request's event loop: a journal append
 * (acknowledged once durable) and a tally agent query. Failures become problems: a full ring, a full disk or a
 * closed journal is a 503 with {@code Retry-After}, never a 5xx the client cannot act on.
 */
public final class JournalWrites
{
    private JournalWrites()
    {
    }

    public static Future<Appended> append(final Context context, final IngestContext ingest, final JournalEntry entry)
    {
        final long start = System.nanoTime();
        CompletableFuture<Appended> appended;
        try
        {
            appended = ingest.journal.append(entry);
        }
        catch (final RuntimeException e)
        {
            appended = CompletableFuture.failedFuture(e);
        }
        return Future.fromCompletionStage(appended, context).transform(result ->
        {
            if (result.succeeded())
            {
                ingest.acked.advanceTo(result.result().position());
                ingest.diskFull.clear();
                ingest.metrics.ackLatency(System.nanoTime() - start);
                return Future.succeededFuture(result.result());
            }
            return Future.failedFuture(toProblem(ingest, result.cause()).toException());
        });
    }

    /** Runs {@code question} on the tally thread once it has applied everything acknowledged so far. */
    public static <T> Future<T> query(final Context context, final IngestContext ingest,
        final Function<TallyCore, T> question)
    {
        return query(context, ingest, ingest.acked.get(), question);
    }

    public static <T> Future<T> query(final Context context, final IngestContext ingest, final long minPosition,
        final Function<TallyCore, T> question)
    {
        return Future.fromCompletionStage(ingest.agent.query(minPosition, question), context)
            .recover(failure -> Future.failedFuture(toProblem(ingest, failure).toException()));
    }

    private static Problem toProblem(final IngestContext ingest, final Throwable failure)
    {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null ?
            failure.getCause() : failure;
        final int retryAfter = ingest.config.limits().retryAfterSeconds();
        if (cause instanceof ProblemException problem)
        {
            return problem.problem();
        }
        if (cause instanceof JournalBackpressureException)
        {
            return Problem.retryLater(503, "the journal is not keeping up; nothing was acknowledged", retryAfter);
        }
        if (cause instanceof JournalDiskFullException)
        {
            ingest.diskFull.raise(cause.getMessage());
            return Problem.retryLater(503, "the journal's disk is nearly full; nothing was acknowledged", retryAfter);
        }
        if (cause instanceof JournalException)
        {
            return Problem.retryLater(503, "the journal is not accepting records; nothing was acknowledged",
                retryAfter);
        }
        if (cause instanceof IllegalArgumentException)
        {
            return Problem.of(413, "the record is too large for the journal");
        }
        return Problem.retryLater(503, "the server is busy; nothing was acknowledged", retryAfter);
    }
}
