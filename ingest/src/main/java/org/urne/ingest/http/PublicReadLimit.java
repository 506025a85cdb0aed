package org.urne.ingest.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.security.ClientRateLimiter;

/**
 * The first handler of every public read route (polls, results, receipts, the results page and the embed): a 429
 * problem with {@code Retry-After} once the client is over its rate; otherwise the request goes on and its answer is
 * counted when it is sent, unless it is a 304 (a page refreshing what it already holds costs a string comparison).
 */
final class PublicReadLimit implements Handler<RoutingContext>
{
    private final ClientRateLimiter limiter;
    private final ClientAddress clients;

    PublicReadLimit(final ClientRateLimiter limiter, final UrneConfig.PublicReads config)
    {
        this.limiter = limiter;
        this.clients = new ClientAddress(config.trustedProxies());
    }

    @Override
    public void handle(final RoutingContext ctx)
    {
        final String client = clients.of(ctx.request());
        final Problem refused = overLimit(client);
        if (refused != null)
        {
            Responses.problem(ctx, refused);
            return;
        }
        ctx.addHeadersEndHandler(sent -> charge(ctx.response(), client));
        ctx.next();
    }

    /**
     * The same for a request taken before the router ({@link ResultsRoute}): the 429 problem when the client is over
     * its rate (the caller answers it), else null and the answer will be charged when it is sent.
     */
    Problem admit(final HttpServerRequest request)
    {
        final String client = clients.of(request);
        final Problem refused = overLimit(client);
        if (refused != null)
        {
            return refused;
        }
        request.response().headersEndHandler(sent -> charge(request.response(), client));
        return null;
    }

    private void charge(final HttpServerResponse response, final String client)
    {
        if (response.getStatusCode() != 304)
        {
            limiter.charge(client);
        }
    }

    /** The 429 problem when the client is over its rate, else null. */
    private Problem overLimit(final String client)
    {
        final int wait = limiter.waitSeconds(client);
        return wait > 0 ? ProblemType.CLIENT_RATE_LIMITED.retryAfter("too many requests from this client", wait) :
            null;
    }
}
