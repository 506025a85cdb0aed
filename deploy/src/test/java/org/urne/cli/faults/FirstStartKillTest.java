package org.urne.cli.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.harness.PollShape;
import org.urne.cli.harness.UrneClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server killed with SIGKILL during its very first start, just as Chronicle creates the journal's first cycle
 * file and the demo polls are being journaled, must start again with no manual step, define its polls, and count
 * what it acknowledges. This is how a blank cycle file was found (a kill between Chronicle sizing the file and
 * writing its header made every later start stall and fail); {@code BlankCycleFileTest} in the tally module pins
 * that case down, this test keeps probing the window.
 *
 * <p>Default 4 rounds, {@code -Durne.faults.long=true} 30; {@code -Durne.faults.seed=N} replays the kill delays.
 */
class FirstStartKillTest
{
    private static final int KILL_DELAY_SPREAD_MILLIS = 150;
    private static final long FILE_WAIT_NANOS = 120_000_000_000L;

    @TempDir
    Path directory;

    @Test
    void aServerKilledDuringItsFirstStartStartsAgainAndCounts() throws Exception
    {
        final long seed = Long.getLong("urne.faults.seed", new SecureRandom().nextLong());
        final int rounds = Boolean.getBoolean("urne.faults.long") ? 30 : 4;
        System.out.printf("FirstStartKillTest: seed %d, %d rounds%n", seed, rounds);
        final Random random = new Random(seed);
        final UrneClient api = Deployment.client();
        int blankFilesRemoved = 0;
        for (int round = 0; round < rounds; round++)
        {
            final Deployment deployment = Deployment.create(directory.resolve("round-" + round));
            final int delay = random.nextInt(KILL_DELAY_SPREAD_MILLIS);
            final Path logs = deployment.directory();
            try (ServerProcess first = ServerProcess.launch(deployment, logs.resolve("first.log")))
            {
                awaitFirstCycleFile(deployment, first);
                Thread.sleep(delay);
                first.kill();
            }
            final String when = "round " + round + ", killed " + delay + " ms after the first cycle file appeared";
            final long position;
            try (ServerProcess again = ServerProcess.start(deployment, logs.resolve("again.log")))
            {
                for (final PollShape poll : Deployment.demoPolls())
                {
                    assertThat(api.results(again.url(), poll.id()).status()).as("%s: poll %s", when, poll.id())
                        .isEqualTo(200);
                }
                final UrneClient.Answer ballot = api.postBallot(again.url(), "clermont-2022-votation",
                    Deployment.PLATFORM_TOKEN, "{\"ballotId\": \"b-1\", \"voter\": \"u-1\", \"selections\": [14]}");
                assertThat(ballot.status()).as("%s: %s", when, ballot.body()).isEqualTo(202);
                position = ballot.json().get("position").asLong();
                assertThat(position).as("%s: after the three definitions", when).isEqualTo(3);
                blankFilesRemoved += again.output().contains("a crash left blank") ? 1 : 0;
                again.kill();
            }
            try (ServerProcess last = ServerProcess.start(deployment, logs.resolve("last.log")))
            {
                final UrneClient.Answer receipt = api.receipt(last.url(), "clermont-2022-votation",
                    deployment.receipt("clermont-2022-votation", "b-1"));
                assertThat(receipt.json().get("status").asText()).as(when).isEqualTo("counted");
                assertThat(api.resultsAt(last.url(), "clermont-2022-votation", position).get("ballots").get("total")
                    .asLong()).as(when).isEqualTo(1);
            }
        }
        System.out.printf("FirstStartKillTest: seed %d, %d rounds, %d of them restarted over a blank cycle file%n",
            seed, rounds, blankFilesRemoved);
    }

    /** Waits (bounded) until the server has created a cycle file: the start of the window this test aims at. */
    private static void awaitFirstCycleFile(final Deployment deployment, final ServerProcess server)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + FILE_WAIT_NANOS;
        while (server.isAlive() && System.nanoTime() < deadline)
        {
            try (Stream<Path> files = Files.list(deployment.journal()))
            {
                if (files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4")))
                {
                    return;
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no cycle file within 120 s:\n" + server.output());
    }
}
