package org.urne.cli.faults;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.UrneCli;
import org.urne.cli.harness.UrneClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One writer per journal, across processes: a second {@code urne serve} on the journal a first one serves is
 * refused with a message naming the directory and the holder's pid, exits non-zero without a stack trace, and the
 * first keeps serving and journaling.
 */
class SecondWriterTest
{
    @TempDir
    Path directory;

    @Test
    void aSecondServerOnTheSameJournalIsRefusedAndTheFirstKeepsServing() throws Exception
    {
        final Deployment deployment = Deployment.create(directory);
        final UrneClient api = Deployment.client();
        try (ServerProcess first = ServerProcess.start(deployment, directory.resolve("first.log")))
        {
            final UrneClient.Answer before = api.postBallot(first.url(), "clermont-2022-votation",
                Deployment.PLATFORM_TOKEN, "{\"ballotId\": \"w-1\", \"voter\": \"u-1\", \"selections\": [14]}");
            assertThat(before.status()).as(before.body()).isEqualTo(202);

            try (ServerProcess second = ServerProcess.launch(deployment, directory.resolve("second.log")))
            {
                final int status = second.awaitExit();
                final String output = second.output();
                assertThat(status).as(output).isEqualTo(UrneCli.REFUSED);
                assertThat(output).as("names the journal and who holds it")
                    .contains(deployment.journal().toAbsolutePath().toString())
                    .contains("pid " + first.pid())
                    .contains("only one writer");
                assertThat(output).as("an operator's message, not a stack trace")
                    .doesNotContain("\tat ").doesNotContain("Exception in thread");
            }

            assertThat(first.isAlive()).isTrue();
            final UrneClient.Answer after = api.postBallot(first.url(), "clermont-2022-votation",
                Deployment.PLATFORM_TOKEN, "{\"ballotId\": \"w-2\", \"voter\": \"u-2\", \"selections\": [21]}");
            assertThat(after.status()).as(after.body()).isEqualTo(202);
            assertThat(after.json().get("position").asLong()).as("the next position: nothing else was journaled")
                .isEqualTo(before.json().get("position").asLong() + 1);
            final var results = api.resultsAt(first.url(), "clermont-2022-votation",
                after.json().get("position").asLong());
            assertThat(results.get("ballots").get("total").asLong()).isEqualTo(2);
        }
    }
}
