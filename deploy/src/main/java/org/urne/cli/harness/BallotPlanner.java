package org.urne.cli.harness;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.urne.cli.BallotGenerator;

/**
 * The one ballot planner of {@code urne bench} and the fault tests: a seeded stream of ballots across the given
 * polls (all three kinds) from a population of voters who mostly vote once, a share who vote again (a revote), a
 * share who withdraw, a share of requests a platform sends twice (a retry of the same ballot), and an exact share
 * on paper. Ballot content comes from {@link BallotGenerator}; this class chooses who votes, when ({@code castAt})
 * and on which channel, and remembers what each ballot counts for the {@link BallotModel}. One planner per client
 * thread: it is not thread-safe, and the ballots of one voter should be posted one after the other.
 */
public final class BallotPlanner
{
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final List<PollShape> polls;
    private final Random random;
    private final BallotGenerator generator;
    private final String runId;
    private final int population;
    private final double revoteShare;
    private final double retryShare;
    private final double paperShare;
    private final double withdrawShare;
    private long voters;
    private long ballots;
    private long papers;
    private long lastCastAtMicros;

    /**
     * @param runId         prefixes ballot ids and voters, so a run against a server that holds earlier runs (or
     *                      another planner's voters) only adds voters of its own.
     * @param population    the most distinct voters; once all have voted, every ballot is a revote.
     * @param revoteShare   the share of ballots from a voter who voted before, 0 to 1.
     * @param retryShare    the share of ballots {@link #next(int)} sends twice, 0 to 1.
     * @param paperShare    the exact share of ballots on paper (in polls with a paper channel), 0 to 1.
     * @param withdrawShare the share of ballots that withdraw their unit's ballot, 0 to 1; at 0 the stream is the
     *                      one {@code urne bench} has always drawn from a seed.
     */
    public BallotPlanner(final List<PollShape> polls, final long seed, final String runId, final int population,
        final double revoteShare, final double retryShare, final double paperShare, final double withdrawShare)
    {
        this.polls = List.copyOf(polls);
        this.random = new Random(seed);
        this.generator = new BallotGenerator(random, 1, 0);
        this.runId = runId;
        this.population = population;
        this.revoteShare = revoteShare;
        this.retryShare = retryShare;
        this.paperShare = paperShare;
        this.withdrawShare = withdrawShare;
    }

    /** The next {@code count} ballots as requests in send order: a retried ballot is sent twice in a row. */
    public List<PlannedBallot> next(final int count)
    {
        final List<PlannedBallot> sends = new ArrayList<>((int)(count * (1 + retryShare)) + 1);
        for (int i = 0; i < count; i++)
        {
            final PlannedBallot ballot = next();
            sends.add(ballot);
            if (random.nextDouble() < retryShare)
            {
                sends.add(ballot);
            }
        }
        return sends;
    }

    /** How many distinct ballots were planned. */
    public long ballots()
    {
        return ballots;
    }

    /** The next ballot, sent once unless the caller retries it. */
    public PlannedBallot next()
    {
        final PollShape poll = polls.get(random.nextInt(polls.size()));
        final boolean revote = voters >= population || voters > 0 && random.nextDouble() < revoteShare;
        final long voter = revote ? (long)(random.nextDouble() * voters) : voters++;
        final String voterId = runId + "-v" + voter;
        final ObjectNode json = generator.ballot(poll.definition(), runId + "-b" + ballots, voterId);
        ballots++;
        // An exact share: paper whenever the running count falls behind it (12,994 ballots at 3,050/12,994 give
        // exactly 3,050 paper ballots, as Clermont had).
        final boolean paper = poll.channels().contains("paper") && papers < Math.round(ballots * paperShare);
        if (paper)
        {
            papers++;
        }
        final String channel = paper ? "paper" : "digital";
        json.put("channel", channel);
        json.remove("stand");
        final JsonNode stands = poll.definition().path("stands");
        if (paper && !stands.isEmpty())
        {
            // Typed at one of the poll's stands, in turn.
            json.put("stand", stands.get((int)(papers % stands.size())).get("id").asText());
        }
        final long castAt = Math.max(nowMicros(), lastCastAtMicros + 1);
        lastCastAtMicros = castAt;
        json.put("castAt", RFC_3339.format(Instant.ofEpochSecond(castAt / 1_000_000, castAt % 1_000_000 * 1000)
            .atOffset(ZoneOffset.UTC)));
        // Drawn only when withdrawals are wanted, so a stream without them is the one the seed always gave.
        if (withdrawShare > 0 && random.nextDouble() < withdrawShare)
        {
            return withdrawal(poll, json, voterId, castAt, poll.channels().indexOf(channel));
        }
        return content(poll, json, voterId, castAt, poll.channels().indexOf(channel));
    }

    /** The drawn ballot turned into a withdrawal of the same unit (an opinion keeps its proposal). */
    private static PlannedBallot withdrawal(final PollShape poll, final ObjectNode json, final String voter,
        final long castAt, final int channel)
    {
        json.remove(List.of("selections", "choice", "argument", "grades"));
        json.put("withdraw", true);
        final String unit = poll.countsPerItem() ? voter + "/" + poll.itemIndex().get(json.get("item").asInt()) :
            voter;
        return new PlannedBallot(poll, json.get("ballotId").asText(), unit, castAt, channel, new int[0], -1, true,
            json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static PlannedBallot content(final PollShape poll, final ObjectNode json, final String voter,
        final long castAt, final int channel)
    {
        final byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        final String ballotId = json.get("ballotId").asText();
        switch (poll.kind())
        {
            case "priority" ->
            {
                final JsonNode selections = json.get("selections");
                final int[] cells = new int[selections.size()];
                for (int i = 0; i < cells.length; i++)
                {
                    cells[i] = poll.cell(poll.itemIndex().get(selections.get(i).asInt()), 0);
                }
                return new PlannedBallot(poll, ballotId, voter, castAt, channel, cells, -1, false, body);
            }
            case "opinion" ->
            {
                final int item = poll.itemIndex().get(json.get("item").asInt());
                final int choice = PollShape.CHOICES.indexOf(json.get("choice").asText());
                final boolean argued = json.hasNonNull("argument") && !json.get("argument").asText().isBlank();
                return new PlannedBallot(poll, ballotId, voter + "/" + item, castAt, channel,
                    new int[] {poll.cell(item, choice)}, argued ? item : -1, false, body);
            }
            default ->
            {
                final JsonNode grades = json.get("grades");
                final int[] cells = new int[grades.size()];
                int i = 0;
                for (final Map.Entry<String, JsonNode> entry : grades.properties())
                {
                    cells[i++] = poll.cell(poll.itemIndex().get(Integer.parseInt(entry.getKey())),
                        entry.getValue().asInt());
                }
                return new PlannedBallot(poll, ballotId, voter, castAt, channel, cells, -1, false, body);
            }
        }
    }

    private static long nowMicros()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
