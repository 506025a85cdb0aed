package org.urne.ingest.http;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.problem.Problem;

/** How handlers answer: JSON on success; a problem (through the router's failure handler) otherwise. */
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
            .end(body instanceof JsonObject object ? object.toBuffer() : Json.encodeToBuffer(body));
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
