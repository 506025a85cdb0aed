package org.urne.cli.bench;

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
 * The realistic ballot stream: a population of voters who mostly vote once, a share who vote again (a revote), a
 * share of requests a platform sends twice (a retry of the same ballot), an exact share on paper, across the given
 * polls. Ballots come from {@link BallotGenerator}; this class chooses who votes, when ({@code castAt}) and on
 * which channel, and remembers what each ballot counts for the model.
 */
final class Workload
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
    private long voters;
    private long ballots;
    private long papers;
    private long lastCastAtMicros;

    /**
     * @param runId      prefixes ballot ids and voters, so a run against a server that holds earlier runs only
     *                   adds new voters.
     * @param population the most distinct voters; once all have voted, every ballot is a revote.
     */
    Workload(final List<PollShape> polls, final long seed, final String runId, final int population,
        final double revoteShare, final double retryShare, final double paperShare)
    {
        this.polls = List.copyOf(polls);
        this.random = new Random(seed);
        this.generator = new BallotGenerator(random, 1, 0);
        this.runId = runId;
        this.population = population;
        this.revoteShare = revoteShare;
        this.retryShare = retryShare;
        this.paperShare = paperShare;
    }

    /** The next {@code count} ballots as requests in send order: a retried ballot is sent twice in a row. */
    List<PlannedBallot> next(final int count)
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

    long ballots()
    {
        return ballots;
    }

    private PlannedBallot next()
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
        final long castAt = Math.max(nowMicros(), lastCastAtMicros + 1);
        lastCastAtMicros = castAt;
        json.put("castAt", RFC_3339.format(Instant.ofEpochSecond(castAt / 1_000_000, castAt % 1_000_000 * 1000)
            .atOffset(ZoneOffset.UTC)));
        return content(poll, json, voterId, castAt, poll.channels().indexOf(channel));
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
                return new PlannedBallot(poll, ballotId, voter, castAt, channel, cells, -1, body);
            }
            case "opinion" ->
            {
                final int item = poll.itemIndex().get(json.get("item").asInt());
                final int choice = PollShape.CHOICES.indexOf(json.get("choice").asText());
                final boolean argued = json.hasNonNull("argument") && !json.get("argument").asText().isBlank();
                return new PlannedBallot(poll, ballotId, voter + "/" + item, castAt, channel,
                    new int[] {poll.cell(item, choice)}, argued ? item : -1, body);
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
                return new PlannedBallot(poll, ballotId, voter, castAt, channel, cells, -1, body);
            }
        }
    }

    private static long nowMicros()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
