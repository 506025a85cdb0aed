package org.urne.cli.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.harness.BallotModel;
import org.urne.cli.harness.BallotPlanner;
import org.urne.cli.harness.JournalReplay;
import org.urne.cli.harness.PlannedBallot;
import org.urne.cli.harness.PollShape;
import org.urne.cli.harness.ResultsCheck;
import org.urne.cli.harness.UrneClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code urne cluster node} processes under load, members killed with SIGKILL and restarted, a member's disk
 * wiped, a majority stopped. After each cycle, with nothing in flight: every member at the same position with the
 * same state hash, every member's results equal to the client's model (every 202 counted exactly once, every
 * unanswered request at most once, as its receipt says), and a fresh replay of every member's journal giving the
 * same hash and counts; at the end every member's {@code urne export} is the same bytes.
 *
 * <p>Default 5 cycles; {@code -Durne.faults.long=true} runs 50, {@code -Durne.cluster.cycles=N} sets the count,
 * {@code -Durne.faults.seed=N} replays a run's choices.
 */
class ClusterFailoverTest
{
    private static final int THREADS = 3;
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration CONVERGE_LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    private ClusterDeployment cluster;

    @AfterEach
    void stopCluster()
    {
        if (cluster != null)
        {
            cluster.close();
        }
    }

    @Test
    void nothingAcknowledgedIsLostOrCountedTwiceWhenLeadersAndFollowersAreKilled() throws Exception
    {
        final long seed = Long.getLong("urne.faults.seed", new SecureRandom().nextLong());
        final int cycles = Integer.getInteger("urne.cluster.cycles", Boolean.getBoolean("urne.faults.long") ? 50 : 5);
        System.out.printf("ClusterFailoverTest: seed %d, %d cycles (replay the choices with -Durne.faults.seed=%d)%n",
            seed, cycles, seed);
        final long started = System.nanoTime();
        final Random random = new Random(seed);
        final Setup setup = startCluster();
        int leaderKills = 0;
        try (ClusterLoad load = new ClusterLoad(setup.client, setup.model, setup.polls, THREADS, seed))
        {
            long lastPosition = 0;
            for (int cycle = 0; cycle < cycles; cycle++)
            {
                load.resume();
                Thread.sleep(300 + random.nextInt(1200));
                final int leader = cluster.awaitLeader(START_LIMIT);
                // Mostly the leader; a follower one time in four. The second cycle kills the leader and restarts it
                // only once the others have moved on under a new leader (the old-leader case of Aeron PR #2147).
                final boolean killLeader = cycle == 1 || random.nextInt(4) != 0;
                final int victim = killLeader ? leader : (leader + 1 + random.nextInt(2)) % ClusterDeployment.MEMBERS;
                cluster.kill(victim);
                leaderKills += killLeader ? 1 : 0;
                if (cycle == 1)
                {
                    final long sentBefore = load.sent();
                    cluster.awaitLeader(START_LIMIT);
                    while (load.sent() < sentBefore + 30)
                    {
                        Thread.sleep(50);
                    }
                }
                else
                {
                    Thread.sleep(500 + random.nextInt(2000));
                }
                cluster.start(victim);
                load.pause();
                lastPosition = checkConverged(setup, lastPosition, "cycle " + cycle + " (member " + victim +
                    (killLeader ? ", the leader," : ", a follower,") + " killed)");
            }
        }
        // The journal tools read every member's copy of the log alike: their exports are the same bytes.
        final List<byte[]> exports = new ArrayList<>();
        for (int id = 0; id < ClusterDeployment.MEMBERS; id++)
        {
            final Path export = directory.resolve("export-" + id + ".ndjson");
            final UrneCommand.Run run = UrneCommand.run(directory.resolve("export-" + id + ".log"), "export",
                "--journal", cluster.journal(id).toString(), "--output", export.toString());
            assertThat(run.exitCode()).as(run.output()).isZero();
            exports.add(Files.readAllBytes(export));
        }
        assertThat(exports).allSatisfy(export -> assertThat(export).isEqualTo(exports.get(0)));
        System.out.printf("ClusterFailoverTest: %d cycles (%d leader kills), %d ballots acknowledged or journaled, " +
            "last position %d, %.1f s%n", cycles, leaderKills, setup.model.ballots(), setup.model.lastPosition(),
            (System.nanoTime() - started) / 1e9);
    }

    @Test
    void aMemberWhoseDiskWasLostCatchesUpFromTheOthers() throws Exception
    {
        final Setup setup = startCluster();
        final List<PlannedBallot> ballots = new BallotPlanner(setup.polls, 7, "d", 50, 0.3, 0, 0.3, 0.05).next(120);
        for (final PlannedBallot ballot : ballots.subList(0, 60))
        {
            setup.client.submit(ballot, setup.model, Duration.ofSeconds(60));
        }
        final int follower = (cluster.awaitLeader(START_LIMIT) + 1) % ClusterDeployment.MEMBERS;
        final long before = checkConverged(setup, 0, "before the disk is lost");
        cluster.kill(follower);
        cluster.wipe(follower);
        for (final PlannedBallot ballot : ballots.subList(60, 120))
        {
            setup.client.submit(ballot, setup.model, Duration.ofSeconds(60));
        }
        cluster.start(follower);
        checkConverged(setup, before, "member " + follower + " restarted with an empty disk");
    }

    @Test
    void aMinorityAnswers503WithinTheFailoverTimeoutAndTheRetryCountsOnce() throws Exception
    {
        final Setup setup = startCluster();
        final List<PlannedBallot> ballots = new BallotPlanner(setup.polls, 11, "m", 10, 0, 0, 0, 0).next(2);
        assertThat(setup.client.submit(ballots.get(0), setup.model, Duration.ofSeconds(60)))
            .isEqualTo(BallotModel.State.ACKNOWLEDGED);
        checkConverged(setup, 0, "before the majority stops");
        final int survivor = (cluster.awaitLeader(START_LIMIT) + 1) % ClusterDeployment.MEMBERS;
        final List<Integer> stopped = new ArrayList<>();
        for (int id = 0; id < ClusterDeployment.MEMBERS; id++)
        {
            if (id != survivor)
            {
                cluster.kill(id);
                stopped.add(id);
            }
        }
        final PlannedBallot ballot = ballots.get(1);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            final long sent = System.nanoTime();
            final UrneClient.Answer answer = setup.client.post(cluster.url(survivor), ballot);
            final long millis = (System.nanoTime() - sent) / 1_000_000;
            System.out.printf("ClusterFailoverTest: a minority answered %d after %d ms (bound %d ms)%n",
                answer.status(), millis, ClusterDeployment.FAILOVER_MILLIS + 1000);
            assertThat(answer.status()).as("attempt %d: %s", attempt, answer.body()).isEqualTo(503);
            assertThat(answer.retryAfter()).isNotNull();
            assertThat(answer.json().get("type").asText()).isEqualTo("/problems/cluster-unavailable");
            assertThat(millis).as("the 503 came after %d ms", millis)
                .isLessThanOrEqualTo(ClusterDeployment.FAILOVER_MILLIS + 1000);
            setup.model.unanswered(ballot);
        }
        for (final int id : stopped)
        {
            cluster.start(id);
        }
        assertThat(setup.client.submit(ballot, setup.model, Duration.ofSeconds(90)))
            .isEqualTo(BallotModel.State.ACKNOWLEDGED);
        checkConverged(setup, 0, "the majority back and the ballot retried");
    }

    /** Starts the three members and waits for a leader and the demo polls. */
    private Setup startCluster() throws Exception
    {
        cluster = ClusterDeployment.create(directory);
        for (int id = 0; id < ClusterDeployment.MEMBERS; id++)
        {
            cluster.start(id);
        }
        cluster.awaitLeader(START_LIMIT);
        final List<PollShape> polls = Deployment.demoPolls();
        final UrneClient client = cluster.client();
        final long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (client.polls(List.of()).size() < polls.size() && System.nanoTime() < deadline)
        {
            Thread.sleep(200);
        }
        // A leader is known as soon as one member says so; the others' HTTP may still be starting.
        for (int id = 0; id < ClusterDeployment.MEMBERS; id++)
        {
            while (cluster.table(id) == null && System.nanoTime() < deadline)
            {
                Thread.sleep(200);
            }
        }
        final List<ResultsCheck> checks = new ArrayList<>();
        for (int id = 0; id < ClusterDeployment.MEMBERS; id++)
        {
            checks.add(new ResultsCheck(memberClient(id), polls));
        }
        return new Setup(client, new BallotModel(cluster.keys()), polls, checks);
    }

    /**
     * Every member at the same position (past {@code atLeast}) and state hash; every member's results equal to the
     * model; every member's journal replaying to that hash and the model's counts. Returns the position.
     */
    private long checkConverged(final Setup setup, final long atLeast, final String when) throws Exception
    {
        try
        {
            return compare(setup, atLeast, when);
        }
        catch (final Exception | AssertionError failure)
        {
            throw new AssertionError(when + ": " + failure + cluster.report(), failure);
        }
    }

    private long compare(final Setup setup, final long atLeast, final String when) throws Exception
    {
        final JsonNode agreed = cluster.awaitConverged(Math.max(atLeast, setup.model.lastPosition()), CONVERGE_LIMIT);
        setup.model.resolveUnanswered(setup.client, cluster.url(agreed.path("id").asInt()));
        final long position = agreed.path("position").asLong();
        for (int id = 0; id < ClusterDeployment.MEMBERS; id++)
        {
            assertThat(setup.checks.get(id).differences(setup.model)).as("member %d's results, %s", id, when)
                .isEmpty();
            final JournalReplay replay = JournalReplay.of(cluster.journal(id));
            assertThat(replay.lastPosition()).as("member %d's journal, %s", id, when).isEqualTo(position);
            assertThat(String.format("%016x", replay.stateHash())).as("member %d's journal replayed, %s", id, when)
                .isEqualTo(agreed.path("stateHash").asText());
            assertThat(replay.countDifferences(setup.model, setup.polls)).as("member %d's journal, %s", id, when)
                .isEmpty();
            assertThat(replay.ballotDifferencesAllowingCopies(setup.model)).as("member %d's journal, %s", id, when)
                .isEmpty();
        }
        return position;
    }

    private UrneClient memberClient(final int id)
    {
        return new UrneClient(List.of(cluster.url(id)), Deployment.PLATFORM_TOKEN, Deployment.OPERATOR_TOKEN,
            Duration.ofSeconds(15));
    }

    /** What every check of a run compares. */
    private record Setup(UrneClient client, BallotModel model, List<PollShape> polls, List<ResultsCheck> checks)
    {
    }
}
