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
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.journal.JournalReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heart of the fault suite: a real {@code urne serve} under ballots from several client threads (all three poll
 * kinds, both channels, revotes, withdrawals, retries) is killed with SIGKILL at random times and restarted, again
 * and again, in fsync or page-cache mode at random; sometimes it is killed while still starting. After each
 * restart, before any new ballot, the published results must equal the client's model (every acknowledged ballot
 * counted once, each unanswered one resolved by its receipt and counted once if the journal holds it, nothing else)
 * and a fresh {@code replay} of the journal. At the end every receipt says what the model says, and the journal
 * holds only ballots that were sent, each at most once, where the model says.
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
        final List<DemoPoll> polls = DemoPoll.all();
        final BallotLedger ledger = new BallotLedger(deployment);
        final UrneApi api = new UrneApi();
        int killsWhileStarting = 0;
        long startNanos = 0;
        int pageCacheCycles = 0;
        final Map<String, JsonNode> published = new HashMap<>();
        try (CrashLoad load = new CrashLoad(ledger, polls, THREADS, seed))
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
                    checkAfterRestart(ledger, api, server, polls, "cycle " + cycle);
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
                checkAfterRestart(ledger, api, server, polls, "after the last kill");
                checkReceipts(ledger, api, server);
                for (final DemoPoll poll : polls)
                {
                    published.put(poll.id(), api.resultsAt(server.url(), poll.id(), ledger.lastPosition()));
                }
                server.stop();
            }
        }
        checkJournal(deployment.journal(), ledger);
        for (final DemoPoll poll : polls)
        {
            assertThat(replay(deployment.journal(), poll.id())).as("replay of %s", poll.id())
                .isEqualTo(published.get(poll.id()));
        }
        assertThat(ledger.entries(BallotLedger.State.ACKNOWLEDGED)).as("some ballots acknowledged").isNotEmpty();
        System.out.printf("CrashUnderLoadTest: seed %d, %d SIGKILLs under load (%d in page-cache mode), %d while " +
            "starting, %s; %.1f s (%.1f s of it starting servers)%n", seed, cycles, pageCacheCycles,
            killsWhileStarting, ledger.summary(), (System.nanoTime() - started) / 1e9, startNanos / 1e9);
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
     * poll must be exactly the model's.
     */
    private void checkAfterRestart(final BallotLedger ledger, final UrneApi api, final ServerProcess server,
        final List<DemoPoll> polls, final String when) throws Exception
    {
        ledger.resolveUnanswered(api, server.url());
        assertThat(ledger.violations()).as("answers that break a promise, %s", when).isEmpty();
        final Map<String, Counts> expected = ledger.expected(polls);
        final long position = ledger.lastPosition();
        for (final DemoPoll poll : polls)
        {
            final JsonNode published = api.resultsAt(server.url(), poll.id(), position);
            assertThat(poll.counts(published).differencesFrom(expected.get(poll.id())))
                .as("%s, poll %s, model of %s", when, poll.id(), ledger.summary()).isEmpty();
            assertThat(replay(deployment.journal(), poll.id())).as("%s, replay of %s", when, poll.id())
                .isEqualTo(published);
        }
    }

    /** Every journaled ballot's receipt: at its position, with the status the model expects. */
    private static void checkReceipts(final BallotLedger ledger, final UrneApi api, final ServerProcess server)
        throws Exception
    {
        final List<String> wrong = new ArrayList<>();
        for (final BallotLedger.Entry entry : ledger.journaled())
        {
            final UrneApi.Answer answer = api.receipt(server.url(), entry.ballot.poll().id(), entry.receipt);
            final String expected = "{\"receipt\":\"" + entry.receipt + "\",\"position\":" + entry.position +
                ",\"status\":\"" + ledger.expectedStatus(entry) + "\"}";
            if (answer.status() != 200 || !answer.json().equals(UrneApi.JSON.readTree(expected)))
            {
                wrong.add(entry.ballot.ballotId() + " (" + entry.state + "): expected " + expected + ", got " +
                    answer.status() + " " + answer.body());
            }
        }
        for (final BallotLedger.Entry entry : ledger.entries(BallotLedger.State.ABSENT))
        {
            final UrneApi.Answer answer = api.receipt(server.url(), entry.ballot.poll().id(), entry.receipt);
            if (answer.status() != 404)
            {
                wrong.add(entry.ballot.ballotId() + " (absent): got " + answer.status() + " " + answer.body());
            }
        }
        assertThat(wrong).as("receipts").isEmpty();
    }

    /** The journal holds only ballots that were sent, each once, where the model says. */
    private static void checkJournal(final Path journal, final BallotLedger ledger)
    {
        final Map<String, List<Long>> positions = new HashMap<>();
        try (JournalReader reader = JournalReader.open(journal, 0))
        {
            reader.replay(new BallotPositions(positions), Long.MAX_VALUE);
        }
        final List<String> wrong = new ArrayList<>();
        positions.forEach((ballotId, at) ->
        {
            final BallotLedger.Entry entry = ledger.get(ballotId);
            if (entry == null)
            {
                wrong.add(ballotId + " was never sent but is journaled at " + at);
            }
            else if (at.size() != 1)
            {
                wrong.add(ballotId + " is journaled " + at.size() + " times, at " + at);
            }
            else if (entry.position != at.get(0))
            {
                wrong.add(ballotId + " (" + entry.state + ") is journaled at " + at.get(0) + ", the model says " +
                    entry.position);
            }
        });
        for (final BallotLedger.Entry entry : ledger.journaled())
        {
            if (!positions.containsKey(entry.ballot.ballotId()))
            {
                wrong.add(entry.ballot.ballotId() + " (" + entry.state + ") at " + entry.position +
                    " is missing from the journal");
            }
        }
        assertThat(wrong).as("journal against the model").isEmpty();
    }

    /** {@code urne replay --format json} of one poll, as an auditor runs it beside the server or after it. */
    private JsonNode replay(final Path journal, final String pollId) throws Exception
    {
        final Path output = directory.resolve("replay-" + pollId + ".json");
        assertThat(UrneCli.run("replay", "-j", journal.toString(), "--poll", pollId, "--format", "json", "-o",
            output.toString())).isZero();
        return UrneApi.JSON.readTree(Files.readAllBytes(output));
    }

    /** Collects where each ballot id is journaled. */
    private record BallotPositions(Map<String, List<Long>> positions) implements TallyIn
    {
        @Override
        public void onBallot(final long position, final long timeMicros, final Ballot ballot)
        {
            positions.computeIfAbsent(ballot.ballotId(), id -> new ArrayList<>()).add(position);
        }

        @Override
        public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
        {
        }

        @Override
        public void onPollOpened(final long position, final long timeMicros, final String pollId)
        {
        }

        @Override
        public void onPollClosed(final long position, final long timeMicros, final String pollId)
        {
        }

        @Override
        public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
        {
        }
    }
}
