package org.urne.cli.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server must count, from the ballots it acknowledged: by receipt (a retry is the same ballot, counted
 * once), the latest {@code castAt} per counted unit (revote: replace), per item, cell and channel. Fed from the
 * HTTP threads as answers arrive, hence synchronized; the cost is nothing next to a request.
 */
final class TallyModel
{
    private final Map<String, PlannedBallot> byReceipt = new HashMap<>();
    private final Map<String, String> receiptByBallot = new HashMap<>();
    private final List<String> inconsistencies = new ArrayList<>();
    private long lastPosition = -1;

    /** A 202 for {@code ballot}, with the receipt and journal position the server answered. */
    synchronized void acked(final PlannedBallot ballot, final String receipt, final long position)
    {
        lastPosition = Math.max(lastPosition, position);
        final String key = ballot.poll().id() + "/" + ballot.ballotId();
        final String earlier = receiptByBallot.putIfAbsent(key, receipt);
        if (earlier != null && !earlier.equals(receipt))
        {
            inconsistencies.add(key + ": a retry got receipt " + receipt + ", the first attempt " + earlier);
        }
        byReceipt.putIfAbsent(ballot.poll().id() + "/" + receipt, ballot);
    }

    /** The highest journal position acknowledged: results that reflect it reflect every acknowledged ballot. */
    synchronized long lastPosition()
    {
        return lastPosition;
    }

    /** Answers that contradict each other (a retry with another receipt), which no results can fix. */
    synchronized List<String> inconsistencies()
    {
        return List.copyOf(inconsistencies);
    }

    synchronized long ballots()
    {
        return byReceipt.size();
    }

    /** The expected counts of each poll: every unit's latest acknowledged ballot, counted once. */
    synchronized Map<String, PollCounts> expected(final List<PollShape> polls)
    {
        final Map<String, PlannedBallot> latest = new HashMap<>();
        for (final PlannedBallot ballot : byReceipt.values())
        {
            latest.merge(ballot.poll().id() + "/" + ballot.unit(), ballot,
                (a, b) -> a.castAtMicros() >= b.castAtMicros() ? a : b);
        }
        final Map<String, PollCounts> expected = new LinkedHashMap<>();
        polls.forEach(poll -> expected.put(poll.id(), new PollCounts(poll)));
        for (final PlannedBallot ballot : latest.values())
        {
            final PollCounts counts = expected.get(ballot.poll().id());
            counts.ballots[ballot.channel()]++;
            for (final int cell : ballot.cells())
            {
                counts.cells[ballot.channel()][cell]++;
            }
            if (ballot.argueItem() >= 0)
            {
                counts.arguments[ballot.argueItem()]++;
            }
        }
        return expected;
    }
}
