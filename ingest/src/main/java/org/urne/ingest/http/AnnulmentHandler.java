package org.urne.ingest.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.EventLoopSubmission;
import org.urne.ingest.intake.PaperRefusals;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.security.Caller;
import org.urne.tally.agent.Applied;
import org.urne.tally.agent.TypedBallots;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollState;
import org.urne.tally.core.ReceiptStatus;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

/**
 * {@code POST /v1/polls/{pollId}/ballots/{receipt}/annul} (operator, or a paper token at the ballot's stand): "cancel
 * the last one" at a stand. A typed paper ballot stops counting and its voter's previous state comes back (an
 * earlier ballot, online or paper, or none), unlike a withdrawal, which would also remove an earlier online vote.
 * Journaled; refused from the published state before journaling when the receipt is unknown, not a typed ballot or
 * already annulled, and when the poll takes no paper any more.
 */
final class AnnulmentHandler
{
    private final Edge edge;

    AnnulmentHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void post(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final PollState poll = Responses.pollForWrite(ctx, edge, pollId);
        if (poll == null)
        {
            return;
        }
        final Key128 receipt = Key128.fromHex(ctx.pathParam("receipt"));
        final ProblemException refused = refusal(RequestGuards.caller(ctx), poll, receipt);
        if (refused != null)
        {
            Responses.fail(ctx, refused);
            return;
        }
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(),
                new JournalEntry.BallotAnnulled(pollId, receipt), RequestGuards.callerName(ctx))
            .compose(applied -> decided(poll, receipt, applied))
            .onSuccess(position -> Responses.json(ctx, 202, new JsonObject().put("receipt", receipt.toHex())
                .put("position", position).put("status", ReceiptStatus.ANNULLED.wireName())))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    /** What the published state already refuses, or null. */
    private ProblemException refusal(final Caller caller, final PollState poll, final Key128 receipt)
    {
        final String pollId = poll.definition().id();
        if (receipt == null || edge.receipts().find(edge.polls().indexOf(pollId), receipt) == null)
        {
            return ProblemType.UNKNOWN_RECEIPT.exception("poll " + pollId + " has no ballot with this receipt");
        }
        final TypedBallots.Typed typed = edge.agent.typedBallot(pollId, receipt);
        if (typed != null && !caller.mayEnterPaper(pollId, typed.stand()))
        {
            return PaperRefusals.standNotAllowed(caller, pollId, typed.stand());
        }
        if (typed == null || typed.annulled())
        {
            return notAnnullable(receipt, typed);
        }
        if (poll.sealed())
        {
            return PollsHandler.sealed(pollId);
        }
        return poll.takesBallotAt(PollState.PAPER_CHANNEL, edge.clockMicros.getAsLong()) ? null :
            TallySheetsHandler.sheetsClosed(poll);
    }

    private Future<Long> decided(final PollState poll, final Key128 receipt, final Applied applied)
    {
        if (applied.outcome() != Outcome.REJECTED)
        {
            return Future.succeededFuture(applied.position());
        }
        final String pollId = poll.definition().id();
        return Future.failedFuture(switch (applied.reason())
        {
            case POLL_SEALED -> PollsHandler.sealed(pollId);
            case SHEETS_CLOSED -> TallySheetsHandler.sheetsClosed(poll);
            case UNKNOWN_RECEIPT -> ProblemType.UNKNOWN_RECEIPT.exception("poll " + pollId +
                " has no ballot with this receipt");
            default -> notAnnullable(receipt, edge.agent.typedBallot(pollId, receipt));
        });
    }

    private static ProblemException notAnnullable(final Key128 receipt, final TypedBallots.Typed typed)
    {
        return ProblemType.NOT_ANNULLABLE.exception("the ballot with receipt " + receipt.toHex() +
            (typed == null ? " was not typed at a stand: only a typed paper ballot can be annulled" :
                " is already annulled"));
    }
}
