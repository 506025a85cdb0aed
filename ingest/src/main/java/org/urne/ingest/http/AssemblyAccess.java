package org.urne.ingest.http;

import java.util.EnumSet;
import java.util.Set;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.security.Caller;
import org.urne.ingest.security.Role;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.domain.Key128;

/**
 * Who may do what on {@code /v1/assemblies/{assemblyId}/...}: operators on every assembly; a facilitator token, or a
 * viewer token for reads, on its own assembly only (403 on another's); a member with their device code, on their
 * assembly's cards and views. A wrong device code counts against the client (429 {@code device-code-attempts} after
 * ten), so no one can try codes at the rate of requests.
 */
final class AssemblyAccess
{
    /** The member a request was authenticated as by device code (a {@link String}), or absent. */
    static final String MEMBER = "urne.member";
    /** Who made the records of a request authenticated by device code: no token's name. */
    static final String DEVICE = "device-code";
    private static final String BEARER = "Bearer ";

    private final Edge edge;
    private final ClientAddress clients;

    AssemblyAccess(final Edge edge)
    {
        this.edge = edge;
        this.clients = new ClientAddress(edge.config.publicReads().trustedProxies());
    }

    /** Operators, and the assembly's facilitators. */
    Handler<RoutingContext> facilitators()
    {
        return guard(EnumSet.of(Role.OPERATOR, Role.FACILITATOR), false);
    }

    /** Operators, the assembly's facilitators and viewers, and its members by device code. */
    Handler<RoutingContext> readers()
    {
        return guard(EnumSet.of(Role.OPERATOR, Role.FACILITATOR, Role.VIEWER), true);
    }

    /** Operators and the assembly's facilitators (on a member's behalf), and its members by device code. */
    Handler<RoutingContext> voters()
    {
        return guard(EnumSet.of(Role.OPERATOR, Role.FACILITATOR), true);
    }

    private Handler<RoutingContext> guard(final Set<Role> roles, final boolean members)
    {
        return new Guard(ctx ->
        {
            try
            {
                authorize(ctx, roles, members);
                ctx.next();
            }
            catch (final ProblemException e)
            {
                Responses.fail(ctx, e);
            }
        });
    }

    private void authorize(final RoutingContext ctx, final Set<Role> roles, final boolean members)
    {
        final HttpServerRequest request = ctx.request();
        final String assemblyId = ctx.pathParam("assemblyId");
        final String bearer = bearer(request);
        final Caller caller = bearer == null ? null : edge.authenticator.authenticate(BEARER + bearer);
        if (caller != null || !members)
        {
            ctx.put(RequestGuards.CALLER, checked(request, caller, roles, assemblyId));
            return;
        }
        ctx.put(MEMBER, member(request, assemblyId, bearer));
    }

    /** The member whose device code {@code bearer} is, or the problem: 401 when nobody's, 429 after too many. */
    private String member(final HttpServerRequest request, final String assemblyId, final String bearer)
    {
        final String client = clients.of(request);
        final AssemblyView assembly = edge.agent.assembly(assemblyId);
        final Key128 key = bearer == null || assembly == null ? null : edge.deviceCodes.key(assemblyId, bearer);
        final int wait = edge.deviceCodes.waitSeconds(client, key);
        if (wait > 0)
        {
            throw ProblemType.DEVICE_CODE_ATTEMPTS.retryAfter("too many wrong device codes from this client", wait)
                .toException();
        }
        final String member = key == null ? null : assembly.devices().get(key);
        if (member == null)
        {
            if (bearer != null)
            {
                edge.deviceCodes.failed(client);
            }
            request.response().putHeader("WWW-Authenticate", "Bearer");
            throw ProblemType.UNAUTHORIZED.exception("a valid bearer token or device code is required");
        }
        edge.deviceCodes.succeeded(key);
        return member;
    }

    /**
     * The bearer token or device code: the {@code Authorization} header's, else the {@code access_token} query
     * parameter's (RFC 6750), which a browser's EventSource can only send that way.
     */
    private static String bearer(final HttpServerRequest request)
    {
        final String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            final String token = authorization.substring(BEARER.length()).trim();
            return token.isEmpty() || token.length() > 1024 ? null : token;
        }
        final String query = request.getParam("access_token");
        return query == null || query.isEmpty() || query.length() > 1024 ? null : query;
    }

    /** As {@link RequestGuards#caller}: 401 without a known token, 403 without a role or for another assembly, 429. */
    private Caller checked(final HttpServerRequest request, final Caller caller, final Set<Role> roles,
        final String assemblyId)
    {
        if (caller == null)
        {
            request.response().putHeader("WWW-Authenticate", "Bearer");
            throw ProblemType.UNAUTHORIZED.exception("a valid bearer token is required");
        }
        if (!roles.contains(caller.role()))
        {
            throw ProblemType.FORBIDDEN.exception("this token's role may not do this");
        }
        if (!caller.mayUse(assemblyId))
        {
            throw ProblemType.FORBIDDEN.exception("this token is for another assembly");
        }
        final int wait = edge.rateLimiter.acquire(caller.name());
        if (wait > 0)
        {
            throw ProblemType.RATE_LIMITED.retryAfter("too many requests for this token", wait).toException();
        }
        return caller;
    }

    /** A check Vert.x runs before the body handler: a refused request's body is never read. */
    private static final class Guard implements SecurityPolicyHandler
    {
        private final Handler<RoutingContext> check;

        private Guard(final Handler<RoutingContext> check)
        {
            this.check = check;
        }

        @Override
        public void handle(final RoutingContext ctx)
        {
            check.handle(ctx);
        }
    }

    /** The record author of a request: the token's name, or {@link #DEVICE} for a member's device code. */
    static String by(final RoutingContext ctx)
    {
        final Caller caller = ctx.get(RequestGuards.CALLER);
        return caller == null ? DEVICE : caller.name();
    }
}
