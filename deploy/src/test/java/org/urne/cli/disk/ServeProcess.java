package org.urne.cli.disk;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.urne.cli.UrneCli;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code urne serve --config} in a child JVM, as an operator runs it: the test JVM's classpath and JVM flags (so
 * Chronicle's analytics stay off), the distribution's logging configuration, everything it prints in a log file.
 * Killing it is SIGKILL; stopping it is SIGTERM. Every wait is bounded by a deadline generous enough for a loaded
 * machine.
 */
final class ServeProcess implements AutoCloseable
{
    static final String POLL = "clermont-2022-votation";
    static final String OPERATOR_TOKEN = "disk-faults-operator-token";
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final String url;

    private ServeProcess(final Process process, final Path log, final String url)
    {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** An HTTP answer. */
    record Answer(int status, String body, String contentType, String retryAfter)
    {
    }

    /**
     * Writes a configuration for a journal in {@code journal} with the demo polls, one known operator token and a
     * voter secret, on a free loopback port; {@code journalExtra} adds YAML lines under {@code journal:}.
     */
    static Path configure(final Path directory, final Path journal, final String... journalExtra) throws Exception
    {
        final Path secret = directory.resolve("voter-secret");
        Files.writeString(secret, "a disk fault test secret of more than thirty-two bytes");
        final StringBuilder yaml = new StringBuilder()
            .append("http:\n  host: 127.0.0.1\n  port: ").append(freePort()).append("\n  eventLoops: 2\n")
            .append("journal:\n  dir: ").append(journal.toAbsolutePath()).append('\n');
        for (final String line : journalExtra)
        {
            yaml.append("  ").append(line).append('\n');
        }
        yaml.append("polls:\n  dir: ").append(Path.of("src/dist/config/demo-polls").toAbsolutePath()).append('\n')
            .append("security:\n  voterSecretFile: ").append(secret.toAbsolutePath()).append('\n')
            .append("  tokens:\n    - {name: operators, role: operator, sha256: \"").append(sha256(OPERATOR_TOKEN))
            .append("\"}\n")
            .append("rateLimit:\n  requestsPerSecond: 100000\n  burst: 100000\n");
        final Path config = directory.resolve("urne.yaml");
        Files.writeString(config, yaml.toString());
        return config;
    }

    /** Starts {@code urne serve --config config}, appending its output to {@code log}; does not wait. */
    static ServeProcess launch(final Path config, final Path log) throws Exception
    {
        final String port = Files.readAllLines(config).stream().filter(line -> line.startsWith("  port: "))
            .findFirst().orElseThrow().substring("  port: ".length());
        return new ServeProcess(urne(log, "serve", "--config", config.toString()), log, "http://127.0.0.1:" + port);
    }

    /** Runs another {@code urne} command to its end; returns its exit code and what it printed. */
    static Run run(final Path log, final String... arguments) throws Exception
    {
        final Process process = urne(log, arguments);
        assertThat(process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("urne %s ends", List.of(arguments))
            .isTrue();
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** A finished command: its exit code and its output, standard error included. */
    record Run(int exitCode, String output)
    {
    }

    private static Process urne(final Path log, final String... arguments) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!argument.startsWith("-Xmx"))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx256m");
        command.add("-Djava.util.logging.config.file=" +
            Path.of("src/dist/config/logging.properties").toAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UrneCli.class.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Starts a server and waits until it is ready. */
    static ServeProcess start(final Path config, final Path log) throws Exception
    {
        final ServeProcess server = launch(config, log);
        server.awaitReady();
        return server;
    }

    void awaitReady() throws Exception
    {
        final long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline)
        {
            assertThat(process.isAlive()).as("the server exited early:%n%s", log()).isTrue();
            try
            {
                if (get("/health/ready").status() == 200)
                {
                    return;
                }
            }
            catch (final IOException notYet)
            {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("not ready within " + START_LIMIT + ":\n" + log());
    }

    /** Waits for a process that should refuse to start; returns its exit code. */
    int awaitExit() throws Exception
    {
        assertThat(process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS))
            .as("the server should have exited:%n%s", log()).isTrue();
        return process.exitValue();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws Exception
    {
        process.destroyForcibly();
        assertThat(process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /** SIGTERM: the graceful stop an operator does. */
    void stop() throws Exception
    {
        process.destroy();
        assertThat(process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }

    String log() throws IOException
    {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    Answer postBallot(final String ballotId, final String voter, final int item) throws Exception
    {
        return send(HttpRequest.newBuilder(URI.create(url + "/v1/polls/" + POLL + "/ballots"))
            .header("Authorization", "Bearer " + OPERATOR_TOKEN).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"ballotId\": \"" + ballotId + "\", \"voter\": \"" + voter +
                "\", \"channel\": \"paper\", \"selections\": [" + item + "]}")));
    }

    Answer get(final String path) throws Exception
    {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    private static Answer send(final HttpRequest.Builder request) throws Exception
    {
        final HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(),
            response.headers().firstValue("Content-Type").orElse(""),
            response.headers().firstValue("Retry-After").orElse(null));
    }

    @Override
    public void close() throws Exception
    {
        if (process.isAlive())
        {
            kill();
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static String sha256(final String token) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
