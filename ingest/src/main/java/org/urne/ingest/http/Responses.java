package org.urne.ingest.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemWriter;
import org.urne.tally.core.PollState;

/**
 * How handlers answer: JSON on success; a problem otherwise, through the router's failure handler or, for the routes
 * taken before the router, directly.
 */
public final class Responses
{
    private Responses()
    {
    }

    static void json(final RoutingContext ctx, final int status, final Object body)
    {
        if (ctx.response().ended())
        {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
            .end(body instanceof Buffer bytes ? bytes : body instanceof JsonObject object ? object.toBuffer() :
                Json.encodeToBuffer(body));
    }

    static void fail(final RoutingContext ctx, final Throwable failure)
    {
        if (!ctx.response().ended())
        {
            ctx.fail(failure);
        }
    }

    /**
     * The poll a write is for ({@link Edge#pollForWrite}), or null once the request has been answered with the
     * problem (503 while not ready, 404 for an unknown poll).
     */
    static PollState pollForWrite(final RoutingContext ctx, final Edge edge, final String pollId)
    {
        try
        {
            return edge.pollForWrite(pollId);
        }
        catch (final ProblemException e)
        {
            fail(ctx, e);
            return null;
        }
    }

    static void problem(final RoutingContext ctx, final Problem problem)
    {
        fail(ctx, problem.toException());
    }

    /**
     * A problem answered by a route taken before the router ({@link BallotRoute}, {@link ResultsRoute}), counted as
     * the router's failure handler counts its own.
     */
    static void problem(final Edge edge, final HttpServerResponse response, final Problem problem)
    {
        edge.metrics.rejected(problem);
        ProblemWriter.send(response, problem);
    }
}
