package org.urne.ingest.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.security.Caller;

/**
 * {@code GET /v1/token} (any token): who the bearer is, so that a screen signed in with a token shows what it may
 * do: its name, role, and for a paper token its polls and stands.
 */
final class TokenHandler
{
    void get(final RoutingContext ctx)
    {
        final Caller caller = RequestGuards.caller(ctx);
        ctx.response().putHeader("Cache-Control", "private, no-store");
        Responses.json(ctx, 200, new JsonObject().put("name", caller.name())
            .put("role", caller.role().wireName())
            .put("polls", caller.polls() == null ? null : new JsonArray(caller.polls()))
            .put("stands", caller.stands() == null ? null : new JsonArray(caller.stands())));
    }
}
