package org.urne.ingest.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.agent.PublishedPoll;
import org.urne.tally.agent.ResultsSnapshot;

/**
 * {@code GET /v1/polls/{pollId}/results} and {@code results.csv}: the pre-rendered bytes of the latest snapshot,
 * never computed per request. {@code ETag} is the snapshot's journal position, so refreshing pages get 304s.
 */
public final class ResultsHandler
{
    private final Edge edge;

    ResultsHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void json(final RoutingContext ctx)
    {
        send(ctx, false);
    }

    void csv(final RoutingContext ctx)
    {
        send(ctx, true);
    }

    private void send(final RoutingContext ctx, final boolean csv)
    {
        final String pollId = ctx.pathParam("pollId");
        final ResultsSnapshot snapshot = edge.agent.snapshot();
        final PublishedPoll poll = snapshot.poll(pollId);
        if (poll == null)
        {
            notPublished(ctx, pollId);
            return;
        }
        final String etag = "\"" + snapshot.position() + "\"";
        ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", "public, max-age=1");
        if (matches(ctx.request().getHeader("If-None-Match"), etag))
        {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().setStatusCode(200)
            .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/json")
            .end(Buffer.buffer(csv ? poll.csv() : poll.json()));
    }

    /** A poll defined since the last snapshot is a 503 for a moment; an unknown one a 404. */
    private void notPublished(final RoutingContext ctx, final String pollId)
    {
        final boolean defined = edge.polls().poll(pollId) != null;
        Responses.problem(ctx, defined ? ProblemType.RESULTS_NOT_PUBLISHED.retryAfter("results for poll " +
            pollId + " are not published yet", 1) : ProblemType.UNKNOWN_POLL.problem("unknown poll " + pollId));
    }

    /** Whether an {@code If-None-Match} header names {@code etag} (in a list, weak, or as {@code *}). */
    static boolean matches(final String ifNoneMatch, final String etag)
    {
        if (ifNoneMatch == null)
        {
            return false;
        }
        for (final String candidate : ifNoneMatch.split(","))
        {
            final String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag))
            {
                return true;
            }
        }
        return false;
    }
}
