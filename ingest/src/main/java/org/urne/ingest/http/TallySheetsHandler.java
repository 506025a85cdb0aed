package org.urne.ingest.http;

import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.EventLoopSubmission;
import org.urne.ingest.intake.PaperRefusals;
import org.urne.ingest.parse.TallySheetParser;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.security.Caller;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollState;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.TallySheetValidator;

/**
 * {@code PUT /v1/polls/{pollId}/tally-sheets/{sheetId}} (operator, or a paper token at the sheet's stand): one
 * stand's paper count. Under single entry a sheet with an existing id replaces the earlier one in the counts; under
 * double entry it counts once two tokens entered the same figures; the journal keeps every entry, and the answer
 * says where the sheet stands. After the close, sheets are taken until the poll's {@code sheetsUntil} (409
 * {@code sheets-closed} after it), and never once the poll is sealed; a stand whose box was typed takes none.
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
        final Caller caller = RequestGuards.caller(ctx);
        final TallySheet sheet;
        try
        {
            sheet = TallySheetParser.parse(edge.json.parse(ctx.body().buffer()), pollId, sheetId, caller.name());
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
        if (!caller.mayEnterPaper(pollId, sheet.stand()))
        {
            Responses.fail(ctx, PaperRefusals.standNotAllowed(caller, pollId, sheet.stand()));
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
        final ProblemException typed = PaperRefusals.boxEnteredAsTyped(edge.agent.paper(pollId), sheet.stand());
        if (typed != null)
        {
            Responses.fail(ctx, typed);
            return;
        }
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(), new JournalEntry.TallySheetRecorded(sheet),
                caller.name())
            .compose(applied -> applied.outcome() == Outcome.REJECTED ? Future.failedFuture(switch (applied.reason())
            {
                case POLL_SEALED -> PollsHandler.sealed(pollId);
                case SHEETS_CLOSED -> sheetsClosed(poll);
                case BOX_ENTERED_OTHERWISE -> PaperRefusals.boxEnteredOtherwise(edge.agent.paper(pollId),
                    sheet.stand());
                default -> ProblemType.INVALID_TALLY_SHEET.exception("the tally sheet does not fit the poll");
            }) : Future.succeededFuture(applied))
            .onSuccess(applied -> Responses.json(ctx, 202, new JsonObject().put("sheetId", sheetId)
                .put("position", applied.position()).put("entry", applied.sheetEntry().wireName())))
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
