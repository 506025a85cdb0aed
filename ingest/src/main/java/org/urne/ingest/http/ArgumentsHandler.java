package org.urne.ingest.http;

import java.util.List;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.core.ArgumentView;
import org.urne.tally.core.PollState;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Times;

/**
 * {@code GET /v1/polls/{pollId}/items/{item}/arguments?stance=for|mixed|against[&after=CURSOR]} (public): an
 * opinion item's arguments of one stance whose votes count, not hidden nor erased, newest first, a page of
 * {@link ArgumentView#PAGE_SIZE} at a time, from what the tally agent published with the results (a read never
 * waits for it). Under an embargo it answers 409 {@code results-embargoed}, as the results CSV: a list per stance
 * is a count per stance.
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
