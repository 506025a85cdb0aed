package org.urne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.UrneServer;
import org.urne.ingest.config.UrneConfig;

/**
 * The newcomer's loop: a server with the demo polls, {@code simulate} posting ballots of every kind (paper, retries,
 * revotes), then {@code replay} of the journal after the server stopped: the recount is the server's results, byte
 * for byte, for every poll.
 */
class ServeSimulateReplayTest
{
    private static final List<String> POLLS =
        List.of("clermont-2022-votation", "clermont-2022-consultation", "clermont-2022-jugement");

    @TempDir
    Path directory;

    /** Journals one more ballot: every simulated one lies before the position it gets. */
    private static long lastPosition(final HttpClient http, final UrneServer server) throws Exception
    {
        final String answer = http.send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/v1/polls/clermont-2022-votation/ballots"))
            .header("Authorization", "Bearer " + server.demoTokens().get("operator"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"ballotId\": \"last\", \"voter\": \"last\", \"selections\": [1]}"))
            .build(), HttpResponse.BodyHandlers.ofString()).body();
        final Matcher position = Pattern.compile("\"position\":(\\d+)").matcher(answer);
        assertThat(position.find()).as(answer).isTrue();
        return Long.parseLong(position.group(1));
    }

    /** Waits (bounded) until the published results reflect the journal up to {@code position}. */
    private static void awaitPublished(final HttpClient http, final UrneServer server, final long position)
        throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline)
        {
            final String etag = http.send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/v1/polls/clermont-2022-votation/results")).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElse("\"-1\"");
            if (Long.parseLong(etag.replace("\"", "")) >= position)
            {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("results never reached position " + position);
    }

    @Test
    void replayAfterStopRecountsWhatTheServerPublished() throws Exception
    {
        final Path journal = directory.resolve("journal");
        final UrneConfig config = UrneConfig.defaults().withPort(0).withJournalDir(journal.toString())
            .withPollsDir(Path.of("src/dist", ServeCommand.DEMO_POLLS).toString());
        final Map<String, String> published = new LinkedHashMap<>();
        try (UrneServer server = UrneServer.start(config, Map.of()))
        {
            final CliRun simulate = CliRun.of("simulate", "--url", server.baseUrl(), "--token",
                server.demoTokens().get("operator"), "--count", "300", "--rate", "500", "--voters", "60",
                "--paper", "0.3", "--retry", "0.2", "--proposals", "0.1", "--seed", "2022");
            assertThat(simulate.exitCode()).as(simulate.out() + simulate.err()).isZero();
            assertThat(simulate.out()).contains("Sent 300 ballots").doesNotContain("0=")
                .as("citizens' proposals to the consultation, voted on after").contains("Answers by status: {201=");
            final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            awaitPublished(http, server, lastPosition(http, server));
            for (final String poll : POLLS)
            {
                published.put(poll, http.send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/v1/polls/" + poll + "/results.csv")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            }
        }
        for (final String poll : POLLS)
        {
            final CliRun replay = CliRun.of("replay", "-j", journal.toString(), "--poll", poll, "--format", "csv");
            assertThat(replay.out()).as(poll).isEqualTo(published.get(poll));
        }
        assertThat(published.get("clermont-2022-votation").lines().skip(1).mapToLong(
            line -> Long.parseLong(line.substring(line.lastIndexOf(',') + 1))).sum()).isPositive();
    }
}
