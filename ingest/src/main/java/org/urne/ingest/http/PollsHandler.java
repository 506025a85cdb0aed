package org.urne.ingest.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.IngestContext;
import org.urne.ingest.intake.JournalWrites;
import org.urne.ingest.parse.PollDefinitionParser;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.tally.core.PollStatus;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollDefinitionValidator;

/** {@code /v1/polls}: list, read, define (PUT), open and close. Definitions and statuses come from the tally core. */
public final class PollsHandler
{
    private final IngestContext ingest;

    PollsHandler(final IngestContext ingest)
    {
        this.ingest = ingest;
    }

    void list(final RoutingContext ctx)
    {
        final long now = ingest.clockMicros.getAsLong();
        JournalWrites.query(ctx.vertx().getOrCreateContext(), ingest, core -> summaries(core, now))
            .onSuccess(polls -> Responses.json(ctx, 200, polls))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    void get(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final long now = ingest.clockMicros.getAsLong();
        JournalWrites.query(ctx.vertx().getOrCreateContext(), ingest, core ->
            {
                final PollDefinition definition = core.definition(pollId);
                return definition == null ? null : PollJson.full(definition, core.status(pollId, now));
            })
            .onSuccess(poll ->
            {
                if (poll == null)
                {
                    Responses.problem(ctx, Problem.of(404, "unknown poll " + pollId));
                }
                else
                {
                    Responses.json(ctx, 200, poll);
                }
            })
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    /** 201 when journaled now, 200 when the same definition exists, 409 when a different one does. */
    void put(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final PollDefinition definition;
        try
        {
            definition = PollDefinitionParser.parse(ingest.json.parse(ctx.body().buffer()), pollId);
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        final List<FieldError> errors = PollDefinitionValidator.validate(definition);
        if (!errors.isEmpty())
        {
            Responses.problem(ctx, Problem.of(422, "the poll definition is invalid", errors));
            return;
        }
        if (!ingest.isReady())
        {
            Responses.problem(ctx, ingest.notReady());
            return;
        }
        final Context context = ctx.vertx().getOrCreateContext();
        define(context, definition)
            .compose(created -> JournalWrites.query(context, ingest, core -> PollJson.full(definition,
                core.status(pollId, ingest.clockMicros.getAsLong())))
                .onSuccess(poll -> Responses.json(ctx, created ? 201 : 200, poll)))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    void open(final RoutingContext ctx)
    {
        changeStatus(ctx, new JournalEntry.PollOpened(ctx.pathParam("pollId")));
    }

    void close(final RoutingContext ctx)
    {
        changeStatus(ctx, new JournalEntry.PollClosed(ctx.pathParam("pollId")));
    }

    /** True when this call journaled the definition; a problem when a different one exists. */
    private Future<Boolean> define(final Context context, final PollDefinition definition)
    {
        return JournalWrites.query(context, ingest, core -> Optional.ofNullable(
                core.definition(definition.id())))
            .compose(existing ->
            {
                if (existing.isPresent())
                {
                    return existing.get().equals(definition) ? Future.succeededFuture(false) : conflict(definition);
                }
                return JournalWrites.append(context, ingest, new JournalEntry.PollDefined(definition))
                    .compose(appended -> JournalWrites.query(context, ingest, appended.position(),
                        core -> definition.equals(core.definition(definition.id()))))
                    .compose(won -> won ? Future.succeededFuture(true) : conflict(definition));
            });
    }

    private static Future<Boolean> conflict(final PollDefinition definition)
    {
        return Future.failedFuture(Problem.of(409, "poll " + definition.id() +
            " is already defined differently; definitions are immutable").toException());
    }

    private void changeStatus(final RoutingContext ctx, final JournalEntry entry)
    {
        final String pollId = entry.pollId();
        if (!ingest.isReady())
        {
            Responses.problem(ctx, ingest.notReady());
            return;
        }
        final Context context = ctx.vertx().getOrCreateContext();
        final long now = ingest.clockMicros.getAsLong();
        JournalWrites.query(context, ingest, core -> Optional.ofNullable(core.status(pollId, now)))
            .compose(status ->
            {
                if (status.isEmpty())
                {
                    return Future.failedFuture(Problem.of(404, "unknown poll " + pollId).toException());
                }
                if (entry instanceof JournalEntry.PollOpened && status.get() == PollStatus.CLOSED)
                {
                    return Future.failedFuture(Problem.of(409, "poll " + pollId +
                        " is closed, and closing is final").toException());
                }
                return JournalWrites.append(context, ingest, entry);
            })
            .compose(appended -> JournalWrites.query(context, ingest, appended.position(), core ->
                new JsonObject().put("id", pollId)
                    .put("status", core.status(pollId, ingest.clockMicros.getAsLong()).wireName())
                    .put("position", appended.position())))
            .onSuccess(body -> Responses.json(ctx, 200, body))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    private static JsonArray summaries(final TallyCore core, final long now)
    {
        final List<JsonObject> polls = new ArrayList<>();
        for (final PollDefinition definition : core.definitions())
        {
            polls.add(PollJson.summary(definition, core.status(definition.id(), now)));
        }
        return new JsonArray(new ArrayList<>(polls));
    }
}
