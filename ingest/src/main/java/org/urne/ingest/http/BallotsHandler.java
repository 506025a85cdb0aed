package org.urne.ingest.http;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.BallotIntake;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemWriter;

/**
 * {@code POST /v1/polls/{pollId}/ballots} and {@code .../ballots/batch}. A batch is answered 200 with one result per
 * ballot, in order: the 202 body or a problem object. At most {@link #WINDOW} ballots of a batch are in flight at
 * once, so one large batch cannot fill the journal's ring and starve other clients.
 */
public final class BallotsHandler
{
    static final int WINDOW = 256;

    private final Edge edge;
    private final BallotIntake intake;

    BallotsHandler(final Edge edge)
    {
        this.edge = edge;
        this.intake = new BallotIntake(edge);
    }

    void single(final RoutingContext ctx)
    {
        final JsonNode json;
        try
        {
            json = edge.json.parse(ctx.body().buffer());
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        intake.submit(ctx.vertx().getOrCreateContext(), ctx.pathParam("pollId"), ctx.get(RequestGuards.CALLER), json)
            .onSuccess(answer -> Responses.json(ctx, 202, answer))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    void batch(final RoutingContext ctx)
    {
        final boolean ndjson = RequestGuards.NDJSON.equals(RequestGuards.mediaType(
            ctx.request().getHeader("Content-Type")));
        final List<Object> lines;
        try
        {
            lines = ndjson ? ndjsonLines(ctx.body().buffer()) : arrayElements(ctx.body().buffer());
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        if (lines.size() > edge.config.limits().batchBallots())
        {
            Responses.problem(ctx, ProblemType.BATCH_TOO_LARGE.problem("a batch holds at most " +
                edge.config.limits().batchBallots() + " ballots; this one holds " + lines.size()));
            return;
        }
        final Buffer[] results = new Buffer[lines.size()];
        final Promise<Void> done = Promise.promise();
        submitFrom(ctx.vertx().getOrCreateContext(), ctx, lines, results, 0, done);
        done.future().onComplete(ignored -> sendBatch(ctx, results, ndjson));
    }

    /** Submits lines {@code [from, from + WINDOW)}, then the next window once they are all answered. */
    private void submitFrom(final Context context, final RoutingContext ctx, final List<Object> lines,
        final Buffer[] results, final int from, final Promise<Void> done)
    {
        if (from >= lines.size())
        {
            done.complete();
            return;
        }
        final int to = Math.min(lines.size(), from + WINDOW);
        final List<Future<Buffer>> window = new ArrayList<>(to - from);
        for (int i = from; i < to; i++)
        {
            final int index = i;
            final Object line = lines.get(i);
            final Future<Buffer> answer = line instanceof Problem problem ?
                Future.failedFuture(problem.toException()) :
                intake.submit(context, ctx.pathParam("pollId"), ctx.get(RequestGuards.CALLER), (JsonNode)line);
            window.add(answer.transform(result ->
            {
                results[index] = result.succeeded() ? result.result() : problemJson(result.cause());
                return Future.succeededFuture();
            }));
        }
        Future.all(window).onComplete(ignored -> submitFrom(context, ctx, lines, results, to, done));
    }

    private Buffer problemJson(final Throwable failure)
    {
        final Problem problem = failure instanceof ProblemException e ? e.problem() :
            ProblemType.SUBMISSION_FAILED.retryAfter("the server could not take this ballot; nothing was acknowledged",
                edge.config.limits().retryAfterSeconds());
        edge.metrics.rejected(problem);
        return ProblemWriter.toJson(problem).toBuffer();
    }

    private static void sendBatch(final RoutingContext ctx, final Buffer[] results, final boolean ndjson)
    {
        final Buffer body = Buffer.buffer(results.length * 96);
        if (!ndjson)
        {
            body.appendString("[");
        }
        for (int i = 0; i < results.length; i++)
        {
            if (!ndjson && i > 0)
            {
                body.appendString(",");
            }
            body.appendBuffer(results[i]).appendString("\n");
        }
        if (!ndjson)
        {
            body.appendString("]");
        }
        ctx.response().setStatusCode(200)
            .putHeader("Content-Type", ndjson ? RequestGuards.NDJSON : RequestGuards.JSON)
            .end(body);
    }

    /** Each line's JSON, or the problem parsing it: one bad line spoils only its own result. */
    private List<Object> ndjsonLines(final Buffer body)
    {
        final byte[] bytes = body == null ? new byte[0] : body.getBytes();
        final List<Object> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++)
        {
            if (i == bytes.length || bytes[i] == '\n')
            {
                final int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (!isBlank(bytes, start, end))
                {
                    if (lines.size() >= edge.config.limits().batchBallots())
                    {
                        throw ProblemType.BATCH_TOO_LARGE.exception("a batch holds at most " +
                            edge.config.limits().batchBallots() + " ballots");
                    }
                    lines.add(parseLine(bytes, start, end - start));
                }
                start = i + 1;
            }
        }
        if (lines.isEmpty())
        {
            throw ProblemType.EMPTY_BATCH.exception("the batch holds no ballot");
        }
        return lines;
    }

    private Object parseLine(final byte[] bytes, final int offset, final int length)
    {
        try
        {
            return edge.json.parse(bytes, offset, length);
        }
        catch (final ProblemException e)
        {
            return e.problem();
        }
    }

    private List<Object> arrayElements(final Buffer body)
    {
        final JsonNode json = edge.json.parse(body);
        if (!json.isArray())
        {
            throw Problem.badField("$", "a batch is a JSON array of ballots (or NDJSON)").toException();
        }
        if (json.isEmpty())
        {
            throw ProblemType.EMPTY_BATCH.exception("the batch holds no ballot");
        }
        final List<Object> lines = new ArrayList<>(json.size());
        json.forEach(lines::add);
        return lines;
    }

    private static boolean isBlank(final byte[] bytes, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            if (bytes[i] != ' ' && bytes[i] != '\t')
            {
                return false;
            }
        }
        return true;
    }
}
