package org.urne.ingest.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.config.UrneConfig;
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
        final int wait = limiter.waitSeconds(client);
        if (wait > 0)
        {
            Responses.problem(ctx, ProblemType.CLIENT_RATE_LIMITED.retryAfter("too many requests from this client", wait));
            return;
        }
        ctx.addHeadersEndHandler(sent ->
        {
            if (ctx.response().getStatusCode() != 304)
            {
                limiter.charge(client);
            }
        });
        ctx.next();
    }
}
