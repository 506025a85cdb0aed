package org.urne.ingest.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.urne.ingest.parse.BallotParser;
import org.urne.ingest.parse.BallotRequest;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.security.Caller;
import org.urne.tally.core.PollStatus;
import org.urne.tally.core.PriorBallot;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotValidator;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;

/**
 * One ballot's way from JSON to an acknowledgement: parse, authorise the channel, key the voter, ask the tally
 * whether the journal already holds it, validate, journal, answer once durable. Runs on the caller's event loop;
 * waits (never blocks) for the tally thread and the journal writer. Fails with a {@link ProblemException}.
 */
public final class BallotIntake
{
    private final IngestContext ingest;

    public BallotIntake(final IngestContext ingest)
    {
        this.ingest = ingest;
    }

    /** The 202 body {@code {"ballotId","receipt","position"}}, or a failed future carrying the problem. */
    public Future<JsonObject> submit(final Context context, final String pollId, final Caller caller, final JsonNode json)
    {
        ingest.metrics.received(1);
        final Ballot ballot;
        final List<FieldError> shapeErrors;
        try
        {
            final BallotRequest request = BallotParser.parse(json);
            if (!caller.mayPost(request.channel()))
            {
                return Future.failedFuture(Problem.of(403, "this token may not post ballots of channel " +
                    request.channel()).toException());
            }
            final long now = ingest.clockMicros.getAsLong();
            shapeErrors = new ArrayList<>(request.shapeErrors());
            final long castAt = request.castAt() == BallotRequest.NO_CAST_AT ? now : request.castAt();
            if (castAt > now + ingest.config.limits().castAtMaxFutureSeconds() * 1_000_000L)
            {
                shapeErrors.add(new FieldError("castAt", "is more than " +
                    ingest.config.limits().castAtMaxFutureSeconds() + " seconds ahead of the server clock"));
            }
            final Key128 voter = ingest.keys.voterKey(pollId, request.voter());
            final Key128 receipt = ingest.keys.receipt(pollId, request.ballotId());
            ballot = new Ballot(pollId, request.ballotId(), voter, receipt, request.channel(), castAt,
                request.content());
        }
        catch (final ProblemException e)
        {
            return Future.failedFuture(e);
        }
        if (!ingest.isReady())
        {
            return Future.failedFuture(ingest.notReady().toException());
        }
        return whenAlone(context, ballot, shapeErrors);
    }

    /** Waits for any attempt of the same ballot in flight, so a burst of retries journals it at most once. */
    private Future<JsonObject> whenAlone(final Context context, final Ballot ballot, final List<FieldError> shapeErrors)
    {
        final CompletableFuture<Void> mine = new CompletableFuture<>();
        final CompletableFuture<Void> earlier = ingest.ballotsInFlight.putIfAbsent(ballot.receipt(), mine);
        if (earlier != null)
        {
            return Future.fromCompletionStage(earlier, context).transform(ignored ->
                whenAlone(context, ballot, shapeErrors));
        }
        return check(context, ballot, shapeErrors).andThen(ignored ->
        {
            // The acknowledged position has advanced by now, so whoever waited sees this ballot as a prior one.
            ingest.ballotsInFlight.remove(ballot.receipt(), mine);
            mine.complete(null);
        });
    }

    private Future<JsonObject> check(final Context context, final Ballot ballot, final List<FieldError> shapeErrors)
    {
        final long now = ingest.clockMicros.getAsLong();
        return JournalWrites.query(context, ingest, core ->
            new Check(core.definition(ballot.pollId()), core.status(ballot.pollId(), now), core.prior(ballot)))
            .compose(check -> decide(context, ballot, shapeErrors, check));
    }

    private Future<JsonObject> decide(final Context context, final Ballot ballot, final List<FieldError> shapeErrors,
        final Check check)
    {
        if (check.definition == null)
        {
            return Future.failedFuture(Problem.of(404, "unknown poll " + ballot.pollId()).toException());
        }
        final List<FieldError> errors = new ArrayList<>(shapeErrors);
        errors.addAll(BallotValidator.validate(check.definition, ballot));
        if (!errors.isEmpty())
        {
            return Future.failedFuture(Problem.of(422, "the ballot does not fit the poll", errors).toException());
        }
        if (check.prior != null)
        {
            if (!check.prior.sameContent())
            {
                return Future.failedFuture(Problem.of(409, "ballotId already used with different content")
                    .toException());
            }
            ingest.metrics.acked();
            return Future.succeededFuture(answer(ballot, check.prior.position()));
        }
        if (check.status != PollStatus.OPEN)
        {
            return Future.failedFuture(Problem.of(409, "the poll is " + check.status.wireName() +
                ", not open").toException());
        }
        return JournalWrites.append(context, ingest, new JournalEntry.BallotCast(ballot)).map(appended ->
        {
            ingest.metrics.acked();
            return answer(ballot, appended.position());
        });
    }

    private static JsonObject answer(final Ballot ballot, final long position)
    {
        return new JsonObject()
            .put("ballotId", ballot.ballotId())
            .put("receipt", ballot.receipt().toHex())
            .put("position", position);
    }

    private record Check(PollDefinition definition, PollStatus status, PriorBallot prior)
    {
    }
}
