package org.urne.ingest.http;

import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.EventLoopSubmission;
import org.urne.ingest.parse.ItemRequestParser;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.security.Role;
import org.urne.tally.agent.Applied;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollState;
import org.urne.tally.core.PollStatus;
import org.urne.tally.core.RejectReason;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinitionValidator;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Proposals;

/**
 * The items of an opinion poll while it runs (docs/api.md, "Items added during the vote"): {@code POST
 * /v1/polls/{pollId}/items} adds one (an operator's, or a citizen's proposal the platform posts with the proposer's
 * voter id) and answers 201 with the id the journal gave it, once every event loop takes ballots on it; {@code POST
 * .../items/{itemId}/status} (operator) hides, withdraws or publishes one again. What the published state already
 * refuses is refused before anything is journaled.
 */
final class ItemsHandler
{
    private final Edge edge;

    ItemsHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void add(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final PollState poll = Responses.pollForWrite(ctx, edge, pollId);
        if (poll == null)
        {
            return;
        }
        final JournalEntry.ItemAdded added;
        try
        {
            final ItemRequestParser.ItemRequest request =
                ItemRequestParser.parseItem(edge.json.parse(ctx.body().buffer()));
            added = new JournalEntry.ItemAdded(pollId, request.title(), request.group(), request.subject(),
                request.description(), request.link(),
                request.voter() == null ? null : edge.keys.voterKey(pollId, request.voter()));
            final ProblemException refused = refusal(poll, added, RequestGuards.caller(ctx).role());
            if (refused != null)
            {
                throw refused;
            }
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(), added, RequestGuards.callerName(ctx))
            .compose(applied -> addDecided(added, applied))
            .onSuccess(applied -> Responses.json(ctx, 201, new JsonObject().put("poll", pollId)
                .put("id", applied.addedItem()).put("status", ItemStatus.PUBLISHED.wireName())
                .put("position", applied.position())))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    void status(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final PollState poll = Responses.pollForWrite(ctx, edge, pollId);
        if (poll == null)
        {
            return;
        }
        final JournalEntry.ItemStatusChanged changed;
        try
        {
            final int item = itemId(ctx.pathParam("itemId"));
            final ItemRequestParser.StatusRequest request =
                ItemRequestParser.parseStatus(edge.json.parse(ctx.body().buffer()));
            changed = new JournalEntry.ItemStatusChanged(pollId, item, request.status(), request.reason());
            final ProblemException refused = statusRefusal(poll, item);
            if (refused != null)
            {
                throw refused;
            }
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(), changed, RequestGuards.callerName(ctx))
            .compose(applied -> applied.outcome() == Outcome.REJECTED ? Future.failedFuture(
                problem(applied.reason(), poll, changed.item(), null)) : Future.succeededFuture(applied))
            .onSuccess(applied -> Responses.json(ctx, 200, new JsonObject().put("poll", pollId)
                .put("id", changed.item()).put("status", changed.status().wireName())
                .put("position", applied.position())))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    /** What the published state already refuses for an addition, or null. */
    private ProblemException refusal(final PollState poll, final JournalEntry.ItemAdded added, final Role role)
    {
        if (role == Role.PLATFORM && added.proposer() == null)
        {
            return ProblemType.INVALID_ITEM.problem("the item is invalid", List.of(new FieldError("voter",
                "is required from the platform: a citizen's proposal names its proposer"))).toException();
        }
        final List<FieldError> errors = PollDefinitionValidator.validateAdded(added.item(0));
        if (!errors.isEmpty())
        {
            return ProblemType.INVALID_ITEM.problem("the item is invalid", errors).toException();
        }
        final RejectReason reason = poll.sealed() ? RejectReason.POLL_SEALED :
            poll.definition().kind() != PollKind.OPINION ? RejectReason.ITEMS_FIXED :
            poll.statusAt(edge.clockMicros.getAsLong()) == PollStatus.CLOSED ? RejectReason.POLL_CLOSED :
            added.proposer() != null && poll.definition().proposals() != Proposals.CITIZENS ?
                RejectReason.PROPOSALS_CLOSED :
            poll.definition().itemTitled(added.subject(), added.title()) != null ? RejectReason.DUPLICATE_ITEM : null;
        return reason == null ? null : problem(reason, poll, -1, added);
    }

    private ProblemException statusRefusal(final PollState poll, final int item)
    {
        final RejectReason reason = poll.sealed() ? RejectReason.POLL_SEALED :
            poll.definition().kind() != PollKind.OPINION ? RejectReason.ITEMS_FIXED :
            poll.itemStatus(item) == null ? RejectReason.ITEM_UNKNOWN : null;
        return reason == null ? null : problem(reason, poll, item, null);
    }

    private Future<Applied> addDecided(final JournalEntry.ItemAdded added, final Applied applied)
    {
        if (applied.outcome() == Outcome.ACCEPTED)
        {
            return Future.succeededFuture(applied);
        }
        // Refused by the core: a race the published state could not foresee (a close, the same title twice).
        return Future.failedFuture(problem(applied.reason(), edge.polls().poll(added.pollId()), -1, added));
    }

    /** The problem for the core's reason, worded as the checks before journaling word it. */
    private ProblemException problem(final RejectReason reason, final PollState poll, final int item,
        final JournalEntry.ItemAdded added)
    {
        final String pollId = poll.definition().id();
        return switch (reason)
        {
            case POLL_SEALED -> PollsHandler.sealed(pollId);
            case ITEMS_FIXED -> ProblemType.ITEMS_FIXED.exception("poll " + pollId + " is a " +
                poll.definition().kind().wireName() + " poll: its items are those of its definition");
            case POLL_CLOSED -> ProblemType.POLL_NOT_OPEN.exception("poll " + pollId +
                " is closed: it takes no new item");
            case PROPOSALS_CLOSED -> ProblemType.PROPOSALS_CLOSED.exception("poll " + pollId +
                " takes items from operators only (proposals: operators)");
            case DUPLICATE_ITEM -> duplicate(poll, added);
            case ITEM_UNKNOWN -> ProblemType.UNKNOWN_ITEM.exception("poll " + pollId + " has no item " + item);
            default -> ProblemType.INVALID_ITEM.exception("the item does not fit the poll");
        };
    }

    private static ProblemException duplicate(final PollState poll, final JournalEntry.ItemAdded added)
    {
        final Item existing = poll.definition().itemTitled(added.subject(), added.title());
        final String where = added.subject() == null ? "among the items without a subject" :
            "in subject " + added.subject();
        final Problem problem = ProblemType.DUPLICATE_ITEM.problem("an item already has this title " + where);
        return (existing == null ? problem : problem.with("item", existing.id())).toException();
    }

    private static int itemId(final String text)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException e)
        {
            throw ProblemType.UNKNOWN_ITEM.exception("an item id is a whole number, not " + text);
        }
    }
}
