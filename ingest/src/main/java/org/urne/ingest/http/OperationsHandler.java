package org.urne.ingest.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.IngestContext;
import org.urne.ingest.problem.Problem;

/** {@code /health/live}, {@code /health/ready} and {@code /metrics}: public, cheap, never touching the tally thread. */
public final class OperationsHandler
{
    private final IngestContext ingest;

    OperationsHandler(final IngestContext ingest)
    {
        this.ingest = ingest;
    }

    void live(final RoutingContext ctx)
    {
        Responses.json(ctx, 200, new JsonObject().put("status", "live"));
    }

    void ready(final RoutingContext ctx)
    {
        if (ingest.isReady())
        {
            Responses.json(ctx, 200, new JsonObject().put("status", "ready")
                .put("position", ingest.agent.appliedPosition()));
            return;
        }
        Responses.problem(ctx, Problem.retryLater(503, "the journal is being replayed or the server is stopping",
            ingest.config.limits().retryAfterSeconds()));
    }

    void metrics(final RoutingContext ctx)
    {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(ingest.metrics.scrape());
    }
}
