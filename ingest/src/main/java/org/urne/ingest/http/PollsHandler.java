package org.urne.ingest.http;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.EventLoopSubmission;
import org.urne.ingest.parse.PollDefinitionParser;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemException;
import org.urne.tally.agent.Applied;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollState;
import org.urne.tally.core.PollStatus;
import org.urne.tally.core.RejectReason;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollDefinitionValidator;

/**
 * {@code /v1/polls}: list, read, define (PUT), open and close (none of which changes a sealed poll: 409). Reads come from the polls the tally agent published;
 * a definition, an opening or a closing is answered once the agent has applied it and published the new state, so
 * a client acting on the answer is checked against it on every event loop.
 */
public final class PollsHandler
{
    private final Edge edge;

    PollsHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void list(final RoutingContext ctx)
    {
        final long now = edge.clockMicros.getAsLong();
        final List<JsonObject> polls = new ArrayList<>();
        for (final PollState poll : edge.polls().polls())
        {
            polls.add(PollJson.summary(poll, now));
        }
        Responses.json(ctx, 200, new JsonArray(new ArrayList<>(polls)));
    }

    void get(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final PollState poll = edge.polls().poll(pollId);
        if (poll == null)
        {
            Responses.problem(ctx, ProblemType.UNKNOWN_POLL.problem("unknown poll " + pollId));
            return;
        }
        Responses.json(ctx, 200, PollJson.full(poll, edge.clockMicros.getAsLong(), edge.keys));
    }

    /** 201 when journaled now, 200 when the same definition exists, 409 when a different one does. */
    void put(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final PollDefinition definition;
        try
        {
            definition = edge.withOrderSeedDigest(PollDefinitionParser.parse(edge.json.parse(ctx.body().buffer()),
                pollId));
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        final List<FieldError> errors = PollDefinitionValidator.validate(definition);
        if (!errors.isEmpty())
        {
            Responses.problem(ctx, ProblemType.INVALID_POLL_DEFINITION.problem("the poll definition is invalid", errors));
            return;
        }
        if (!edge.isReady())
        {
            Responses.problem(ctx, edge.notReady());
            return;
        }
        final PollState existing = edge.polls().poll(pollId);
        if (existing != null)
        {
            if (existing.sealed())
            {
                Responses.fail(ctx, sealed(pollId));
            }
            else if (existing.asDefined().sameAs(definition))
            {
                Responses.json(ctx, 200, full(pollId));
            }
            else
            {
                Responses.fail(ctx, conflict(definition));
            }
            return;
        }
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(), new JournalEntry.PollDefined(definition),
                RequestGuards.callerName(ctx))
            .compose(applied -> switch (applied.outcome())
            {
                case ACCEPTED -> Future.succeededFuture(201);
                case DUPLICATE -> Future.succeededFuture(200);
                default -> Future.failedFuture(applied.reason() == RejectReason.INVALID ?
                    ProblemType.INVALID_POLL_DEFINITION.exception("the poll definition is invalid") :
                    applied.reason() == RejectReason.POLL_SEALED ? sealed(pollId) : conflict(definition));
            })
            .onSuccess(status -> Responses.json(ctx, status, full(pollId)))
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

    private JsonObject full(final String pollId)
    {
        final PollState poll = edge.polls().poll(pollId);
        return PollJson.full(poll, edge.clockMicros.getAsLong(), edge.keys);
    }

    private static ProblemException conflict(final PollDefinition definition)
    {
        return ProblemType.POLL_DEFINITION_CONFLICT.problem("poll " + definition.id() + " is already defined differently; definitions are " +
            "immutable").toException();
    }

    private void changeStatus(final RoutingContext ctx, final JournalEntry entry)
    {
        final String pollId = entry.pollId();
        final PollState poll = Responses.pollForWrite(ctx, edge, pollId);
        if (poll == null)
        {
            return;
        }
        if (poll.sealed())
        {
            Responses.fail(ctx, sealed(pollId));
            return;
        }
        if (entry instanceof JournalEntry.PollOpened && poll.statusAt(edge.clockMicros.getAsLong()) == PollStatus.CLOSED)
        {
            Responses.fail(ctx, closedForGood(pollId));
            return;
        }
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(), entry, RequestGuards.callerName(ctx))
            .compose(applied -> statusChanged(pollId, applied))
            .onSuccess(body -> Responses.json(ctx, 200, body))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    private Future<JsonObject> statusChanged(final String pollId, final Applied applied)
    {
        if (applied.outcome() == Outcome.REJECTED)
        {
            return Future.failedFuture(switch (applied.reason())
            {
                case POLL_CLOSED -> closedForGood(pollId);
                case POLL_SEALED -> sealed(pollId);
                default -> ProblemType.UNKNOWN_POLL.problem("unknown poll " + pollId).toException();
            });
        }
        final PollState poll = edge.polls().poll(pollId);
        return Future.succeededFuture(new JsonObject().put("id", pollId)
            .put("status", poll.statusAt(edge.clockMicros.getAsLong()).wireName())
            .put("position", applied.position()));
    }

    /** The 409 every change to a sealed poll gets. */
    static ProblemException sealed(final String pollId)
    {
        return ProblemType.POLL_SEALED.exception("poll " + pollId + " is sealed: its results are final and nothing " +
            "changes it any more");
    }

    private static ProblemException closedForGood(final String pollId)
    {
        return ProblemType.POLL_ALREADY_CLOSED.exception("poll " + pollId + " is closed, and closing is final");
    }
}
