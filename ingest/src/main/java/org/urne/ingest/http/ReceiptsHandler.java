package org.urne.ingest.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.agent.PollStates;
import org.urne.tally.agent.ReceiptIndex;
import org.urne.tally.domain.Key128;

/** {@code GET /v1/polls/{pollId}/receipts/{receipt}}: where a ballot stands now, from the receipts the tally agent
 * published (a receipt is there before its ballot's 202 is sent). Public: the receipt is the key. */
public final class ReceiptsHandler
{
    private final Edge edge;

    ReceiptsHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void get(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final Key128 receipt = Key128.fromHex(ctx.pathParam("receipt"));
        if (receipt == null)
        {
            Responses.problem(ctx, ProblemType.UNKNOWN_RECEIPT.problem("unknown receipt: a receipt is 32 lowercase hex characters"));
            return;
        }
        final PollStates polls = edge.polls();
        final int pollIndex = polls.indexOf(pollId);
        if (pollIndex < 0)
        {
            Responses.problem(ctx, ProblemType.UNKNOWN_POLL.problem("unknown poll " + pollId));
            return;
        }
        final ReceiptIndex.Entry found = edge.receipts().find(pollIndex, receipt);
        if (found == null)
        {
            Responses.problem(ctx, ProblemType.UNKNOWN_RECEIPT.problem("unknown receipt"));
            return;
        }
        Responses.json(ctx, 200, toJson(receipt, found));
    }

    private static JsonObject toJson(final Key128 receipt, final ReceiptIndex.Entry found)
    {
        final JsonObject json = new JsonObject()
            .put("receipt", receipt.toHex())
            .put("position", found.position())
            .put("status", found.status().wireName());
        if (found.reason() != null)
        {
            json.put("reason", found.reason().description());
        }
        return json;
    }
}
