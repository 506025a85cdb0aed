package org.urne.ingest.http;

import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.DisplayOrder;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.parse.OrderRequestParser;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.core.PollState;
import org.urne.tally.domain.Item;

/**
 * {@code POST /v1/polls/{pollId}/order}: the order in which the platform shows this voter the poll's items, the same
 * at every call (docs/api.md, "Display order"). Journals nothing; answered on the event loop from the published poll.
 */
final class OrderHandler
{
    private final Edge edge;

    OrderHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void post(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final PollState poll = edge.polls().poll(pollId);
        if (poll == null)
        {
            Responses.problem(ctx, ProblemType.UNKNOWN_POLL.problem("unknown poll " + pollId));
            return;
        }
        final String voter;
        try
        {
            voter = OrderRequestParser.parse(edge.json.parse(ctx.body().buffer()));
        }
        catch (final ProblemException ex)
        {
            Responses.problem(ctx, ex.problem());
            return;
        }
        final List<Item> items = poll.definition().items();
        final int[] ids = new int[items.size()];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = items.get(i).id();
        }
        final int[] order = DisplayOrder.of(edge.keys.orderSeed(pollId), edge.keys.voterKey(pollId, voter), ids);
        final JsonArray answer = new JsonArray();
        for (final int id : order)
        {
            answer.add(id);
        }
        // Personal: the order is the voter's, so no cache keeps it.
        ctx.response().putHeader("Cache-Control", "no-store");
        Responses.json(ctx, 200, new JsonObject().put("items", answer));
    }
}
