package org.urne.cli.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The end of every run against Urne: once the published results reflect the last journaled position the model
 * knows, what the run added to each poll (results now less results before) must equal the model's counts, per
 * item, cell and channel. A load test that does not check its answer can be measuring a server that drops ballots.
 */
public final class ResultsCheck
{
    private static final long PUBLISH_TIMEOUT_SECONDS = 30;

    private final UrneClient client;
    private final List<PollShape> polls;
    private final Map<String, PollCounts> before = new LinkedHashMap<>();

    /** Reads the results before the run, so a server that already holds ballots can be checked too. */
    public ResultsCheck(final UrneClient client, final List<PollShape> polls) throws IOException, InterruptedException
    {
        this.client = client;
        this.polls = List.copyOf(polls);
        for (final PollShape poll : polls)
        {
            before.put(poll.id(), client.published(poll).counts());
        }
    }

    /** Every difference between the server and the model, inconsistent answers first; empty when they agree. */
    public List<String> differences(final BallotModel model) throws IOException, InterruptedException
    {
        final List<String> differences = new ArrayList<>(model.inconsistencies());
        final Map<String, PollCounts> expected = model.expected(polls);
        for (final PollShape poll : polls)
        {
            final UrneClient.Published now = awaitPosition(poll, model.lastPosition());
            if (now == null)
            {
                differences.add(poll.id() + ": the results never reached position " + model.lastPosition() +
                    " within " + PUBLISH_TIMEOUT_SECONDS + " s");
                continue;
            }
            differences.addAll(now.counts().minus(before.get(poll.id())).differencesFrom(expected.get(poll.id())));
        }
        return differences;
    }

    private UrneClient.Published awaitPosition(final PollShape poll, final long position)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PUBLISH_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline)
        {
            final UrneClient.Published results = client.published(poll);
            if (results.position() >= position)
            {
                return results;
            }
            Thread.sleep(20);
        }
        return null;
    }
}
