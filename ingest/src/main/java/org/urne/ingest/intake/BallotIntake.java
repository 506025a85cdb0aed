package org.urne.ingest.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.urne.ingest.parse.BallotParser;
import org.urne.ingest.parse.BallotRequest;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.security.Caller;
import org.urne.ingest.security.Role;
import org.urne.tally.agent.Applied;
import org.urne.tally.agent.ReceiptIndex;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollState;
import org.urne.tally.core.PollStatus;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.BallotValidator;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

/**
 * One ballot's single pass, from JSON to an acknowledgement. On the caller's event loop: parse, authorise the
 * channel, key the voter, then check against the tally agent's published state: the poll (404), the ballot's fit
 * (422), an earlier ballot under the same receipt (a retry answered 202 with the first one's position, or a reused
 * ballotId, 409), the poll's window (409: open, or for a paper ballot closed but before its sheetsUntil) and seal. What passes is journaled and applied, and the answer carries what the
 * core decided: a race the published state could not foresee (a close in flight, two copies of a new ballotId)
 * is journaled as a record that changes nothing and answered as the checks above would have.
 */
public final class BallotIntake
{
    private static final byte[] ANSWER_BALLOT_ID = "{\"ballotId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER_RECEIPT = "\",\"receipt\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER_POSITION = "\",\"position\":".getBytes(StandardCharsets.US_ASCII);

    private final Edge edge;

    public BallotIntake(final Edge edge)
    {
        this.edge = edge;
    }

    /** The 202 body {@code {"ballotId","receipt","position"}}, or a failed future carrying the problem. */
    public Future<Buffer> submit(final Context context, final String pollId, final Caller caller,
        final JsonNode json)
    {
        edge.metrics.received(1);
        final long now = edge.clockMicros.getAsLong();
        final Ballot ballot;
        final List<FieldError> errors;
        try
        {
            final BallotRequest request = BallotParser.parse(json);
            if (!caller.mayPost(request.channel()))
            {
                return Future.failedFuture(ProblemType.CHANNEL_NOT_ALLOWED.exception(
                    "this token may not post ballots of channel " + request.channel()));
            }
            errors = new ArrayList<>(request.shapeErrors());
            final long castAt = request.castAt() == BallotRequest.NO_CAST_AT ? now : request.castAt();
            final long maxAheadSeconds = edge.config.limits().castAtMaxFutureSeconds();
            if (castAt > now + maxAheadSeconds * 1_000_000L)
            {
                errors.add(new FieldError("castAt", "is more than " + maxAheadSeconds +
                    " seconds ahead of the server clock"));
            }
            final Key128 voter = edge.keys.voterKey(pollId, request.voter());
            final Key128 receipt = edge.keys.ballotKey(pollId, request.ballotId());
            ballot = new Ballot(pollId, request.ballotId(), voter, receipt, request.channel(), castAt,
                edge.keys.tagArgument(pollId, request.content()), request.stand());
        }
        catch (final ProblemException e)
        {
            return Future.failedFuture(e);
        }
        final PollState poll;
        try
        {
            poll = edge.pollForWrite(pollId);
        }
        catch (final ProblemException e)
        {
            return Future.failedFuture(e);
        }
        if (caller.role() == Role.PAPER && !caller.mayEnterPaper(pollId, ballot.stand()))
        {
            return Future.failedFuture(PaperRefusals.standNotAllowed(caller, pollId, ballot.stand()));
        }
        errors.addAll(BallotValidator.validate(poll.definition(), ballot));
        if (!errors.isEmpty())
        {
            return Future.failedFuture(ProblemType.INVALID_BALLOT.problem("the ballot does not fit the poll", errors).toException());
        }
        if (ballot.stand() != null)
        {
            final ProblemException box = PaperRefusals.boxEnteredAsSheets(edge.agent.paper(pollId), ballot.stand());
            if (box != null)
            {
                return Future.failedFuture(box);
            }
        }
        final ReceiptIndex.Entry prior = edge.receipts().find(edge.polls().indexOf(pollId), ballot.receipt());
        if (prior != null)
        {
            if (prior.fingerprint() != TallyCore.fingerprint(poll.definition(), ballot))
            {
                return Future.failedFuture(ballotIdConflict());
            }
            edge.metrics.acked();
            return Future.succeededFuture(answer(ballot, prior.position()));
        }
        if (poll.sealed())
        {
            return Future.failedFuture(sealed(pollId));
        }
        if (!poll.takesBallotAt(ballot.channel(), now))
        {
            return Future.failedFuture(notOpen(poll.statusAt(now)));
        }
        // The item exists (validated above), so it is published unless moderated: a map most often empty.
        if (ballot.content() instanceof BallotContent.Opinion opinion && poll.moderated().containsKey(opinion.item()))
        {
            return Future.failedFuture(itemNotPublished(poll, opinion.item()));
        }
        return EventLoopSubmission.submit(edge, context, new JournalEntry.BallotCast(ballot), caller.name())
            .compose(applied -> decided(ballot, applied));
    }

    /** The answer for what the core decided, the same as the checks before journaling would have given. */
    private Future<Buffer> decided(final Ballot ballot, final Applied applied)
    {
        if (applied.outcome() == Outcome.REJECTED)
        {
            switch (applied.reason())
            {
                case BALLOT_ID_CONFLICT:
                    return Future.failedFuture(ballotIdConflict());
                case POLL_NOT_OPEN:
                case POLL_CLOSED:
                    final PollState poll = edge.polls().poll(ballot.pollId());
                    return Future.failedFuture(notOpen(poll.statusAt(edge.clockMicros.getAsLong())));
                case POLL_SEALED:
                    return Future.failedFuture(sealed(ballot.pollId()));
                case POLL_UNKNOWN:
                    return Future.failedFuture(unknownPoll(ballot.pollId()));
                case INVALID:
                    return Future.failedFuture(ProblemType.INVALID_BALLOT.exception("the ballot does not fit the poll"));
                case ITEM_NOT_PUBLISHED:
                    final BallotContent.Opinion opinion = (BallotContent.Opinion)ballot.content();
                    return Future.failedFuture(itemNotPublished(edge.polls().poll(ballot.pollId()), opinion.item()));
                case BOX_ENTERED_OTHERWISE:
                    return Future.failedFuture(PaperRefusals.boxEnteredOtherwise(edge.agent.paper(ballot.pollId()),
                        ballot.stand()));
                default:
                    // ALREADY_COUNTED: journaled and refused by the poll's first-ballot rule; the receipt says so.
                    break;
            }
        }
        edge.metrics.acked();
        final long position = applied.outcome() == Outcome.DUPLICATE && applied.priorPosition() >= 0 ?
            applied.priorPosition() : applied.position();
        return Future.succeededFuture(answer(ballot, position));
    }

    private static ProblemException itemNotPublished(final PollState poll, final int item)
    {
        return ProblemType.ITEM_NOT_PUBLISHED.exception("item " + item + " of poll " + poll.definition().id() + " is " +
            poll.itemStatus(item).wireName() + ": it takes no new opinion");
    }

    private static ProblemException unknownPoll(final String pollId)
    {
        return ProblemType.UNKNOWN_POLL.exception("unknown poll " + pollId);
    }

    private static ProblemException sealed(final String pollId)
    {
        return ProblemType.POLL_SEALED.exception("poll " + pollId + " is sealed: its results are final and it takes " +
            "no ballot");
    }

    private static ProblemException ballotIdConflict()
    {
        return ProblemType.BALLOT_ID_CONFLICT.exception("ballotId already used with different content");
    }

    private static ProblemException notOpen(final PollStatus status)
    {
        return ProblemType.POLL_NOT_OPEN.exception("the poll is " + status.wireName() + ", not open");
    }

    /**
     * {@code {"ballotId","receipt","position"}}, written directly into one array of its exact size: it is the one
     * body sent per ballot (appending strings to a growing buffer was 4 % of the event loop's time). No escaping is
     * needed, since only a ballot whose ballotId passed validation ({@code [A-Za-z0-9_-]}) is answered this way.
     */
    private static Buffer answer(final Ballot ballot, final long position)
    {
        final String ballotId = ballot.ballotId();
        final String digits = Long.toString(position);
        final byte[] body = new byte[ANSWER_BALLOT_ID.length + ballotId.length() + ANSWER_RECEIPT.length + 32 +
            ANSWER_POSITION.length + digits.length() + 1];
        int at = ascii(body, ascii(body, 0, ANSWER_BALLOT_ID), ballotId);
        at = ascii(body, at, ANSWER_RECEIPT);
        ballot.receipt().hexInto(body, at);
        at = ascii(body, ascii(body, at + 32, ANSWER_POSITION), digits);
        body[at] = '}';
        return Buffer.buffer(body);
    }

    private static int ascii(final byte[] out, final int at, final byte[] part)
    {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    /** {@code text} is ASCII here (a validated ballotId, digits): each char is its byte. */
    private static int ascii(final byte[] out, final int at, final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            out[at + i] = (byte)text.charAt(i);
        }
        return at + text.length();
    }
}
