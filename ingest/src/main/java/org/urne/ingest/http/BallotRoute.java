package org.urne.ingest.http;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.urne.ingest.intake.BallotIntake;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.security.Caller;
import org.urne.ingest.security.Role;

/**
 * {@code POST /v1/polls/{pollId}/ballots}, the one route a platform calls for every ballot, taken before the router:
 * matching every route's pattern, a routing context, a body handler growing a buffer from 1 KiB and a per-request
 * data map cost more than the rest of a ballot's work on the event loop. It keeps every guard of the routed
 * version, in the same order and with the same problems: token and role (401, 403), rate (429), content type
 * (415), body size (413, on the declared length or as it streams), then strict JSON (400) and the intake. Any
 * other request, and a path this does not recognise exactly (percent-encoding, a trailing slash), goes on to the
 * next handler ({@link ResultsRoute}, then the router).
 */
final class BallotRoute implements Handler<HttpServerRequest>
{
    private static final System.Logger LOG = System.getLogger(BallotRoute.class.getName());
    private static final String SUFFIX = "/ballots";
    /** The route this takes, as docs/api.md and the OpenAPI document write it. */
    static final String TEMPLATE = PollPath.template(SUFFIX);
    private static final Set<Role> ROLES = EnumSet.of(Role.PLATFORM, Role.OPERATOR, Role.PAPER);

    private final Edge edge;
    private final Context context;
    private final Handler<HttpServerRequest> next;
    private final BallotIntake intake;
    private final int bodyLimit;

    /**
     * @param context the verticle's event-loop context, where answers come back.
     * @param next    what takes every other request.
     */
    BallotRoute(final Edge edge, final Context context, final Handler<HttpServerRequest> next)
    {
        this.edge = edge;
        this.context = context;
        this.next = next;
        this.intake = new BallotIntake(edge);
        this.bodyLimit = edge.config.limits().ballotBytes();
    }

    @Override
    public void handle(final HttpServerRequest request)
    {
        final String pollId = request.method() == HttpMethod.POST ? PollPath.id(request.path(), SUFFIX) : null;
        if (pollId == null)
        {
            next.handle(request);
            return;
        }
        final Caller caller;
        try
        {
            caller = RequestGuards.caller(edge, request, ROLES);
        }
        catch (final ProblemException e)
        {
            Responses.problem(edge, request.response(), e.problem());
            return;
        }
        final Problem contentType = RequestGuards.contentTypeProblem(request, RequestGuards.JSON);
        if (contentType != null)
        {
            Responses.problem(edge, request.response(), contentType);
            return;
        }
        final String declared = request.getHeader("Content-Length");
        final long declaredLength = declared == null ? -1 : parseLength(declared);
        if (declaredLength > bodyLimit)
        {
            Responses.problem(edge, request.response(), tooLarge());
            return;
        }
        new Body(request, pollId, caller, declaredLength).read();
    }

    private static long parseLength(final String header)
    {
        try
        {
            return Long.parseLong(header.trim());
        }
        catch (final NumberFormatException e)
        {
            return -1;
        }
    }

    private static Problem tooLarge()
    {
        return ProblemType.PAYLOAD_TOO_LARGE.problem("the body is over this resource's limit");
    }

    /** One request's body, read up to the limit, then handed to the intake. */
    private final class Body
    {
        private final HttpServerRequest request;
        private final String pollId;
        private final Caller caller;
        private final Buffer bytes;
        /** Answered already (413) or abandoned by the client: the rest of the body is ignored. */
        private boolean finished;

        private Body(final HttpServerRequest request, final String pollId, final Caller caller, final long declared)
        {
            this.request = request;
            this.pollId = pollId;
            this.caller = caller;
            this.bytes = Buffer.buffer(declared > 0 ? (int)declared : 256);
        }

        private void read()
        {
            request.handler(this::append);
            request.endHandler(ignored -> complete());
            // A client that goes away mid-body has nobody to answer; without a handler Vert.x logs each one.
            request.exceptionHandler(ignored -> finished = true);
        }

        private void append(final Buffer chunk)
        {
            if (finished)
            {
                return;
            }
            if (bytes.length() + chunk.length() > bodyLimit)
            {
                finished = true;
                Responses.problem(edge, request.response(), tooLarge());
                return;
            }
            bytes.appendBuffer(chunk);
        }

        private void complete()
        {
            if (finished)
            {
                return;
            }
            final HttpServerResponse response = request.response();
            final JsonNode json;
            try
            {
                json = edge.json.parse(bytes);
            }
            catch (final ProblemException e)
            {
                Responses.problem(edge, response, e.problem());
                return;
            }
            intake.submit(context, pollId, caller, json)
                .onSuccess(answer -> response.setStatusCode(202).putHeader("Content-Type", RequestGuards.JSON)
                    .end(answer))
                .onFailure(this::failed);
        }

        private void failed(final Throwable failure)
        {
            if (failure instanceof ProblemException e)
            {
                Responses.problem(edge, request.response(), e.problem());
                return;
            }
            LOG.log(Level.ERROR, "unexpected failure on POST " + request.path(), failure);
            Responses.problem(edge, request.response(), ProblemType.INTERNAL_ERROR.problem("an unexpected error"));
        }
    }
}
