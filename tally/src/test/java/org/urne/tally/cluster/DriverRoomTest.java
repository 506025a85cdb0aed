package org.urne.tally.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member whose media driver directory is too small for its term buffers refuses to start, naming the directory
 * and the room it needs, instead of dying of a SIGBUS once the buffers fill: on an 8 MB tmpfs (as a container's
 * small /dev/shm), which this test mounts (it needs root; without it the test is skipped, saying so).
 */
class DriverRoomTest
{
    @TempDir
    Path directory;

    @Test
    void aDriverDirectoryTooSmallForTheTermBuffersIsRefusedAtStart() throws Exception
    {
        final Path shm = Files.createDirectories(directory.resolve("shm"));
        final String mounted = command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", shm.toString());
        Assumptions.assumeTrue(mounted.isEmpty(), "cannot mount a tmpfs (needs root): " + mounted);
        try
        {
            final ClusterNodeContext context = new ClusterNodeContext(0, List.of("localhost"), 20_000,
                directory.resolve("node"), shm.resolve("driver"), true, TimeUnit.SECONDS.toNanos(2), 1 << 20,
                TimeUnit.SECONDS.toNanos(3), 0, 0);
            assertThatThrownBy(() -> ClusterNode.launch(context, () -> 0, Throwable::printStackTrace))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(shm.resolve("driver").toAbsolutePath().toString())
                .hasMessageContaining("needs at least 28 MB");
        }
        finally
        {
            assertThat(command("umount", shm.toString())).as("umount").isEmpty();
        }
    }

    private static String command(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? "" : output.isEmpty() ? "exit " + process.exitValue() : output;
    }
}
