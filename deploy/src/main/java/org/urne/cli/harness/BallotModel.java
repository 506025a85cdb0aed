package org.urne.cli.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.urne.tally.journal.VoterKeys;

/**
 * The client-side model: every ballot a client posted and what became of it, and from that the counts the server
 * must publish. A 202 makes a ballot acknowledged at the position it names; a refusal (any other answer) leaves it
 * uncounted unless an earlier attempt was journaled; a request without an answer (a connection refused or reset, a
 * timeout) leaves it unanswered until {@link #resolveUnanswered} looks up its receipt, which finds it journaled at
 * a position or absent. The rule the counts follow: every acknowledged ballot is counted exactly once, every
 * unanswered one at most once (once if, and only if, its receipt is found); of a unit's journaled ballots the one
 * with the latest {@code castAt} counts (revote: replace), and a withdrawal counts in nothing.
 *
 * <p>Receipts are checked as they come: with the deployment's voter secret ({@link #BallotModel(VoterKeys)}) each
 * must be the keyed hash of the ballot's id, and unanswered ballots can be resolved; without it the first receipt
 * answered for a ballot is the one every retry must get. A retry must also name the position the ballot was
 * journaled at first: a different one means the ballot was journaled twice. Fed from several client threads, hence
 * synchronized; the cost is nothing next to a request.
 */
public final class BallotModel
{
    /** What the client knows of a ballot. */
    public enum State
    {
        /** No attempt got an answer yet: journaled or not, the receipt will tell. */
        UNANSWERED,
        /** A 202 named its position. */
        ACKNOWLEDGED,
        /** Unanswered, then found by its receipt at a position. */
        JOURNALED,
        /** Unanswered, then not found by its receipt (until a later attempt). */
        ABSENT,
        /** Its only answers were refusals. */
        REFUSED
    }

    /** A ballot's fate; {@link #position()} holds for ACKNOWLEDGED and JOURNALED. */
    public static final class Entry
    {
        private final PlannedBallot ballot;
        private String receipt;
        private State state;
        private long position = -1;

        private Entry(final PlannedBallot ballot, final String receipt, final State state)
        {
            this.ballot = ballot;
            this.receipt = receipt;
            this.state = state;
        }

        public PlannedBallot ballot()
        {
            return ballot;
        }

        /** The receipt, or null while neither the secret nor an answer gave it. */
        public String receipt()
        {
            return receipt;
        }

        public State state()
        {
            return state;
        }

        public long position()
        {
            return position;
        }

        boolean journaled()
        {
            return state == State.ACKNOWLEDGED || state == State.JOURNALED;
        }
    }

    private final VoterKeys keys;
    private final Map<String, Entry> byBallot = new LinkedHashMap<>();
    private final List<String> inconsistencies = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private long acknowledgedAnswers;
    private long unansweredRequests;
    private long retriesAnswered;

    /** A model that learns receipts from the answers (a client without the voter secret: {@code urne bench}). */
    public BallotModel()
    {
        this(null);
    }

    /** A model that knows every receipt in advance from the deployment's voter secret. */
    public BallotModel(final VoterKeys keys)
    {
        this.keys = keys;
    }

    /** A 202 answer, as JSON: its {@code ballotId}, {@code receipt} and {@code position}. */
    public void acknowledged(final PlannedBallot ballot, final JsonNode answer)
    {
        if (!ballot.ballotId().equals(answer.path("ballotId").asText()))
        {
            inconsistency(ballot.ballotId() + ": answered " + answer);
        }
        acknowledged(ballot, answer.path("receipt").asText(), answer.path("position").asLong(-1));
    }

    /** A 202 for {@code ballot}, with the receipt and position the server answered. */
    public synchronized void acknowledged(final PlannedBallot ballot, final String receipt, final long position)
    {
        acknowledgedAnswers++;
        final Entry entry = entry(ballot, State.ACKNOWLEDGED);
        if (entry.receipt == null)
        {
            entry.receipt = receipt;
        }
        else if (!entry.receipt.equals(receipt))
        {
            inconsistencies.add(key(ballot) + ": answered receipt " + receipt + ", expected " + entry.receipt);
        }
        if (entry.position >= 0)
        {
            retriesAnswered++;
            if (entry.position != position)
            {
                inconsistencies.add(key(ballot) + ": journaled at " + entry.position + ", a retry answered " +
                    position + " (journaled twice?)");
            }
        }
        entry.state = State.ACKNOWLEDGED;
        entry.position = position;
    }

    /** An answer other than 202: the request journaled nothing (an earlier attempt may have). */
    public synchronized void refused(final PlannedBallot ballot, final int status, final String body)
    {
        entry(ballot, State.REFUSED);
        refusals.add(key(ballot) + ": " + status + " " + body);
    }

    /** No answer: the request may or may not have been journaled. Only a ballot not known journaled is unknown. */
    public synchronized void unanswered(final PlannedBallot ballot)
    {
        unansweredRequests++;
        final Entry entry = entry(ballot, State.UNANSWERED);
        if (entry.state == State.ABSENT || entry.state == State.REFUSED)
        {
            entry.state = State.UNANSWERED;
        }
    }

    /** A broken promise the caller saw, reported with the model's. */
    public synchronized void inconsistency(final String text)
    {
        inconsistencies.add(text);
    }

    /**
     * Looks up the receipt of every unanswered ballot on {@code url}: journaled (at a position) or absent. Needs
     * the receipts (the voter secret, or a 202 to an earlier attempt); call it with no ballot in flight.
     */
    public void resolveUnanswered(final UrneClient client, final String url) throws IOException, InterruptedException
    {
        for (final Entry entry : entries(State.UNANSWERED))
        {
            if (entry.receipt == null)
            {
                inconsistency(key(entry.ballot) + ": unanswered, and its receipt is unknown without the secret");
                continue;
            }
            final UrneClient.Answer answer = client.receipt(url, entry.ballot.poll().id(), entry.receipt);
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
                    inconsistencies.add("receipt of unanswered " + key(entry.ballot) + ": " + answer);
                }
            }
        }
    }

    public synchronized List<Entry> entries(final State state)
    {
        return byBallot.values().stream().filter(entry -> entry.state == state).toList();
    }

    /** Every ballot the journal holds for sure: acknowledged, or found by its receipt. */
    public synchronized List<Entry> journaled()
    {
        return byBallot.values().stream().filter(Entry::journaled).toList();
    }

    /** The entry of a ballot posted at least once, or null. */
    public synchronized Entry get(final String pollId, final String ballotId)
    {
        return byBallot.get(pollId + "/" + ballotId);
    }

    /**
     * Every ballot whose receipt is known, by poll and receipt ({@code poll/receipt}): what a journal of format
     * version 2 holds instead of ballot ids.
     */
    public synchronized Map<String, Entry> byReceipt()
    {
        final Map<String, Entry> entries = new HashMap<>();
        for (final Entry entry : byBallot.values())
        {
            if (entry.receipt != null)
            {
                entries.put(entry.ballot.poll().id() + "/" + entry.receipt, entry);
            }
        }
        return entries;
    }

    /** How many distinct ballots were acknowledged or found journaled. */
    public synchronized long ballots()
    {
        return journaled().size();
    }

    /** The highest position the model knows journaled: results reflecting it reflect every journaled ballot. */
    public synchronized long lastPosition()
    {
        return journaled().stream().mapToLong(Entry::position).max().orElse(-1);
    }

    /**
     * What the server must count in each poll: each unit's latest journaled ballot, once. Unanswered ballots not
     * yet {@link #resolveUnanswered resolved} are left out: resolve them first where the server may hold some.
     */
    public synchronized Map<String, PollCounts> expected(final Collection<PollShape> polls)
    {
        final Map<String, PollCounts> expected = new LinkedHashMap<>();
        polls.forEach(poll -> expected.put(poll.id(), new PollCounts(poll)));
        for (final Entry entry : latestByUnit().values())
        {
            if (!entry.ballot.withdrawal())
            {
                expected.get(entry.ballot.poll().id()).count(entry.ballot);
            }
        }
        return expected;
    }

    /** The status {@code GET .../receipts/{receipt}} must give a journaled ballot. */
    public synchronized String expectedStatus(final Entry entry)
    {
        final Entry latest = latestByUnit().get(unitKey(entry.ballot));
        if (latest.ballot.withdrawal())
        {
            return "withdrawn";
        }
        return latest == entry ? "counted" : "superseded";
    }

    /** Answers that contradict each other or the secret (another receipt, another position), which no count fixes. */
    public synchronized List<String> inconsistencies()
    {
        return List.copyOf(inconsistencies);
    }

    /** Every refusal answered, as "poll/ballotId: status body". */
    public synchronized List<String> refusals()
    {
        return List.copyOf(refusals);
    }

    /** "N ballots {ACKNOWLEDGED=..., ...}, N 202 answers (N to retries of a journaled ballot), N unanswered". */
    public synchronized String summary()
    {
        final Map<State, Integer> byState = new LinkedHashMap<>();
        byBallot.values().forEach(entry -> byState.merge(entry.state, 1, Integer::sum));
        return byBallot.size() + " ballots " + byState + ", " + acknowledgedAnswers + " 202 answers (" +
            retriesAnswered + " to retries of a journaled ballot), " + unansweredRequests + " requests unanswered";
    }

    private Map<String, Entry> latestByUnit()
    {
        final Map<String, Entry> latest = new HashMap<>();
        for (final Entry entry : byBallot.values())
        {
            if (entry.journaled())
            {
                latest.merge(unitKey(entry.ballot), entry,
                    (a, b) -> a.ballot.castAtMicros() >= b.ballot.castAtMicros() ? a : b);
            }
        }
        return latest;
    }

    private Entry entry(final PlannedBallot ballot, final State first)
    {
        return byBallot.computeIfAbsent(key(ballot), id -> new Entry(ballot,
            keys == null ? null : keys.ballotKey(ballot.poll().id(), ballot.ballotId()).toHex(), first));
    }

    private static String key(final PlannedBallot ballot)
    {
        return ballot.poll().id() + "/" + ballot.ballotId();
    }

    private static String unitKey(final PlannedBallot ballot)
    {
        return ballot.poll().id() + "/" + ballot.unit();
    }
}
