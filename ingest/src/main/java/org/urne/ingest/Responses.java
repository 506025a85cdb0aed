package org.urne.ingest;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How handlers answer: JSON on success; a problem (through the router's failure handler) otherwise. */
final class Responses
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
            .end(body instanceof JsonObject object ? object.toBuffer() : io.vertx.core.json.Json.encodeToBuffer(body));
    }

    static void fail(final RoutingContext ctx, final Throwable failure)
    {
        if (!ctx.response().ended())
        {
            ctx.fail(failure);
        }
    }

    static void problem(final RoutingContext ctx, final Problem problem)
    {
        fail(ctx, problem.toException());
    }
}
