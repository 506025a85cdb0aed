package org.urne.ingest.http;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.security.Caller;
import org.urne.ingest.security.Role;

/** The checks a request passes before its body is read: token and role, rate, content type. */
public final class RequestGuards
{
    static final String CALLER = "urne.caller";
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";

    private RequestGuards()
    {
    }

    /** The name of the token an {@link #authorize authorized} request came with: what its records are signed with. */
    static String callerName(final RoutingContext ctx)
    {
        return caller(ctx).name();
    }

    /** The caller of an {@link #authorize authorized} request. */
    static Caller caller(final RoutingContext ctx)
    {
        return ctx.get(CALLER);
    }

    /** 401 without a known token, 403 without one of {@code roles}, 429 over the token's rate. */
    static Handler<RoutingContext> authorize(final Edge edge, final Role first, final Role... rest)
    {
        final Set<Role> roles = EnumSet.of(first, rest);
        return guard(ctx ->
        {
            try
            {
                ctx.put(CALLER, caller(edge, ctx.request(), roles));
                ctx.next();
            }
            catch (final ProblemException e)
            {
                Responses.fail(ctx, e);
            }
        });
    }

    /**
     * The caller of a request that needs one of {@code roles}, or the problem: 401 (with {@code WWW-Authenticate} on
     * the response) without a known token, 403 without one of the roles, 429 over the token's rate.
     */
    static Caller caller(final Edge edge, final HttpServerRequest request, final Set<Role> roles)
    {
        final Caller caller = edge.authenticator.authenticate(request.getHeader("Authorization"));
        if (caller == null)
        {
            request.response().putHeader("WWW-Authenticate", "Bearer");
            throw ProblemType.UNAUTHORIZED.exception("a valid bearer token is required");
        }
        if (!roles.contains(caller.role()))
        {
            throw ProblemType.FORBIDDEN.exception("this token's role may not do this");
        }
        final int wait = edge.rateLimiter.acquire(caller.name());
        if (wait > 0)
        {
            throw ProblemType.RATE_LIMITED.retryAfter("too many requests for this token", wait).toException();
        }
        return caller;
    }

    /** 415 unless the body is declared as one of {@code mediaTypes} (in UTF-8 when a charset is named). */
    static Handler<RoutingContext> contentType(final String... mediaTypes)
    {
        return guard(ctx ->
        {
            final Problem problem = contentTypeProblem(ctx.request(), mediaTypes);
            if (problem == null)
            {
                ctx.next();
                return;
            }
            Responses.problem(ctx, problem);
        });
    }

    /** The 415 for a request whose body is not declared as one of {@code mediaTypes}, or null. */
    static Problem contentTypeProblem(final HttpServerRequest request, final String... mediaTypes)
    {
        final String header = request.getHeader("Content-Type");
        if (header != null && accepts(header, mediaTypes))
        {
            return null;
        }
        return ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("the body must be " + String.join(" or ", mediaTypes) + " in UTF-8");
    }

    /**
     * Vert.x Web runs security policy handlers before the body handler; declaring the guards as such lets them
     * refuse a request before its body (up to the batch limit) is read into memory.
     */
    private static Handler<RoutingContext> guard(final Handler<RoutingContext> check)
    {
        return new Guard(check);
    }

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

    /** The media type of a {@code Content-Type} header, lower case, without parameters. */
    static String mediaType(final String header)
    {
        final int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean accepts(final String header, final String... mediaTypes)
    {
        final String type = mediaType(header);
        for (final String parameter : header.toLowerCase(Locale.ROOT).split(";"))
        {
            final String trimmed = parameter.trim();
            if (trimmed.startsWith("charset=") && !trimmed.replace("\"", "").equals("charset=utf-8"))
            {
                return false;
            }
        }
        for (final String mediaType : mediaTypes)
        {
            if (mediaType.equals(type))
            {
                return true;
            }
        }
        return false;
    }
}
