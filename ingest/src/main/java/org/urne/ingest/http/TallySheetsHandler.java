package org.urne.ingest.http;

import java.util.List;
import java.util.Optional;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.IngestContext;
import org.urne.ingest.intake.JournalWrites;
import org.urne.ingest.parse.TallySheetParser;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.TallySheetValidator;

/**
 * {@code PUT /v1/polls/{pollId}/tally-sheets/{sheetId}} (operator): one stand's paper count. A sheet with an
 * existing id replaces the earlier one in the counts; the journal keeps both.
 */
public final class TallySheetsHandler
{
    private final IngestContext ingest;

    TallySheetsHandler(final IngestContext ingest)
    {
        this.ingest = ingest;
    }

    void put(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final String sheetId = ctx.pathParam("sheetId");
        final TallySheet sheet;
        try
        {
            sheet = TallySheetParser.parse(ingest.json.parse(ctx.body().buffer()), pollId, sheetId);
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        if (!ingest.isReady())
        {
            Responses.problem(ctx, ingest.notReady());
            return;
        }
        final Context context = ctx.vertx().getOrCreateContext();
        JournalWrites.query(context, ingest, core -> Optional.ofNullable(core.definition(pollId)))
            .compose(definition -> record(context, definition.orElse(null), sheet))
            .onSuccess(position -> Responses.json(ctx, 202,
                new JsonObject().put("sheetId", sheetId).put("position", position)))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    private Future<Long> record(final Context context, final PollDefinition definition, final TallySheet sheet)
    {
        if (definition == null)
        {
            return Future.failedFuture(Problem.of(404, "unknown poll " + sheet.pollId()).toException());
        }
        final List<FieldError> errors = TallySheetValidator.validate(definition, sheet);
        if (!errors.isEmpty())
        {
            return Future.failedFuture(Problem.of(422, "the tally sheet does not fit the poll", errors)
                .toException());
        }
        return JournalWrites.append(context, ingest, new JournalEntry.TallySheetRecorded(sheet))
            .map(appended -> appended.position());
    }
}
