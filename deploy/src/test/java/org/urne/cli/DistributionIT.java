package org.urne.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive an operator installs, used as an operator would: unpack it, ask for help, serve with the example
 * configuration (its placeholders filled in), post a ballot, stop with SIGTERM, replay the journal.
 */
class DistributionIT
{
    private static final String PLATFORM_TOKEN = "distribution-test-platform-token";
    private static final String OPERATOR_TOKEN = "distribution-test-operator-token";
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    @Test
    void theArchiveInstallsServesStopsAndReplays() throws Exception
    {
        final Path home = unpack(Path.of(System.getProperty("urne.archive")));
        final Path urne = home.resolve("bin/urne");
        assertThat(Files.isExecutable(urne)).isTrue();
        assertThat(home.resolve("docs/api.md")).as("the API contract ships with the archive").isRegularFile();
        assertThat(home.resolve("docs/openapi.json")).as("and its OpenAPI document").isRegularFile();

        final Run help = run(List.of(urne.toString(), "--help"), Map.of());
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("serve", "replay", "verify", "export", "simulate");

        final Path journal = directory.resolve("journal");
        final Path secret = directory.resolve("voter-secret");
        Files.writeString(secret, "a distribution test secret of more than thirty-two bytes");
        final Path config = directory.resolve("urne.yaml");
        Files.writeString(config, Files.readString(home.resolve("config/urne.example.yaml"))
            .replace("REPLACE-WITH-SHA256-OF-THE-PLATFORM-TOKEN", sha256(PLATFORM_TOKEN))
            .replace("REPLACE-WITH-SHA256-OF-THE-OPERATOR-TOKEN", sha256(OPERATOR_TOKEN)));
        final int port = freePort();
        final Map<String, String> env = Map.of(
            "URNE_HTTP_PORT", String.valueOf(port),
            "URNE_JOURNAL_DIR", journal.toString(),
            "URNE_POLLS_DIR", home.resolve("config/demo-polls").toString(),
            "URNE_VOTER_SECRET_FILE", secret.toString());
        final Path serveLog = directory.resolve("serve.log");
        final ProcessBuilder serve = new ProcessBuilder(urne.toString(), "serve", "--config", config.toString())
            .redirectErrorStream(true).redirectOutput(serveLog.toFile());
        serve.environment().putAll(env);
        final Process server = serve.start();
        try
        {
            final String url = "http://127.0.0.1:" + port;
            awaitReady(url, server, serveLog);
            assertThat(server.info().arguments().map(List::of).orElseThrow())
                .as("the launched server JVM's arguments: Chronicle must not call home")
                .contains("-Dchronicle.analytics.disable=true");
            final HttpResponse<String> ballot = http().send(HttpRequest.newBuilder(
                    URI.create(url + "/v1/polls/clermont-2022-votation/ballots"))
                .header("Authorization", "Bearer " + PLATFORM_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"ballotId\": \"dist-1\", \"voter\": \"u-1\", \"selections\": [14, 21]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ballot.statusCode()).as(ballot.body()).isEqualTo(202);
        }
        finally
        {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(serveLog)).doesNotContain("SEVERE").doesNotContain("Exception");

        final Run replay = run(List.of(urne.toString(), "replay", "-j", journal.toString(), "--format", "csv",
            "--poll", "clermont-2022-votation"), Map.of());
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("1,14,Végétalisation des espaces publics du centre-ville,0,1,1")
            .contains("1,21,Sécuriser les pistes cyclables,0,1,1");
        final Run verify = run(List.of(urne.toString(), "verify", "-j", journal.toString()), Map.of());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    private Path unpack(final Path archive) throws Exception
    {
        assertThat(archive).exists();
        final Run tar = run(List.of("tar", "xzf", archive.toString(), "-C", directory.toString()), Map.of());
        assertThat(tar.exitCode()).as(tar.output()).isZero();
        try (var entries = Files.list(directory))
        {
            return entries.filter(p -> p.getFileName().toString().startsWith("urne-")).findFirst().orElseThrow();
        }
    }

    private static void awaitReady(final String url, final Process server, final Path log) throws Exception
    {
        final long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline)
        {
            assertThat(server.isAlive()).as("server exited early:%n%s", Files.readString(log)).isTrue();
            try
            {
                if (http().send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200)
                {
                    return;
                }
            }
            catch (final IOException notYet)
            {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("not ready within " + START_LIMIT + ":\n" + Files.readString(log));
    }

    private record Run(int exitCode, String output)
    {
    }

    private static Run run(final List<String> command, final Map<String, String> env) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static HttpClient http()
    {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
            .build();
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static String sha256(final String token) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
