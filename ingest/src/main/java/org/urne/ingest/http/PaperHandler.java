package org.urne.ingest.http;

import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.PaperRefusals;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.security.Caller;
import org.urne.tally.core.PaperView;
import org.urne.tally.core.PollState;

/**
 * The operator screens' reads (operator, or a paper token for its polls and stands): {@code GET
 * /v1/polls/{pollId}/stands}, each stand's status and reconciliation, and {@code GET
 * /v1/polls/{pollId}/tally-sheets/{sheetId}}, a sheet's entries and where they differ. Both from the paper view the
 * tally agent published before answering the last paper record, so an agent sees what it was just told.
 */
final class PaperHandler
{
    private final Edge edge;

    PaperHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void stands(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final PaperView paper = readable(ctx, pollId);
        if (paper != null)
        {
            Responses.json(ctx, 200, PaperJson.stands(edge.polls().poll(pollId).definition(), paper,
                RequestGuards.caller(ctx)));
        }
    }

    void sheet(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final String sheetId = ctx.pathParam("sheetId");
        final PaperView paper = readable(ctx, pollId);
        if (paper == null)
        {
            return;
        }
        final PaperView.SheetView sheet = paper.sheets().get(sheetId);
        if (sheet == null || !RequestGuards.caller(ctx).seesStand(sheet.stand()))
        {
            Responses.problem(ctx, ProblemType.UNKNOWN_SHEET.problem("poll " + pollId + " has no tally sheet " +
                sheetId + " this token may read"));
            return;
        }
        Responses.json(ctx, 200, PaperJson.sheet(edge.polls().poll(pollId).definition(), sheet));
    }

    /** The poll's paper view, or null once answered: 503 before ready, 404 unknown poll, 403 outside the token's. */
    private PaperView readable(final RoutingContext ctx, final String pollId)
    {
        final PollState poll = Responses.pollForWrite(ctx, edge, pollId);
        if (poll == null)
        {
            return null;
        }
        final Caller caller = RequestGuards.caller(ctx);
        if (!caller.mayReadPaper(pollId))
        {
            Responses.fail(ctx, PaperRefusals.standNotAllowed(caller, pollId, null));
            return null;
        }
        final PaperView paper = edge.agent.paper(pollId);
        if (paper == null)
        {
            Responses.problem(ctx, ProblemType.NOT_READY.retryAfter("poll " + pollId + "'s paper channel is not " +
                "published yet", 1));
        }
        return paper;
    }
}
