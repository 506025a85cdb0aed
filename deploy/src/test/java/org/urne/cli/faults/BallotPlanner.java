package org.urne.cli.faults;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes the ballots of one client thread from a seeded random: all three poll kinds, both channels (paper through
 * the operator token), withdrawals, arguments, and few voters (and few proposals) so that revotes are common. Each
 * thread owns its voters, so one voter's ballots are posted one after the other.
 */
final class BallotPlanner
{
    private static final int VOTERS_PER_THREAD = 25;
    private static final int OPINION_PROPOSALS = 5;
    private static final AtomicLong LAST_CAST_AT = new AtomicLong();

    private final List<DemoPoll> polls;
    private final String prefix;
    private final Random random;
    private int next;

    BallotPlanner(final List<DemoPoll> polls, final String prefix, final long seed)
    {
        this.polls = polls;
        this.prefix = prefix;
        this.random = new Random(seed);
    }

    PlannedBallot next()
    {
        final DemoPoll poll = polls.get(random.nextInt(polls.size()));
        final String ballotId = prefix + "-b" + next++;
        final String voter = prefix + "-v" + random.nextInt(VOTERS_PER_THREAD);
        final long castAt = uniqueCastAt();
        final boolean paper = random.nextInt(10) < 3;
        final String channel = paper ? "paper" : "digital";
        final boolean withdrawal = random.nextInt(20) == 0;
        final ObjectNode body = UrneApi.JSON.createObjectNode()
            .put("ballotId", ballotId)
            .put("voter", voter)
            .put("channel", channel)
            .put("castAt", Instant.EPOCH.plus(castAt, ChronoUnit.MICROS).toString());
        final List<String> keys = new ArrayList<>();
        String unit = poll.id() + "/" + voter;
        switch (poll.kind())
        {
            case "priority" ->
            {
                if (withdrawal)
                {
                    body.put("withdraw", true);
                }
                else
                {
                    final TreeSet<Integer> selection = new TreeSet<>();
                    final int size = 1 + random.nextInt(5);
                    while (selection.size() < size)
                    {
                        selection.add(poll.itemIds().get(random.nextInt(poll.itemIds().size())));
                    }
                    selection.forEach(body.putArray("selections")::add);
                    selection.forEach(item -> keys.add("items/" + item + "/votes/" + channel));
                }
            }
            case "opinion" ->
            {
                final int item = poll.itemIds().get(random.nextInt(OPINION_PROPOSALS));
                unit += "/" + item;
                body.put("item", item);
                if (withdrawal)
                {
                    body.put("withdraw", true);
                }
                else
                {
                    final String choice = DemoPoll.CHOICES.get(random.nextInt(DemoPoll.CHOICES.size()));
                    body.put("choice", choice);
                    keys.add("items/" + item + "/" + choice + "/" + channel);
                    if (random.nextBoolean())
                    {
                        body.put("argument", "argument " + ballotId);
                        keys.add("arguments/" + item);
                    }
                }
            }
            default ->
            {
                if (withdrawal)
                {
                    body.put("withdraw", true);
                }
                else
                {
                    final ObjectNode grades = body.putObject("grades");
                    for (final int item : poll.itemIds())
                    {
                        final int grade = random.nextInt(poll.grades());
                        grades.put(Integer.toString(item), grade);
                        keys.add("items/" + item + "/" + grade + "/" + channel);
                    }
                }
            }
        }
        if (!withdrawal)
        {
            keys.add("ballots/" + channel);
        }
        return new PlannedBallot(poll, ballotId, unit, castAt,
            paper ? Deployment.OPERATOR_TOKEN : Deployment.PLATFORM_TOKEN, withdrawal, List.copyOf(keys),
            body.toString());
    }

    /** Now in microseconds, and later than any castAt given before in this JVM. */
    private static long uniqueCastAt()
    {
        final long now = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        return LAST_CAST_AT.updateAndGet(last -> Math.max(last + 1, now));
    }
}
