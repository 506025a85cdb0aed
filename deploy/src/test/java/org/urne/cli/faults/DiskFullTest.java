package org.urne.cli.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.harness.UrneClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal on a small tmpfs this test mounts (it needs root; without it the test is skipped, saying so), filled
 * by another file: first below the server's reserve, then to the last byte. {@code urne serve} must answer every
 * write 503 with {@code Retry-After} as problem+json before space runs out, acknowledge nothing it did not store,
 * stay alive (a write to a full tmpfs through Chronicle's mapped files would kill it with SIGBUS), take ballots
 * again as soon as the file is removed, and count after a restart exactly the ballots it acknowledged.
 *
 * <p>Sizes: Chronicle maps a daily file in 64 MiB chunks (83,886,080 bytes apparent, 64 MiB plus overlap) but
 * tmpfs allocates only the pages written, about 24 KiB for a new file plus ~130 bytes a ballot, so a 48 MiB tmpfs
 * holds the journal, and an 8 MiB reserve covers the 1 MiB ring plus Chronicle's per-batch overhead.
 */
class DiskFullTest
{
    private static final long TMPFS_BYTES = 48L << 20;
    private static final long MIN_FREE_BYTES = 8L << 20;
    private static final Pattern RECEIPT = Pattern.compile("\"receipt\":\"([0-9a-f]{32})\"");

    private final UrneClient api = Deployment.client();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void aNearlyFullDiskGets503sAcknowledgesNothingStaysUpAndResumesWhenSpaceIsFreed() throws Exception
    {
        final Path mount = Files.createDirectories(directory.resolve("tmpfs"));
        final String mounted = command("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_BYTES, "tmpfs", mount.toString());
        Assumptions.assumeTrue(mounted.isEmpty(), "cannot mount a tmpfs (needs root): " + mounted);
        try
        {
            run(mount);
        }
        finally
        {
            assertThat(command("umount", mount.toString())).as("umount").isEmpty();
        }
    }

    private void run(final Path mount) throws Exception
    {
        final Path journal = mount.resolve("journal");
        final Deployment deployment = Deployment.create(directory, journal, "ringCapacity: 1048576",
            "minFreeBytes: " + MIN_FREE_BYTES);
        final FileStore store = Files.getFileStore(mount);
        final Map<String, String> acked = new LinkedHashMap<>();
        final List<String> refused = new ArrayList<>();
        final Path filler = mount.resolve("filler");
        try (ServerProcess server = ServerProcess.start(deployment, directory.resolve("serve.log")))
        {
            for (int i = 0; i < 20; i++)
            {
                post(server, "before-" + i, acked);
            }
            System.out.printf("DiskFullTest: journal with %d ballots uses %d bytes of the tmpfs%n", acked.size(),
                TMPFS_BYTES - store.getUsableSpace());

            fill(filler, store.getUsableSpace() - MIN_FREE_BYTES + (2L << 20));
            assertThat(store.getUsableSpace()).isBetween(MIN_FREE_BYTES - (3L << 20), MIN_FREE_BYTES - 1);
            for (int i = 0; i < 10; i++)
            {
                refuse(server, "low-" + i, refused);
            }

            fill(filler, Long.MAX_VALUE);
            System.out.printf("DiskFullTest: filled, %d bytes free%n", store.getUsableSpace());
            assertThat(store.getUsableSpace()).isLessThan(64 * 1024);
            final ExecutorService clients = Executors.newFixedThreadPool(4);
            try
            {
                final List<Future<List<String>>> bursts = new ArrayList<>();
                for (int client = 0; client < 4; client++)
                {
                    final int c = client;
                    bursts.add(clients.submit(() ->
                    {
                        final List<String> mine = new ArrayList<>();
                        for (int i = 0; i < 25; i++)
                        {
                            refuse(server, "full-" + c + "-" + i, mine);
                        }
                        return mine;
                    }));
                }
                for (final Future<List<String>> burst : bursts)
                {
                    refused.addAll(burst.get(120, TimeUnit.SECONDS));
                }
            }
            finally
            {
                clients.shutdownNow();
            }
            assertThat(server.isAlive()).as(server.output()).isTrue();
            assertThat(api.live(server.url()).status()).isEqualTo(200);
            assertThat(api.metrics(server.url()).body()).as("the metric an operator alerts on")
                .contains("urne_journal_disk_refusing 1.0");

            Files.delete(filler);
            for (int i = 0; i < 20; i++)
            {
                post(server, "after-" + i, acked);
            }
            assertThat(api.metrics(server.url()).body()).contains("urne_journal_disk_refusing 0.0");
            assertThat(server.output()).contains("refusing writes with 503 until disk space is freed")
                .contains("the journal is taking records again");
            server.stop();
        }

        try (ServerProcess server = ServerProcess.start(deployment, directory.resolve("restart.log")))
        {
            for (final Map.Entry<String, String> ballot : acked.entrySet())
            {
                final UrneClient.Answer receipt = api.receipt(server.url(), PaperBallot.POLL, ballot.getValue());
                assertThat(receipt.body()).as(ballot.getKey()).contains("\"status\":\"counted\"");
            }
            assertThat(refused).hasSize(110);
            final String results = awaitResults(server, acked.size());
            assertThat(results).as("the journal holds the 3 poll definitions and the acknowledged ballots only")
                .contains("\"position\":" + (2 + acked.size()) + ",")
                .contains("\"ballots\":{\"paper\":" + acked.size() + ",");
            server.stop();
        }
        System.out.printf("DiskFullTest: %d ballots acknowledged and counted after a restart, %d refused with 503 " +
            "and absent from the journal%n", acked.size(), refused.size());
    }

    private void post(final ServerProcess server, final String ballotId, final Map<String, String> acked)
        throws Exception
    {
        final UrneClient.Answer answer = new PaperBallot(ballotId, "voter-" + ballotId, 1 + acked.size() % 40)
            .post(api, server.url());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        final Matcher receipt = RECEIPT.matcher(answer.body());
        assertThat(receipt.find()).as(answer.body()).isTrue();
        acked.put(ballotId, receipt.group(1));
    }

    /** Posts a ballot that must be refused. */
    private void refuse(final ServerProcess server, final String ballotId, final List<String> refused)
        throws Exception
    {
        final UrneClient.Answer answer = new PaperBallot(ballotId, "voter-" + ballotId, 7).post(api, server.url());
        assertThat(answer.status()).as("%s: %s", ballotId, answer.body()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.retryAfter()).as("Retry-After").isNotNull();
        assertThat(answer.body()).contains("disk is nearly full").contains("nothing was acknowledged");
        assertThat(server.isAlive()).isTrue();
        refused.add(ballotId);
    }

    private String awaitResults(final ServerProcess server, final int ballots) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String results = "";
        while (System.nanoTime() < deadline)
        {
            results = api.results(server.url(), PaperBallot.POLL).body();
            if (results.contains("\"ballots\":{\"paper\":" + ballots + ","))
            {
                return results;
            }
            Thread.sleep(20);
        }
        return results;
    }

    /** Writes zeros into {@code file} until it has grown by {@code bytes} or the filesystem is full. */
    private static void fill(final Path file, final long bytes) throws IOException
    {
        final byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND))
        {
            while (written < bytes)
            {
                final int length = (int)Math.min(chunk.length, bytes - written);
                out.write(chunk, 0, length);
                out.flush();
                written += length;
            }
        }
        catch (final IOException full)
        {
            if (bytes != Long.MAX_VALUE)
            {
                throw full;
            }
        }
    }

    /** Runs a command; returns its output when it failed, or "" when it succeeded. */
    private static String command(final String... command) throws Exception
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return process.exitValue() == 0 ? "" : output + " (exit " + process.exitValue() + ")";
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }
}
