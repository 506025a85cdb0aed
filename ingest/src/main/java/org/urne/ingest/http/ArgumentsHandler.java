package org.urne.ingest.http;

import java.util.List;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.EventLoopSubmission;
import org.urne.ingest.parse.HideRequestParser;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.agent.Applied;
import org.urne.tally.core.ArgumentView;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollState;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Times;

/**
 * {@code GET /v1/polls/{pollId}/items/{item}/arguments?stance=for|mixed|against[&after=CURSOR]} (public): an
 * opinion item's arguments of one stance whose votes count, not hidden nor erased, newest first, a page of
 * {@link ArgumentView#PAGE_SIZE} at a time, from what the tally agent published with the results (a read never
 * waits for it). Under an embargo it answers 409 {@code results-embargoed}, as the results CSV: a list per stance
 * is a count per stance.
 *
 * <p>{@code POST /v1/polls/{pollId}/arguments/{argumentId}/hide} (operator) with a reason: journaled; the argument
 * is not served any more once the answer comes, and its vote still counts. An unknown argument, or one hidden
 * already, is refused from the published arguments before anything is journaled.
 *
 * <p>{@code POST /v1/polls/{pollId}/arguments/{argumentId}/erase} (operator): journaled; the argument's text is
 * forgotten (its key destroyed), and its vote and every count stay. Refused the same way, and when erased already.
 */
final class ArgumentsHandler
{
    /** A decimal number without sign or leading zero, short enough for a long. */
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,17}");
    /** An item id as a definition gives it: a decimal int, possibly negative. */
    private static final Pattern ITEM_ID = Pattern.compile("-?(0|[1-9][0-9]{0,9})");

    private final Edge edge;

    ArgumentsHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void list(final RoutingContext ctx)
    {
        try
        {
            final String pollId = ctx.pathParam("pollId");
            final PollState poll = opinionPoll(edge, pollId);
            final int itemIndex = itemIndex(poll, ctx.pathParam("item"));
            final Choice stance = stance(ctx.request().params().getAll("stance"));
            final long before = cursor(ctx.request().params().getAll("after"));
            if (!poll.resultsPublicAt(edge.clockMicros.getAsLong()))
            {
                throw ResultsHandler.embargoed(poll).toException();
            }
            final ArgumentView view = edge.agent.arguments(pollId);
            if (view == null)
            {
                throw ProblemType.RESULTS_NOT_PUBLISHED.retryAfter("the arguments of poll " + pollId +
                    " are not published yet", 1).toException();
            }
            ctx.response().putHeader("Cache-Control", "public, max-age=1");
            Responses.json(ctx, 200, toJson(view.page(itemIndex, stance, before, ArgumentView.PAGE_SIZE)));
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
        }
    }

    void hide(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final String reason;
        final long id;
        try
        {
            reason = hideReason(ctx.body().buffer());
            if (Responses.pollForWrite(ctx, edge, pollId) == null)
            {
                return;
            }
            id = argumentId(pollId, ctx.pathParam("argumentId"));
            if (known(pollId, id).hiddenReason() != null)
            {
                throw alreadyHidden(pollId, id);
            }
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(),
                new JournalEntry.ArgumentHidden(pollId, id, reason), RequestGuards.callerName(ctx))
            .compose(applied -> decided(pollId, id, applied, "hidden"))
            .onSuccess(json -> Responses.json(ctx, 200, json))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    void erase(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final long id;
        try
        {
            if (Responses.pollForWrite(ctx, edge, pollId) == null)
            {
                return;
            }
            id = argumentId(pollId, ctx.pathParam("argumentId"));
            if (known(pollId, id).erased())
            {
                throw alreadyErased(pollId, id);
            }
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(),
                new JournalEntry.ArgumentErased(pollId, id), RequestGuards.callerName(ctx))
            .compose(applied -> decided(pollId, id, applied, "erased"))
            .onSuccess(json -> Responses.json(ctx, 200, json))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    private String hideReason(final Buffer body)
    {
        if (body == null || body.length() == 0)
        {
            throw Problem.badField("reason", "is required").toException();
        }
        return HideRequestParser.reason(edge.json.parse(body));
    }

    /** The id of an argument of an opinion poll, as the path gives it; else the problem to answer. */
    private long argumentId(final String pollId, final String text)
    {
        opinionPoll(edge, pollId);
        if (!NUMBER.matcher(text).matches())
        {
            throw unknownArgument(pollId, text);
        }
        return Long.parseLong(text);
    }

    /** What the published arguments know of an argument; the problem to answer when they know none. */
    private ArgumentView.Known known(final String pollId, final long id)
    {
        final ArgumentView view = edge.agent.arguments(pollId);
        final ArgumentView.Known known = view == null ? null : view.find(id);
        if (known == null)
        {
            throw unknownArgument(pollId, Long.toString(id));
        }
        return known;
    }

    /** The answer once the core applied the record: what it did, or the problem a race made of it. */
    private static Future<JsonObject> decided(final String pollId, final long id, final Applied applied,
        final String status)
    {
        if (applied.outcome() == Outcome.ACCEPTED)
        {
            return Future.succeededFuture(new JsonObject().put("argument", id).put("position", applied.position())
                .put("status", status));
        }
        return Future.failedFuture(switch (applied.reason())
        {
            case ARGUMENT_HIDDEN -> alreadyHidden(pollId, id);
            case ARGUMENT_ERASED -> alreadyErased(pollId, id);
            case POLL_UNKNOWN -> ProblemType.UNKNOWN_POLL.exception("unknown poll " + pollId);
            default -> unknownArgument(pollId, Long.toString(id));
        });
    }

    private static ProblemException unknownArgument(final String pollId, final String id)
    {
        return ProblemType.UNKNOWN_ARGUMENT.exception("poll " + pollId + " has no argument " + id +
            " (an argument shows here once the results that count its vote are published)");
    }

    private static ProblemException alreadyHidden(final String pollId, final long id)
    {
        return ProblemType.ARGUMENT_HIDDEN.exception("argument " + id + " of poll " + pollId + " is hidden already");
    }

    private static ProblemException alreadyErased(final String pollId, final long id)
    {
        return ProblemType.ARGUMENT_ERASED.exception("the text of argument " + id + " of poll " + pollId +
            " is erased already");
    }

    /** The poll, if it is defined and an opinion poll; else the problem to answer. */
    static PollState opinionPoll(final Edge edge, final String pollId)
    {
        final PollState poll = edge.polls().poll(pollId);
        if (poll == null)
        {
            throw ProblemType.UNKNOWN_POLL.exception("unknown poll " + pollId);
        }
        if (poll.definition().kind() != PollKind.OPINION)
        {
            throw ProblemType.NOT_OPINION_POLL.exception("poll " + pollId + " is a " +
                poll.definition().kind().wireName() + " poll: its ballots carry no argument");
        }
        return poll;
    }

    private static int itemIndex(final PollState poll, final String item)
    {
        final int index = ITEM_ID.matcher(item).matches() ? indexOf(poll, Long.parseLong(item)) : -1;
        if (index < 0)
        {
            throw ProblemType.UNKNOWN_ITEM.exception("poll " + poll.definition().id() + " has no item " + item);
        }
        return index;
    }

    private static int indexOf(final PollState poll, final long itemId)
    {
        for (int i = 0; i < poll.definition().items().size(); i++)
        {
            if (poll.definition().items().get(i).id() == itemId)
            {
                return i;
            }
        }
        return -1;
    }

    private static Choice stance(final List<String> values)
    {
        final Choice stance = values.size() == 1 ? Choice.fromWire(values.get(0)) : null;
        if (stance == null)
        {
            throw Problem.badField("stance", values.isEmpty() ? "stance is required: for, mixed or against" :
                values.size() > 1 ? "stance is given more than once" : "stance is for, mixed or against").toException();
        }
        return stance;
    }

    /** The id below which the page starts: the {@code after} cursor, or every argument without one. */
    private static long cursor(final List<String> values)
    {
        if (values.isEmpty())
        {
            return Long.MAX_VALUE;
        }
        if (values.size() > 1 || !NUMBER.matcher(values.get(0)).matches())
        {
            throw Problem.badField("after", values.size() > 1 ? "after is given more than once" :
                "after is the next of a previous page: a number").toException();
        }
        return Long.parseLong(values.get(0));
    }

    private static JsonObject toJson(final ArgumentView.Page page)
    {
        final JsonArray arguments = new JsonArray();
        for (final ArgumentView.Argument argument : page.arguments())
        {
            arguments.add(new JsonObject().put("id", argument.id()).put("stance", argument.stance().wireName())
                .put("text", argument.text()).put("at", Times.toInstant(argument.atMicros()).toString()));
        }
        return new JsonObject().put("arguments", arguments)
            .put("next", page.next() < 0 ? null : Long.toString(page.next()));
    }
}
