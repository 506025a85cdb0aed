package org.urne.cli.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code urne serve --config} in a child JVM, started the way the launcher starts it ({@link UrneCommand}),
 * with its output in a log file. The fault tests kill it with SIGKILL, stop it with SIGTERM, or watch it refuse to
 * start. Every wait is bounded by a deadline generous enough for a loaded machine.
 */
final class ServerProcess implements AutoCloseable
{
    /** The exit status of a process killed by SIGKILL (128 + 9): proof the kill was not a graceful stop. */
    static final int SIGKILL_EXIT = 137;
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Pattern SERVING = Pattern.compile("Urne is serving (http://\\S+)");

    private final Process process;
    private final Path log;
    private String url;

    private ServerProcess(final Process process, final Path log)
    {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code serve} on the deployment and returns at once; {@link #awaitReady()} waits for it. */
    static ServerProcess launch(final Deployment deployment, final Path log) throws IOException
    {
        return launch(deployment, log, Map.of());
    }

    /** As {@link #launch(Deployment, Path)}, with {@code URNE_*} overrides of the configuration in {@code env}. */
    static ServerProcess launch(final Deployment deployment, final Path log, final Map<String, String> env)
        throws IOException
    {
        final ProcessBuilder builder = UrneCommand.processBuilder(log, "serve", "--config",
            deployment.config().toString());
        builder.environment().putAll(env);
        return new ServerProcess(builder.start(), log);
    }

    /** Starts {@code serve} and waits until it answers ready. */
    static ServerProcess start(final Deployment deployment, final Path log) throws Exception
    {
        return start(deployment, log, Map.of());
    }

    /** Starts {@code serve} with {@code URNE_*} overrides and waits until it answers ready. */
    static ServerProcess start(final Deployment deployment, final Path log, final Map<String, String> env)
        throws Exception
    {
        final ServerProcess server = launch(deployment, log, env);
        try
        {
            server.awaitReady();
            return server;
        }
        catch (final Exception | Error ex)
        {
            server.close();
            throw ex;
        }
    }

    /** Waits (bounded) for the printed URL and a 200 from {@code /health/ready}; fails if the process exits. */
    void awaitReady() throws Exception
    {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        final long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
            {
                throw new AssertionError("server exited with " + process.exitValue() + " before ready:\n" + output());
            }
            if (url == null)
            {
                final Matcher serving = SERVING.matcher(output());
                url = serving.find() ? serving.group(1) : null;
            }
            if (url != null && isReady(http))
            {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("server not ready within " + START_LIMIT + ":\n" + output());
    }

    private boolean isReady(final HttpClient http) throws InterruptedException
    {
        try
        {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (final IOException notYet)
        {
            return false;
        }
    }

    /** The base URL it printed, once {@link #awaitReady()} has returned. */
    String url()
    {
        return url;
    }

    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /** Kills it with SIGKILL: no shutdown hook, no flush, no close. Checks the exit status says so. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        final int status = awaitExit();
        if (status != SIGKILL_EXIT)
        {
            throw new AssertionError("expected death by SIGKILL (" + SIGKILL_EXIT + "), got exit status " + status +
                ":\n" + output());
        }
    }

    /** Stops it with SIGTERM, the graceful way, and returns its exit status. */
    int stop() throws InterruptedException
    {
        process.destroy();
        return awaitExit();
    }

    /** Waits (bounded) for the process to end by itself and returns its exit status. */
    int awaitExit() throws InterruptedException
    {
        return UrneCommand.awaitExit(process, log);
    }

    /** Everything it printed so far. */
    String output()
    {
        return UrneCommand.output(log);
    }

    /** Kills it if it still runs, so no test leaves a server behind. */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(UrneCommand.EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
