package org.urne.ingest.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.ProblemType;

/**
 * {@code /health/live}, {@code /health/ready} (public) and {@code /metrics} (live counts, which an embargoed poll
 * must not show: an operator token on the API port, or none on the management port): cheap, never touching the
 * tally thread.
 */
public final class OperationsHandler
{
    private final Edge edge;

    OperationsHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void live(final RoutingContext ctx)
    {
        Responses.json(ctx, 200, new JsonObject().put("status", "live"));
    }

    void ready(final RoutingContext ctx)
    {
        if (edge.isReady())
        {
            Responses.json(ctx, 200, new JsonObject().put("status", "ready")
                .put("position", edge.agent.appliedPosition()));
            return;
        }
        Responses.problem(ctx, ProblemType.NOT_READY.retryAfter("the journal is being replayed or the server is stopping",
            edge.config.limits().retryAfterSeconds()));
    }

    void metrics(final RoutingContext ctx)
    {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(edge.metrics.scrape());
    }
}
