package org.urne.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.UrneCli;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code urne ceiling} as {@code bench/run-ratio.sh} uses it: a process of its own that prints its URL, answers a
 * ballot 202 with a receipt-sized body naming the ballot, refuses a body that is not JSON or names no voter and
 * anything but a POST, and ends on SIGTERM.
 */
class CeilingCommandTest
{
    private static final Pattern SERVING = Pattern.compile("Ceiling is serving (http://127\\.0\\.0\\.1:\\d+) with 1 "
        + "event loops");
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void theHelpSaysWhatItIsFor()
    {
        final String usage = new CommandLine(new CeilingCommand()).getUsageMessage();

        assertThat(usage).contains("raw HTTP + JSON ceiling for load comparisons", "--port", "--event-loops");
    }

    @Test
    void aChildProcessAnswersBallotsUntilTerminated() throws Exception
    {
        final Path log = directory.resolve("ceiling.log");
        final Process process = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), UrneCli.class.getName(), "ceiling", "--port", "0",
            "--event-loops", "1"))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try
        {
            final URI url = URI.create(awaitUrl(process, log) + "/v1/polls/p1/ballots");
            final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

            final HttpResponse<String> accepted = http.send(post(url, "{\"ballotId\":\"b-1\",\"voter\":\"v-7\"," +
                "\"channel\":\"digital\",\"selections\":[3,14]}"), HttpResponse.BodyHandlers.ofString());
            final HttpResponse<String> malformed = http.send(post(url, "{\"ballotId\":"),
                HttpResponse.BodyHandlers.ofString());
            final HttpResponse<String> noVoter = http.send(post(url, "{\"ballotId\":\"b-2\",\"selections\":[3]}"),
                HttpResponse.BodyHandlers.ofString());
            final HttpResponse<String> read = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.body()).matches("\\{\"ballotId\":\"b-1\",\"receipt\":\"[0-9a-f]{32}\"," +
                "\"position\":0}");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(noVoter.statusCode()).isEqualTo(400);
            assertThat(read.statusCode()).isEqualTo(405);
            process.destroy();
            assertThat(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("ends on SIGTERM").isTrue();
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    private static HttpRequest post(final URI url, final String body)
    {
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** The URL the child prints once it serves, within {@link #LIMIT}; fails with its output if it exits first. */
    private static String awaitUrl(final Process process, final Path log) throws Exception
    {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline)
        {
            final String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            final Matcher serving = SERVING.matcher(output);
            if (serving.find())
            {
                return serving.group(1);
            }
            if (!process.isAlive())
            {
                throw new AssertionError("urne ceiling exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("urne ceiling printed no URL within " + LIMIT);
    }
}
