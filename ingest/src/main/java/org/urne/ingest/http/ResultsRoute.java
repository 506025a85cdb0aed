package org.urne.ingest.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.Problem;

/**
 * {@code GET /v1/polls/{pollId}/results}, the route every live results page polls, taken before the router: for a
 * 304, the answer most of these requests get, matching the path against the routes before it cost more than the
 * rest of the answer (docs/load.md, "Reads before the router"). It keeps the routed version's guards and answers,
 * in the same order: the per-client limit of public reads (429; a 304 is not charged), the CORS headers, then
 * {@link ResultsHandler}. Any other request, and a path this does not recognise exactly, goes to the router.
 */
final class ResultsRoute implements Handler<HttpServerRequest>
{
    private static final String SUFFIX = "/results";
    /** The route this takes, as docs/api.md and the OpenAPI document write it. */
    static final String TEMPLATE = PollPath.template(SUFFIX);

    private final Edge edge;
    private final Handler<HttpServerRequest> next;
    private final PublicReadLimit limit;
    private final CorsPolicy cors;
    private final ResultsHandler results;

    /** @param next what takes every other request: the router. */
    ResultsRoute(final Edge edge, final Handler<HttpServerRequest> next)
    {
        this.edge = edge;
        this.next = next;
        this.limit = new PublicReadLimit(edge.readLimiter, edge.config.publicReads());
        this.cors = new CorsPolicy(edge.config.embedding());
        this.results = new ResultsHandler(edge);
    }

    @Override
    public void handle(final HttpServerRequest request)
    {
        final String pollId = request.method() == HttpMethod.GET ? PollPath.id(request.path(), SUFFIX) : null;
        if (pollId == null)
        {
            next.handle(request);
            return;
        }
        final Problem refused = limit.admit(request);
        if (refused != null)
        {
            Responses.problem(edge, request.response(), refused);
            return;
        }
        cors.simple(request);
        results.send(request, pollId, false, false);
    }
}
