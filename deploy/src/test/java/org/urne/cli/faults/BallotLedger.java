package org.urne.cli.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client-side model: every ballot posted and what became of it. A 202 makes it acknowledged at the position it
 * names; no answer leaves it unanswered until {@link #resolveUnanswered} looks up its receipt (computed from the
 * known secret) on the restarted server, which finds it journaled at a position or absent. The counts the server
 * must publish are then exact: every unit's latest journaled ballot (by castAt), once. Fed from several client
 * threads, hence synchronized.
 */
final class BallotLedger
{
    enum State
    {
        UNANSWERED, ACKNOWLEDGED, JOURNALED, ABSENT
    }

    /** A ballot's fate; {@code position} holds for ACKNOWLEDGED and JOURNALED. */
    static final class Entry
    {
        final PlannedBallot ballot;
        final String receipt;
        State state = State.UNANSWERED;
        long position = -1;

        Entry(final PlannedBallot ballot, final String receipt)
        {
            this.ballot = ballot;
            this.receipt = receipt;
        }
    }

    private final Deployment deployment;
    private final Map<String, Entry> byBallotId = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long acknowledgedAnswers;
    private long unansweredRequests;
    private long retriesAnswered;

    BallotLedger(final Deployment deployment)
    {
        this.deployment = deployment;
    }

    /** A 202: the receipt must be the ballot's, and a ballot journaled before must keep its position. */
    synchronized void acknowledged(final PlannedBallot ballot, final JsonNode answer)
    {
        acknowledgedAnswers++;
        final Entry entry = entry(ballot);
        final long position = answer.get("position").asLong();
        if (!entry.receipt.equals(answer.get("receipt").asText()) ||
            !ballot.ballotId().equals(answer.get("ballotId").asText()))
        {
            violations.add(ballot.ballotId() + ": answered " + answer + ", expected receipt " + entry.receipt);
        }
        if (entry.position >= 0)
        {
            retriesAnswered++;
            if (entry.position != position)
            {
                violations.add(ballot.ballotId() + ": journaled at " + entry.position + ", a retry answered " +
                    position + " (journaled twice?)");
            }
        }
        entry.state = State.ACKNOWLEDGED;
        entry.position = position;
    }

    /** No answer: the server died with the request in flight. Only a ballot not known journaled becomes unknown. */
    synchronized void unanswered(final PlannedBallot ballot)
    {
        unansweredRequests++;
        final Entry entry = entry(ballot);
        if (entry.state == State.ABSENT)
        {
            entry.state = State.UNANSWERED;
        }
    }

    synchronized void violation(final String text)
    {
        violations.add(text);
    }

    /** Looks up the receipt of every unanswered ballot: journaled (at a position) or absent. */
    void resolveUnanswered(final UrneApi api, final String url) throws IOException, InterruptedException
    {
        for (final Entry entry : entries(State.UNANSWERED))
        {
            final UrneApi.Answer answer = api.receipt(url, entry.ballot.poll().id(), entry.receipt);
            synchronized (this)
            {
                if (answer.status() == 200)
                {
                    entry.state = State.JOURNALED;
                    entry.position = answer.json().get("position").asLong();
                }
                else if (answer.status() == 404)
                {
                    entry.state = State.ABSENT;
                }
                else
                {
                    violations.add("receipt of unanswered " + entry.ballot.ballotId() + ": " + answer);
                }
            }
        }
    }

    synchronized List<Entry> entries(final State state)
    {
        return byBallotId.values().stream().filter(entry -> entry.state == state).toList();
    }

    /** Every ballot the journal holds for sure: acknowledged, or found by its receipt. */
    synchronized List<Entry> journaled()
    {
        return byBallotId.values().stream()
            .filter(entry -> entry.state == State.ACKNOWLEDGED || entry.state == State.JOURNALED).toList();
    }

    synchronized Entry get(final String ballotId)
    {
        return byBallotId.get(ballotId);
    }

    /** The highest position the model knows journaled: results reflecting it reflect every journaled ballot. */
    synchronized long lastPosition()
    {
        return journaled().stream().mapToLong(entry -> entry.position).max().orElse(-1);
    }

    /** What the server must count: each unit's latest journaled ballot, once. */
    synchronized Map<String, Counts> expected(final Collection<DemoPoll> polls)
    {
        final Map<String, Entry> latest = latestByUnit();
        final Map<String, Counts> expected = new HashMap<>();
        polls.forEach(poll -> expected.put(poll.id(), new Counts()));
        for (final Entry entry : latest.values())
        {
            final Counts counts = expected.get(entry.ballot.poll().id());
            entry.ballot.keys().forEach(key -> counts.add(key, 1));
        }
        return expected;
    }

    /** The receipt status the model expects: as {@code GET .../receipts/{receipt}} names it. */
    synchronized String expectedStatus(final Entry entry)
    {
        final Entry latest = latestByUnit().get(entry.ballot.unit());
        if (latest.ballot.withdrawal())
        {
            return "withdrawn";
        }
        return latest == entry ? "counted" : "superseded";
    }

    private Map<String, Entry> latestByUnit()
    {
        final Map<String, Entry> latest = new HashMap<>();
        for (final Entry entry : journaled())
        {
            latest.merge(entry.ballot.unit(), entry,
                (a, b) -> a.ballot.castAtMicros() >= b.ballot.castAtMicros() ? a : b);
        }
        return latest;
    }

    synchronized List<String> violations()
    {
        return List.copyOf(violations);
    }

    synchronized String summary()
    {
        final Map<State, Integer> byState = new LinkedHashMap<>();
        byBallotId.values().forEach(entry -> byState.merge(entry.state, 1, Integer::sum));
        return byBallotId.size() + " ballots " + byState + ", " + acknowledgedAnswers + " 202 answers (" +
            retriesAnswered + " to retries of a journaled ballot), " + unansweredRequests + " requests unanswered";
    }

    private Entry entry(final PlannedBallot ballot)
    {
        return byBallotId.computeIfAbsent(ballot.ballotId(),
            id -> new Entry(ballot, deployment.receipt(ballot.poll().id(), id)));
    }
}
