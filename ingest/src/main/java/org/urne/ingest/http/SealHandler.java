package org.urne.ingest.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.EventLoopSubmission;
import org.urne.ingest.parse.SealRequestParser;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.agent.Applied;
import org.urne.tally.agent.Commitment;
import org.urne.tally.agent.PollRecord;
import org.urne.tally.agent.PublishedPoll;
import org.urne.tally.agent.Seal;
import org.urne.tally.core.CanonicalResults;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollState;
import org.urne.tally.core.PollStatus;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.Times;

/**
 * A poll's public record (docs/api.md, "Sealing"): {@code POST .../seal} (operator) seals a closed poll with the
 * digests of its latest published results; {@code GET .../seal}, {@code GET .../receipts} (the counted receipts
 * list, after the seal) and {@code GET .../commitments} are public reads of what the tally agent published.
 */
public final class SealHandler
{
    private final Edge edge;

    SealHandler(final Edge edge)
    {
        this.edge = edge;
    }

    /**
     * 201 with the seal once the core applied it. Refused before the journal when the published state already
     * shows why (sealed, not closed); a seal whose results changed meanwhile is journaled, refused by the core and
     * answered 409 {@code seal-outdated}.
     */
    void post(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        final String reason;
        try
        {
            reason = reason(ctx);
        }
        catch (final ProblemException e)
        {
            Responses.fail(ctx, e);
            return;
        }
        final PollState poll = Responses.pollForWrite(ctx, edge, pollId);
        if (poll == null)
        {
            return;
        }
        if (poll.sealed())
        {
            Responses.fail(ctx, alreadySealed(pollId));
            return;
        }
        final PollStatus status = poll.statusAt(edge.clockMicros.getAsLong());
        if (status != PollStatus.CLOSED)
        {
            Responses.fail(ctx, notClosed(pollId, status));
            return;
        }
        final PublishedPoll published = edge.agent.snapshot().poll(pollId);
        if (published == null || published.receiptsSha256() == null)
        {
            Responses.problem(ctx, ProblemType.RESULTS_NOT_PUBLISHED.retryAfter("the results of poll " + pollId +
                " since its close are not published yet", 1));
            return;
        }
        final JournalEntry.PollSealed seal = new JournalEntry.PollSealed(pollId, Sha256.of(published.csv()),
            published.receiptsSha256(), CanonicalResults.FORMAT, reason);
        EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(), seal, RequestGuards.callerName(ctx))
            .compose(applied -> decided(pollId, applied))
            .onSuccess(body -> Responses.json(ctx, 201, body))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    void get(final RoutingContext ctx)
    {
        final Seal seal = seal(ctx);
        if (seal != null)
        {
            Responses.json(ctx, 200, toJson(seal));
        }
    }

    /** The counted receipts list whose SHA-256 is the seal's {@code receiptsSha256}, as text. */
    void receipts(final RoutingContext ctx)
    {
        final Seal seal = seal(ctx);
        if (seal != null)
        {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=60").end(Buffer.buffer(seal.receipts()));
        }
    }

    void commitments(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        if (edge.polls().poll(pollId) == null)
        {
            Responses.problem(ctx, unknownPoll(pollId));
            return;
        }
        final JsonArray commitments = new JsonArray();
        for (final Commitment commitment : edge.agent.record(pollId).commitments())
        {
            commitments.add(new JsonObject().put("position", commitment.position())
                .put("chainHead", Sha256.hex(commitment.chainHead()))
                .put("at", Times.toInstant(commitment.atMicros()).toString()));
        }
        Responses.json(ctx, 200, commitments.toBuffer());
    }

    /** The seal JSON: {@code position, chainHead, resultsSha256, receiptsSha256, format, sealedAt, by}. */
    static JsonObject toJson(final Seal seal)
    {
        return new JsonObject().put("position", seal.position()).put("chainHead", seal.chainHeadHex())
            .put("resultsSha256", Sha256.hex(seal.resultsSha256()))
            .put("receiptsSha256", Sha256.hex(seal.receiptsSha256())).put("format", seal.format())
            .put("sealedAt", Times.toInstant(seal.sealedAtMicros()).toString()).put("by", seal.by());
    }

    /** The poll's seal, or null once the request has been answered with a 404 (unknown poll, or not sealed). */
    private Seal seal(final RoutingContext ctx)
    {
        final String pollId = ctx.pathParam("pollId");
        if (edge.polls().poll(pollId) == null)
        {
            Responses.problem(ctx, unknownPoll(pollId));
            return null;
        }
        final PollRecord record = edge.agent.record(pollId);
        if (record.seal() == null)
        {
            Responses.problem(ctx, ProblemType.POLL_NOT_SEALED.problem("poll " + pollId + " is not sealed yet"));
            return null;
        }
        return record.seal();
    }

    /** The body is optional; when there is one, it is JSON holding at most a reason. */
    private String reason(final RoutingContext ctx)
    {
        final Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0)
        {
            return null;
        }
        final Problem contentType = RequestGuards.contentTypeProblem(ctx.request(), RequestGuards.JSON);
        if (contentType != null)
        {
            throw contentType.toException();
        }
        return SealRequestParser.reason(edge.json.parse(body));
    }

    private Future<JsonObject> decided(final String pollId, final Applied applied)
    {
        if (applied.outcome() == Outcome.ACCEPTED)
        {
            return Future.succeededFuture(toJson(edge.agent.record(pollId).seal()));
        }
        return Future.failedFuture(switch (applied.reason())
        {
            case POLL_SEALED -> alreadySealed(pollId);
            case POLL_NOT_CLOSED -> notClosed(pollId, edge.polls().poll(pollId).statusAt(applied.timeMicros()));
            case POLL_UNKNOWN -> unknownPoll(pollId).toException();
            default -> ProblemType.SEAL_OUTDATED.exception("poll " + pollId + ": " +
                applied.reason().description() + " (the refused seal is journaled at position " +
                applied.position() + ")");
        });
    }

    private static ProblemException alreadySealed(final String pollId)
    {
        return ProblemType.POLL_SEALED.exception("poll " + pollId + " is sealed already: a poll is sealed once");
    }

    private static ProblemException notClosed(final String pollId, final PollStatus status)
    {
        return ProblemType.POLL_NOT_CLOSED.exception("poll " + pollId + " is " + status.wireName() +
            ": close it before sealing");
    }

    private static Problem unknownPoll(final String pollId)
    {
        return ProblemType.UNKNOWN_POLL.problem("unknown poll " + pollId);
    }
}
