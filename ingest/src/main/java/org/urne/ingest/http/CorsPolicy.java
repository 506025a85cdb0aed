package org.urne.ingest.http;

import java.util.Set;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.problem.ProblemType;

/**
 * Which other sites' pages may read the public API from a browser ({@code embedding.allowedOrigins}, exact
 * origins): a request from one of them gets {@code Access-Control-Allow-Origin} naming it (never {@code *}, never
 * credentials) and may read {@code ETag} and {@code Retry-After}; its preflight ({@code OPTIONS}, sent because a
 * live page asks with {@code If-None-Match}) is answered 204. Every answer of these routes says {@code Vary: Origin},
 * so a shared cache never hands one origin's answer to another.
 */
final class CorsPolicy
{
    private static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;

    CorsPolicy(final UrneConfig.Embedding config)
    {
        this.origins = Set.copyOf(config.allowedOrigins());
    }

    /** Before a GET: the allow headers when the request's origin is allowed, nothing else. */
    void simple(final RoutingContext ctx)
    {
        simple(ctx.request());
        ctx.next();
    }

    /** The same for a GET taken before the router ({@link ResultsRoute}). */
    void simple(final HttpServerRequest request)
    {
        final HttpServerResponse response = request.response().putHeader("Vary", "Origin");
        final String origin = request.getHeader("Origin");
        if (origin != null && origins.contains(origin))
        {
            response.putHeader("Access-Control-Allow-Origin", origin)
                .putHeader("Access-Control-Expose-Headers", "ETag, Retry-After");
        }
    }

    /** {@code OPTIONS}: a preflight for a GET from an allowed origin gets 204; anything else a problem. */
    void preflight(final RoutingContext ctx)
    {
        final HttpServerResponse response = ctx.response().putHeader("Vary", "Origin");
        final String origin = ctx.request().getHeader("Origin");
        final String method = ctx.request().getHeader("Access-Control-Request-Method");
        if (origin == null || method == null)
        {
            Responses.problem(ctx, ProblemType.INVALID_PREFLIGHT.problem("OPTIONS here is a CORS preflight: it needs the Origin and " +
                "Access-Control-Request-Method headers"));
            return;
        }
        if (!origins.contains(origin))
        {
            Responses.problem(ctx, ProblemType.ORIGIN_NOT_ALLOWED.problem("pages of " + origin + " may not read this resource from a " +
                "browser (the server's embedding.allowedOrigins)"));
            return;
        }
        if (!"GET".equals(method))
        {
            Responses.problem(ctx, ProblemType.ORIGIN_NOT_ALLOWED.problem("from another site's page, only GET is allowed here, not " +
                method));
            return;
        }
        response.setStatusCode(204)
            .putHeader("Access-Control-Allow-Origin", origin)
            .putHeader("Access-Control-Allow-Methods", "GET")
            .putHeader("Access-Control-Allow-Headers", "If-None-Match")
            .putHeader("Access-Control-Max-Age", MAX_AGE_SECONDS)
            .end();
    }
}
