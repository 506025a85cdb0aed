package org.urne.ingest.http;

import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.EventLoopSubmission;
import org.urne.ingest.parse.TallySheetParser;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemException;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollState;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.TallySheetValidator;

/**
 * {@code PUT /v1/polls/{pollId}/tally-sheets/{sheetId}} (operator): one stand's paper count. A sheet with an
 * existing id replaces the earlier one in the counts; the journal keeps both. After the close, sheets are taken until
 * the poll's {@code sheetsUntil} (409 {@code sheets-closed} after it), and never once the poll is sealed.
 */
public final class TallySheetsHandler
{
    private final Edge edge;

    TallySheetsHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void put(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final String sheetId = ctx.pathParam("sheetId");
        final TallySheet sheet;
        try
        {
            sheet = TallySheetParser.parse(edge.json.parse(ctx.body().buffer()), pollId, sheetId);
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        final PollState poll = Responses.pollForWrite(ctx, edge, pollId);
        if (poll == null)
        {
            return;
        }
        final ProblemException closed = refusal(poll, edge.clockMicros.getAsLong());
        if (closed != null)
        {
            Responses.fail(ctx, closed);
            return;
        }
        final List<FieldError> errors = TallySheetValidator.validate(poll.definition(), sheet);
        if (!errors.isEmpty())
        {
            Responses.problem(ctx, ProblemType.INVALID_TALLY_SHEET.problem("the tally sheet does not fit the poll", errors));
            return;
        }
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(), new JournalEntry.TallySheetRecorded(sheet),
                RequestGuards.callerName(ctx))
            .compose(applied -> applied.outcome() == Outcome.REJECTED ? Future.failedFuture(switch (applied.reason())
            {
                case POLL_SEALED -> PollsHandler.sealed(pollId);
                case SHEETS_CLOSED -> sheetsClosed(poll);
                default -> ProblemType.INVALID_TALLY_SHEET.exception("the tally sheet does not fit the poll");
            }) : Future.succeededFuture(applied.position()))
            .onSuccess(position -> Responses.json(ctx, 202,
                new JsonObject().put("sheetId", sheetId).put("position", position)))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    /** The 409 a sheet gets from the published state (sealed, or closed past sheetsUntil), or null when it may go. */
    static ProblemException refusal(final PollState poll, final long nowMicros)
    {
        if (poll.sealed())
        {
            return PollsHandler.sealed(poll.definition().id());
        }
        return poll.takesSheetsAt(nowMicros) ? null : sheetsClosed(poll);
    }

    static ProblemException sheetsClosed(final PollState poll)
    {
        final PollDefinition definition = poll.definition();
        final String until = definition.sheetsUntil() == null ? "it takes none after its close" :
            "it took them until its sheetsUntil, " + definition.sheetsUntil();
        return ProblemType.SHEETS_CLOSED.exception("poll " + definition.id() + " is closed and " + until);
    }
}
