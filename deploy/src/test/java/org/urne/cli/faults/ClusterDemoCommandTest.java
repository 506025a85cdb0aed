package org.urne.cli.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code urne cluster demo} as the README runs it: three members whose URLs, roles and pids it prints, with demo
 * tokens in {@code serve}'s format; {@code urne cluster status} prints the members table with those tokens; SIGTERM
 * stops every member, and everything written stays under {@code --data}.
 */
class ClusterDemoCommandTest
{
    private static final Pattern MEMBER = Pattern.compile(
        "member (\\d)\\s+(leader|follower|candidate)\\s+(http://\\S+)\\s+\\(pid (\\d+)");
    private static final Pattern OPERATOR = Pattern.compile("  operator token: (\\S+)");

    @TempDir
    Path directory;

    @Test
    void theDemoStartsThreeMembersPrintsThemAndStopsThemAllOnSigterm() throws Exception
    {
        final Path data = directory.resolve("demo");
        final Path log = directory.resolve("demo.log");
        // Below the ephemeral range (32768 and up), apart from the Aeron ports: no outgoing connection takes them.
        final int httpPort = 26_000 + ThreadLocalRandom.current().nextInt(4_000);
        final Process demo = UrneCommand.processBuilder(log, "cluster", "demo", "--data", data.toString(),
            "--http-port", Integer.toString(httpPort), "--port-base",
            Integer.toString(20_000 + 100 * ThreadLocalRandom.current().nextInt(50))).start();
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!OPERATOR.matcher(UrneCommand.output(log)).find() && demo.isAlive() &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(200);
            }
            final String output = UrneCommand.output(log);
            assertThat(output).as(output).contains("WARNING: DEMO MODE", "  platform token: ");
            final Matcher member = MEMBER.matcher(output);
            final List<Long> pids = new ArrayList<>();
            int leaders = 0;
            while (member.find())
            {
                assertThat(member.group(3))
                    .isEqualTo("http://127.0.0.1:" + (httpPort + Integer.parseInt(member.group(1))));
                leaders += member.group(2).equals("leader") ? 1 : 0;
                pids.add(Long.parseLong(member.group(4)));
            }
            assertThat(pids).as(output).hasSize(3);
            assertThat(leaders).as(output).isEqualTo(1);

            final Matcher operator = OPERATOR.matcher(output);
            assertThat(operator.find()).isTrue();
            final UrneCommand.Run status = UrneCommand.run(directory.resolve("status.log"), "cluster", "status",
                "--url", "http://127.0.0.1:" + httpPort, "--token", operator.group(1));
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output()).contains("leader", "stateHash");

            demo.destroy();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (final long pid : pids)
            {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("member pid %d after the demo's SIGTERM", pid).isFalse();
            }
            // The media drivers' directories were under --data too, deleted on the graceful stop.
            assertThat(data.resolve("node-0/archive")).isDirectory();
            assertThat(data.resolve("node-0/journal")).isDirectory();
            assertThat(data.resolve("cluster.yaml")).isRegularFile();
        }
        finally
        {
            demo.destroyForcibly();
        }
    }
}
