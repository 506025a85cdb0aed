package org.urne.cli.faults;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.urne.cli.UrneCli;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.faults.JournalDocuments.Document;
import org.urne.cli.harness.UrneClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees when {@code urne serve} must not start: a journal damaged in the middle (a bad record with
 * valid ones after it), or a configuration it cannot use. The refusal is the message alone, naming the journal,
 * the position and what to do, with no stack trace, and a non-zero exit code that tells a supervisor not to
 * retry; {@code urne verify} points at the same record.
 */
class RefusedStartTest
{
    private static final int DAMAGED = 2;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void corruptionInTheMiddleRefusesToStartWithAMessageAndVerifyPointsAtTheRecord() throws Exception
    {
        final long seed = Long.getLong("urne.faults.seed", System.nanoTime());
        System.out.printf("RefusedStartTest seed %d (rerun: -Durne.faults.seed=%d)%n", seed, seed);
        final Random random = new Random(seed);
        final Deployment deployment = Deployment.create(directory);
        final Path journal = deployment.journal();
        final UrneClient api = Deployment.client();
        try (ServerProcess server = ServerProcess.start(deployment, directory.resolve("serve.log")))
        {
            for (int i = 0; i < 12; i++)
            {
                assertThat(new PaperBallot("b-" + i, "voter-" + i, 1 + i).post(api, server.url()).status())
                    .isEqualTo(202);
            }
            server.stop();
        }
        final List<Document> documents = JournalDocuments.read(journal);
        final Document damaged = documents.get(documents.size() - 2 - random.nextInt(documents.size() - 4));
        final long offset = damaged.payload() + random.nextInt(damaged.length());
        try (FileChannel channel = FileChannel.open(JournalDocuments.newestCycleFile(journal), StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            final ByteBuffer octet = ByteBuffer.allocate(1);
            channel.read(octet, offset);
            octet.put(0, (byte)(octet.get(0) ^ (1 + random.nextInt(255))));
            channel.write(octet.flip(), offset);
        }
        System.out.printf("  flipped byte %d (in %s)%n", offset, damaged);

        final String message;
        try (ServerProcess refused = ServerProcess.launch(deployment, directory.resolve("refused.log")))
        {
            final int exitCode = refused.awaitExit();
            message = refused.output();
            assertThat(exitCode).as(message).isEqualTo(UrneCli.REFUSED);
        }
        assertThat(message).as(message)
            .contains("position " + damaged.position())
            .contains(journal.toAbsolutePath().toString())
            .contains("Chronicle index")
            .contains("urne verify")
            .contains("restore the journal from a backup")
            .doesNotContain("\tat ")
            .doesNotContain("Exception");
        assertThat(message.strip().lines()).as(message).hasSizeLessThanOrEqualTo(2);

        final UrneCommand.Run verify = UrneCommand.run(directory.resolve("verify.log"), "verify", "--journal",
            journal.toString());
        assertThat(verify.exitCode()).as(verify.output()).isEqualTo(DAMAGED);
        assertThat(verify.output()).as(verify.output())
            .contains("valid records:      " + damaged.position() + " (positions 0 to " + (damaged.position() - 1) +
                ")")
            .contains("first bad record:   position " + damaged.position() + ": ")
            .contains("DAMAGED");
    }

    @Test
    void anUnusableConfigurationRefusesToStartWithTheMessageOnly() throws Exception
    {
        final Deployment deployment = Deployment.create(directory, directory.resolve("journal"), "minFreeBytes: 1000");
        try (ServerProcess refused = ServerProcess.launch(deployment, directory.resolve("refused.log")))
        {
            final int exitCode = refused.awaitExit();
            final String message = refused.output();
            assertThat(exitCode).as(message).isEqualTo(UrneCli.REFUSED);
            assertThat(message).as(message).contains("minFreeBytes must be at least")
                .doesNotContain("\tat ").doesNotContain("Exception");
        }
        assertThat(Files.exists(deployment.journal().resolve("urne.lock")))
            .as("the journal was never opened").isFalse();
    }
}
