package org.urne.ingest.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.IngestContext;
import org.urne.ingest.intake.JournalWrites;
import org.urne.ingest.problem.Problem;
import org.urne.tally.core.ReceiptLookup;
import org.urne.tally.domain.Key128;

/** {@code GET /v1/polls/{pollId}/receipts/{receipt}}: where a ballot stands now. Public: the receipt is the key. */
public final class ReceiptsHandler
{
    private final IngestContext ingest;

    ReceiptsHandler(final IngestContext ingest)
    {
        this.ingest = ingest;
    }

    void get(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final Key128 receipt = Key128.fromHex(ctx.pathParam("receipt"));
        if (receipt == null)
        {
            Responses.problem(ctx, Problem.of(404, "unknown receipt: a receipt is 32 lowercase hex characters"));
            return;
        }
        JournalWrites.query(ctx.vertx().getOrCreateContext(), ingest, core ->
                core.definition(pollId) == null ? null : new Found(core.lookup(pollId, receipt)))
            .onSuccess(found ->
            {
                if (found == null)
                {
                    Responses.problem(ctx, Problem.of(404, "unknown poll " + pollId));
                }
                else if (found.lookup == null)
                {
                    Responses.problem(ctx, Problem.of(404, "unknown receipt"));
                }
                else
                {
                    Responses.json(ctx, 200, toJson(found.lookup));
                }
            })
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    private static JsonObject toJson(final ReceiptLookup lookup)
    {
        final JsonObject json = new JsonObject()
            .put("receipt", lookup.receipt().toHex())
            .put("position", lookup.position())
            .put("status", lookup.status().wireName());
        if (lookup.reason() != null)
        {
            json.put("reason", lookup.reason().description());
        }
        return json;
    }

    private record Found(ReceiptLookup lookup)
    {
    }
}
