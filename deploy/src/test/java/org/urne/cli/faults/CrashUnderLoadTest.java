package org.urne.cli.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.UrneCli;
import org.urne.cli.harness.BallotModel;
import org.urne.cli.harness.JournalReplay;
import org.urne.cli.harness.PollCounts;
import org.urne.cli.harness.PollShape;
import org.urne.cli.harness.UrneClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heart of the fault suite: a real {@code urne serve} under ballots from several client threads (all three poll
 * kinds, both channels, revotes, withdrawals, retries) is killed with SIGKILL at random times and restarted, again
 * and again, in fsync or page-cache mode at random; sometimes it is killed while still starting. After each
 * restart, before any new ballot, the published results must equal the client's model (every acknowledged ballot
 * counted once, each unanswered one resolved by its receipt and counted once if the journal holds it, nothing else),
 * a fresh {@code urne replay} of the journal, and the counts of a fresh {@code TallyCore} replaying it. The ballots,
 * the client's model and the journal replay are the harness's ({@code org.urne.cli.harness}), as {@code urne bench}
 * uses them. At the end every receipt says what the model says, the journal holds only ballots that were sent, each
 * at most once, where the model says, and {@code urne replay} gives the state hash of a fresh core.
 *
 * <p>Default 20 cycles; {@code -Durne.faults.long=true} runs 100. {@code -Durne.faults.seed=N} replays a run's
 * choices (the kill times and the ballots; the server's timing is not replayable), {@code -Durne.faults.cycles=N}
 * sets the count.
 */
class CrashUnderLoadTest
{
    private static final int THREADS = 4;
    private static final int KILL_AFTER_MIN_MILLIS = 200;
    private static final int KILL_AFTER_SPREAD_MILLIS = 1000;
    private static final int START_KILL_SPREAD_MILLIS = 1500;

    @TempDir
    Path directory;

    private Deployment deployment;

    @Test
    void nothingAcknowledgedIsLostOrCountedTwiceAcrossSigkills() throws Exception
    {
        final long seed = Long.getLong("urne.faults.seed", new SecureRandom().nextLong());
        final int cycles = Integer.getInteger("urne.faults.cycles", Boolean.getBoolean("urne.faults.long") ? 100 : 20);
        System.out.printf("CrashUnderLoadTest: seed %d, %d cycles (replay the choices with -Durne.faults.seed=%d)%n",
            seed, cycles, seed);
        final long started = System.nanoTime();
        final Random random = new Random(seed);
        deployment = Deployment.create(directory);
        final List<PollShape> polls = Deployment.demoPolls();
        final BallotModel model = new BallotModel(deployment.keys());
        final UrneClient api = Deployment.client();
        int killsWhileStarting = 0;
        long startNanos = 0;
        int pageCacheCycles = 0;
        final Map<String, JsonNode> published = new HashMap<>();
        try (CrashLoad load = new CrashLoad(model, polls, THREADS, seed))
        {
            for (int cycle = 0; cycle < cycles; cycle++)
            {
                // A SIGKILL must lose nothing acknowledged in either mode: page-cache only gives up power losses.
                final Map<String, String> durability = Map.of("URNE_JOURNAL_DURABILITY",
                    random.nextBoolean() ? "fsync" : "page-cache");
                pageCacheCycles += durability.containsValue("page-cache") ? 1 : 0;
                if (cycle > 0 && random.nextInt(6) == 0)
                {
                    killWhileStarting(deployment, directory.resolve("serve-" + cycle + "-start.log"), durability,
                        random);
                    killsWhileStarting++;
                }
                final long starting = System.nanoTime();
                try (ServerProcess server = ServerProcess.start(deployment, directory.resolve("serve-" + cycle +
                    ".log"), durability))
                {
                    startNanos += System.nanoTime() - starting;
                    checkAfterRestart(model, api, server, polls, "cycle " + cycle);
                    load.serve(server.url());
                    Thread.sleep(KILL_AFTER_MIN_MILLIS + random.nextInt(KILL_AFTER_SPREAD_MILLIS));
                    load.withdraw();
                    server.kill();
                    assertThat(deployment.journal().resolve("urne.lock")).as("the dead writer's lock file stays: " +
                        "the next start must not need anyone to delete it").content().contains("pid " + server.pid());
                    load.awaitParked();
                }
            }
            try (ServerProcess server = ServerProcess.start(deployment, directory.resolve("serve-last.log")))
            {
                checkAfterRestart(model, api, server, polls, "after the last kill");
                checkReceipts(model, api, server);
                for (final PollShape poll : polls)
                {
                    published.put(poll.id(), api.resultsAt(server.url(), poll.id(), model.lastPosition()));
                }
                server.stop();
            }
        }
        final JournalReplay journalReplay = JournalReplay.of(deployment.journal());
        assertThat(journalReplay.ballotDifferences(model)).as("journal against the model").isEmpty();
        assertThat(replaySummary(deployment.journal())).as("urne replay and a fresh core agree on the state hash")
            .contains(String.format("State hash: %016x", journalReplay.stateHash()));
        for (final PollShape poll : polls)
        {
            assertThat(replay(deployment.journal(), poll.id())).as("replay of %s", poll.id())
                .isEqualTo(published.get(poll.id()));
        }
        assertThat(model.entries(BallotModel.State.ACKNOWLEDGED)).as("some ballots acknowledged").isNotEmpty();
        System.out.printf("CrashUnderLoadTest: seed %d, %d SIGKILLs under load (%d in page-cache mode), %d while " +
            "starting, %s; %.1f s (%.1f s of it starting servers)%n", seed, cycles, pageCacheCycles,
            killsWhileStarting, model.summary(), (System.nanoTime() - started) / 1e9, startNanos / 1e9);
    }

    /** Launches a server and kills it at a random moment of its start: replaying, loading polls, or just ready. */
    private static void killWhileStarting(final Deployment deployment, final Path log,
        final Map<String, String> env, final Random random) throws Exception
    {
        try (ServerProcess starting = ServerProcess.launch(deployment, log, env))
        {
            Thread.sleep(random.nextInt(START_KILL_SPREAD_MILLIS));
            starting.kill();
        }
    }

    /**
     * With no ballot in flight: resolve every unanswered ballot by its receipt, then the published counts of each
     * poll and those of a fresh core replaying the journal must be exactly the model's.
     */
    private void checkAfterRestart(final BallotModel model, final UrneClient api, final ServerProcess server,
        final List<PollShape> polls, final String when) throws Exception
    {
        model.resolveUnanswered(api, server.url());
        assertThat(model.inconsistencies()).as("answers that break a promise, %s", when).isEmpty();
        assertThat(model.refusals()).as("ballots refused, %s", when).isEmpty();
        final Map<String, PollCounts> expected = model.expected(polls);
        final long position = model.lastPosition();
        for (final PollShape poll : polls)
        {
            final JsonNode published = api.resultsAt(server.url(), poll.id(), position);
            assertThat(PollCounts.fromResults(poll, published).differencesFrom(expected.get(poll.id())))
                .as("%s, poll %s, model of %s", when, poll.id(), model.summary()).isEmpty();
            assertThat(replay(deployment.journal(), poll.id())).as("%s, replay of %s", when, poll.id())
                .isEqualTo(published);
        }
        assertThat(JournalReplay.of(deployment.journal()).countDifferences(model, polls))
            .as("%s, a fresh core replaying the journal against the model", when).isEmpty();
    }

    /** Every journaled ballot's receipt: at its position, with the status the model expects. */
    private static void checkReceipts(final BallotModel model, final UrneClient api, final ServerProcess server)
        throws Exception
    {
        final List<String> wrong = new ArrayList<>();
        for (final BallotModel.Entry entry : model.journaled())
        {
            final UrneClient.Answer answer = api.receipt(server.url(), entry.ballot().poll().id(), entry.receipt());
            final String expected = "{\"receipt\":\"" + entry.receipt() + "\",\"position\":" + entry.position() +
                ",\"status\":\"" + model.expectedStatus(entry) + "\"}";
            if (answer.status() != 200 || !answer.json().equals(UrneClient.JSON.readTree(expected)))
            {
                wrong.add(entry.ballot().ballotId() + " (" + entry.state() + "): expected " + expected + ", got " +
                    answer.status() + " " + answer.body());
            }
        }
        for (final BallotModel.Entry entry : model.entries(BallotModel.State.ABSENT))
        {
            final UrneClient.Answer answer = api.receipt(server.url(), entry.ballot().poll().id(), entry.receipt());
            if (answer.status() != 404)
            {
                wrong.add(entry.ballot().ballotId() + " (absent): got " + answer.status() + " " + answer.body());
            }
        }
        assertThat(wrong).as("receipts").isEmpty();
    }

    /** {@code urne replay} of the whole journal: its summary, with the state hash. */
    private String replaySummary(final Path journal) throws Exception
    {
        final Path output = directory.resolve("replay-summary.txt");
        assertThat(UrneCli.run("replay", "-j", journal.toString(), "-o", output.toString())).isZero();
        return Files.readString(output);
    }

    /** {@code urne replay --format json} of one poll, as an auditor runs it beside the server or after it. */
    private JsonNode replay(final Path journal, final String pollId) throws Exception
    {
        final Path output = directory.resolve("replay-" + pollId + ".json");
        assertThat(UrneCli.run("replay", "-j", journal.toString(), "--poll", pollId, "--format", "json", "-o",
            output.toString())).isZero();
        return UrneClient.JSON.readTree(Files.readAllBytes(output));
    }
}
