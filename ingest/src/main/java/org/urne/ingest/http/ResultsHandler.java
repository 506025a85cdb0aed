package org.urne.ingest.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.agent.PublishedPoll;
import org.urne.tally.agent.ResultsSnapshot;
import org.urne.tally.agent.Seal;
import org.urne.tally.core.PollState;
import org.urne.tally.domain.Publication;

/**
 * {@code GET /v1/polls/{pollId}/results} and {@code results.csv}: the pre-rendered bytes of the latest snapshot,
 * never computed per request. {@code ETag} is the snapshot's journal position, so refreshing pages get 304s. The
 * public routes withhold the counts until the poll's publication; the operators' {@code results/live} routes do not.
 * {@code ?by=stand} adds the paper channel per stand (JSON) or gives the CSV per stand.
 */
public final class ResultsHandler
{
    /** The one breakdown of {@code ?by=}: the paper channel per stand. */
    private static final String BY_STAND = "stand";

    private final Edge edge;

    ResultsHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void json(final RoutingContext ctx)
    {
        send(ctx.request(), ctx.pathParam("pollId"), false, false);
    }

    void csv(final RoutingContext ctx)
    {
        send(ctx.request(), ctx.pathParam("pollId"), true, false);
    }

    /** The counts whatever the poll's publication, for operators only, never stored by a shared cache. */
    void liveJson(final RoutingContext ctx)
    {
        send(ctx.request(), ctx.pathParam("pollId"), false, true);
    }

    void liveCsv(final RoutingContext ctx)
    {
        send(ctx.request(), ctx.pathParam("pollId"), true, true);
    }

    /**
     * The public answer is the counts once they are published; before that (docs/api.md, "Embargo") the JSON
     * without counts and, for the CSV, which is nothing but counts, 409 {@code results-embargoed}. A sealed poll's
     * CSV is the canonical CSV its seal's digest is of. Taken by the router's routes and, for the public JSON, by
     * {@link ResultsRoute} before the router: the answers are the same.
     */
    void send(final HttpServerRequest request, final String pollId, final boolean csv, final boolean live)
    {
        final HttpServerResponse response = request.response();
        final String by = request.getParam("by");
        if (by != null && !BY_STAND.equals(by))
        {
            Responses.problem(edge, response, Problem.badField("by", "the only breakdown is by=stand"));
            return;
        }
        final ResultsSnapshot snapshot = edge.agent.snapshot();
        final PublishedPoll poll = snapshot.poll(pollId);
        if (poll == null || by != null && poll.byStandJson() == null)
        {
            Responses.problem(edge, response, notPublished(pollId));
            return;
        }
        final PollState state = edge.polls().poll(pollId);
        final boolean countsPublic = live || state.resultsPublicAt(edge.clockMicros.getAsLong());
        if (csv && !countsPublic)
        {
            Responses.problem(edge, response, embargoed(state));
            return;
        }
        // The withheld form has an ETag of its own: at a closesAt passing with no new record, the position stays. So
        // has the form per stand: a client that moves from one to the other never gets a 304 for a body it lacks.
        final String etag = "\"" + snapshot.position() + (by != null ? "-stands" : "") + (countsPublic ? "" :
            "-withheld") + "\"";
        response.putHeader("ETag", etag)
            .putHeader("Cache-Control", live ? "private, no-store" : "public, max-age=1");
        if (matches(request.getHeader("If-None-Match"), etag))
        {
            response.setStatusCode(304).end();
            return;
        }
        final Seal seal = state.sealed() ? edge.agent.record(pollId).seal() : null;
        final byte[] body;
        if (csv)
        {
            body = by != null ? poll.byStandCsv() : seal != null ? seal.resultsCsv() : poll.csv();
        }
        else if (!countsPublic)
        {
            body = poll.withheldJson();
        }
        else
        {
            body = by != null ? poll.byStandJson() : poll.json();
        }
        response.setStatusCode(200)
            .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/json")
            .end(Buffer.buffer(body));
    }

    /** The 409 the public CSV gets while the counts are embargoed, saying when they are published. */
    static Problem embargoed(final PollState poll)
    {
        final String when = poll.definition().publication() == Publication.AT_CLOSE ? "when it closes" :
            "when it is sealed";
        return ProblemType.RESULTS_EMBARGOED.problem("the counts of poll " + poll.definition().id() +
            " are published " + when);
    }

    /** A poll defined since the last snapshot is a 503 for a moment; an unknown one a 404. */
    private Problem notPublished(final String pollId)
    {
        final boolean defined = edge.polls().poll(pollId) != null;
        return defined ? ProblemType.RESULTS_NOT_PUBLISHED.retryAfter("results for poll " + pollId +
            " are not published yet", 1) : ProblemType.UNKNOWN_POLL.problem("unknown poll " + pollId);
    }

    /** Whether an {@code If-None-Match} header names {@code etag} (in a list, weak, or as {@code *}). */
    static boolean matches(final String ifNoneMatch, final String etag)
    {
        if (ifNoneMatch == null)
        {
            return false;
        }
        for (final String candidate : ifNoneMatch.split(","))
        {
            final String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag))
            {
                return true;
            }
        }
        return false;
    }
}
