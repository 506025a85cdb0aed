package org.urne.cli.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.urne.cli.harness.UrneClient;
import org.urne.ingest.config.ClusterConfig;
import org.urne.ingest.config.UrneConfig;
import org.urne.tally.journal.VoterKeys;

/**
 * Three {@code urne cluster node} processes on loopback, as an operator would run them: one cluster file (the fault
 * tests' tokens and secret, the demo polls, fsync durability, a 2-second failover), each member's data under one
 * directory, each start's output in a log of its own. Members are killed with SIGKILL, stopped with SIGTERM, wiped
 * and started again; the members table comes from {@code GET /v1/cluster}.
 */
final class ClusterDeployment implements AutoCloseable
{
    static final int MEMBERS = 3;
    static final long FAILOVER_MILLIS = 2000;
    private static final Duration CLUSTER_CALL_LIMIT = Duration.ofSeconds(10);
    private static final int REPORT_LINES = 40;
    private static final int HTTP_PORT_OFFSET = 80;

    private final Deployment setup;
    private final Path directory;
    private final Path file;
    private final ClusterConfig config;
    private final Process[] members = new Process[MEMBERS];
    private final Path[] logs = new Path[MEMBERS];
    private final boolean[] started = new boolean[MEMBERS];
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int starts;

    private ClusterDeployment(final Deployment setup, final Path directory, final Path file,
        final ClusterConfig config)
    {
        this.setup = setup;
        this.directory = directory;
        this.file = file;
        this.config = config;
    }

    /** Writes the cluster file under {@code directory}, on free loopback ports; starts nothing. */
    static ClusterDeployment create(final Path directory) throws IOException
    {
        final Deployment setup = Deployment.create(directory.resolve("setup"));
        final UrneConfig node = UrneConfig.load(setup.config(), Map.of());
        // Every port below the ephemeral range (32768 and up on Linux), so that no client's outgoing connection or
        // Aeron's own ephemeral endpoints take one between this choice and a member's (re)start: a random base, 100
        // ports a member, Aeron's UDP at +1..5 and the member's HTTP at +80, checked free now.
        int portBase;
        do
        {
            portBase = 20_000 + 100 * ThreadLocalRandom.current().nextInt(100);
        }
        while (!tcpPortsFree(portBase));
        final List<ClusterConfig.Member> members = new ArrayList<>();
        for (int id = 0; id < MEMBERS; id++)
        {
            members.add(new ClusterConfig.Member("127.0.0.1", portBase + 100 * id + HTTP_PORT_OFFSET));
        }
        final ClusterConfig config = new ClusterConfig(members, portBase, "fsync", FAILOVER_MILLIS, 1 << 20, 0,
            directory.resolve("data").toAbsolutePath().toString(), null, 0, node);
        final Path file = directory.resolve("cluster.yaml");
        config.write(file);
        return new ClusterDeployment(setup, directory, file, config);
    }

    /** Starts member {@code id}'s process (it serves HTTP within seconds; a leader may take longer). */
    void start(final int id) throws IOException
    {
        logs[id] = directory.resolve("member-" + id + "-" + (starts++) + ".log");
        members[id] = UrneCommand.processBuilder(logs[id], "cluster", "node", "--config", file.toString(), "--id",
            Integer.toString(id)).start();
        started[id] = true;
    }

    /** SIGKILL: the member dies mid-whatever, as in a power cut of its machine (its disk keeps what it synced). */
    void kill(final int id) throws InterruptedException
    {
        started[id] = false;
        members[id].destroyForcibly();
        if (!members[id].waitFor(UrneCommand.EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS))
        {
            throw new AssertionError("member " + id + " did not die of SIGKILL");
        }
    }

    /** Deletes everything member {@code id} wrote: a disk lost. The member must be down. */
    void wipe(final int id) throws IOException
    {
        if (members[id] != null && members[id].isAlive())
        {
            throw new IllegalStateException("member " + id + " is running");
        }
        final Path data = memberDirectory(id);
        if (Files.exists(data))
        {
            try (Stream<Path> files = Files.walk(data))
            {
                for (final Path path : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(path);
                }
            }
        }
    }

    boolean isRunning(final int id)
    {
        return members[id] != null && members[id].isAlive();
    }

    String url(final int id)
    {
        return config.members().get(id).url(false);
    }

    List<String> urls()
    {
        final List<String> urls = new ArrayList<>();
        for (int id = 0; id < MEMBERS; id++)
        {
            urls.add(url(id));
        }
        return urls;
    }

    /** Member {@code id}'s copy of the log, which {@code urne replay} reads. */
    Path journal(final int id)
    {
        return memberDirectory(id).resolve("journal");
    }

    VoterKeys keys()
    {
        return setup.keys();
    }

    /** A client of every member, with the tests' tokens and a request timeout well above a failover. */
    UrneClient client()
    {
        return new UrneClient(urls(), Deployment.PLATFORM_TOKEN, Deployment.OPERATOR_TOKEN, Duration.ofSeconds(15));
    }

    /** {@code GET /v1/cluster} of member {@code id}; null when it does not answer 200. */
    JsonNode table(final int id) throws InterruptedException
    {
        try
        {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(id) + "/v1/cluster"))
                .header("Authorization", "Bearer " + Deployment.OPERATOR_TOKEN).timeout(CLUSTER_CALL_LIMIT).build(),
                HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? UrneClient.JSON.readTree(response.body()) : null;
        }
        catch (final IOException noAnswer)
        {
            return null;
        }
    }

    /** The leader's id, as a running member's table says it, waiting up to {@code limit}. */
    int awaitLeader(final Duration limit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline)
        {
            requireStartedAlive();
            for (int id = 0; id < MEMBERS; id++)
            {
                final JsonNode table = isRunning(id) ? table(id) : null;
                if (table != null)
                {
                    for (final JsonNode member : table.path("members"))
                    {
                        if ("leader".equals(member.path("role").asText()))
                        {
                            return member.path("id").asInt();
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no leader within " + limit.toSeconds() + " s");
    }

    /**
     * Waits until every running member answers with the same position, at least {@code atLeast}, and the same state
     * hash there; returns that member line. No write may be in flight.
     */
    JsonNode awaitConverged(final long atLeast, final Duration limit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        String last = "no table";
        while (System.nanoTime() < deadline)
        {
            requireStartedAlive();
            final JsonNode table = table(firstRunning());
            if (table != null)
            {
                last = table.toString();
                JsonNode agreed = null;
                boolean converged = true;
                for (final JsonNode member : table.path("members"))
                {
                    if (!isRunning(member.path("id").asInt()))
                    {
                        continue;
                    }
                    converged &= !member.path("position").isNull() && member.path("position").asLong() >= atLeast &&
                        (agreed == null || agreed.path("position").asLong() == member.path("position").asLong() &&
                        agreed.path("stateHash").asText().equals(member.path("stateHash").asText()));
                    agreed = agreed == null ? member : agreed;
                }
                if (converged && agreed != null)
                {
                    return agreed;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the members did not converge within " + limit.toSeconds() + " s: " + last);
    }

    /** Each member's state and the end of its latest log: what a failed check reports (the directory goes). */
    String report()
    {
        final StringBuilder text = new StringBuilder();
        for (int id = 0; id < MEMBERS; id++)
        {
            text.append("\n--- member ").append(id).append(isRunning(id) ? " (running)" : members[id] == null ?
                " (never started)" : " (exited " + members[id].exitValue() + ")").append(", ").append(logs[id])
                .append(":\n");
            if (logs[id] != null)
            {
                final String[] lines = UrneCommand.output(logs[id]).split("\n");
                for (int i = Math.max(0, lines.length - REPORT_LINES); i < lines.length; i++)
                {
                    text.append(lines[i]).append('\n');
                }
            }
        }
        return text.toString();
    }

    /** Kills every member still running. */
    @Override
    public void close()
    {
        for (final Process member : members)
        {
            if (member != null)
            {
                member.destroyForcibly();
            }
        }
    }

    /** Fails when a member this deployment started (and did not kill) has exited on its own. */
    private void requireStartedAlive()
    {
        for (int id = 0; id < MEMBERS; id++)
        {
            if (started[id] && !members[id].isAlive())
            {
                throw new AssertionError("member " + id + " exited on its own (status " + members[id].exitValue() +
                    ")");
            }
        }
    }

    private int firstRunning()
    {
        for (int id = 0; id < MEMBERS; id++)
        {
            if (isRunning(id))
            {
                return id;
            }
        }
        throw new IllegalStateException("no member is running");
    }

    private Path memberDirectory(final int id)
    {
        return Path.of(config.dataDir(), "node-" + id);
    }

    private static boolean tcpPortsFree(final int portBase)
    {
        for (int id = 0; id < MEMBERS; id++)
        {
            try (ServerSocket socket = new ServerSocket(portBase + 100 * id + HTTP_PORT_OFFSET, 1,
                InetAddress.getLoopbackAddress()))
            {
                socket.setReuseAddress(true);
            }
            catch (final IOException taken)
            {
                return false;
            }
        }
        return true;
    }
}
