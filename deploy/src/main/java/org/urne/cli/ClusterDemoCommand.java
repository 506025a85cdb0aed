package org.urne.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.urne.ingest.UrneServer;
import org.urne.ingest.config.ClusterConfig;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.security.TokenAuthenticator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code urne cluster demo}: a 3-member cluster on this machine, everything it writes under {@code --data} (Aeron's
 * directories included), fsync durability, a 2-second failover. It prints each member's URL and role and the demo
 * tokens, and stops every member on SIGTERM or Ctrl-C. Kill the leader with {@code kill -9} to watch failover.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Start a 3-member Urne cluster on this machine (demo polls, demo tokens printed), all data under",
        "--data. Stops every member on SIGTERM or Ctrl-C."})
final class ClusterDemoCommand implements Callable<Integer>
{
    private static final int MEMBERS = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ALL_UP_GRACE = Duration.ofSeconds(30);
    private static final String NODE_HEAP = "-Xmx384m";

    @Option(names = "--data", defaultValue = "urne-cluster", paramLabel = "DIR",
        description = "Where every member keeps its data, logs and Aeron directories. Default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--http-port", defaultValue = "8081", paramLabel = "PORT",
        description = "The first member's HTTP port; the others follow. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--port-base", defaultValue = "9000", paramLabel = "PORT",
        description = "The first Aeron UDP port (member N: PORT + 100 N + 1..5). Default: ${DEFAULT-VALUE}.")
    int portBase;

    @Override
    public Integer call() throws Exception
    {
        Files.createDirectories(data);
        final Map<String, String> tokens = new LinkedHashMap<>();
        final Path file = writeConfig(tokens);
        final List<Process> members = new ArrayList<>();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            stop(members);
            stopped.countDown();
        }, "urne-cluster-demo-shutdown"));
        for (int id = 0; id < MEMBERS; id++)
        {
            members.add(startMember(file, id));
        }
        final ClusterConfig config = ClusterConfig.load(file, Map.of());
        final JsonNode cluster = awaitLeader(config, tokens.get("operator"), members);
        System.out.printf("%nUrne cluster demo: %d members, data under %s%n", MEMBERS, data.toAbsolutePath());
        for (final JsonNode member : cluster.path("members"))
        {
            System.out.printf("  member %s  %-9s %s  (pid %s, log %s)%n", member.path("id").asText(),
                member.path("role").asText(), member.path("url").asText(), member.path("pid").asText(),
                data.resolve("node-" + member.path("id").asText() + ".log"));
        }
        System.out.printf("Results page on any member (e.g. %s/); members table: urne cluster status --url %s " +
            "--token <operator token>%nWatch failover: kill -9 the leader's pid, then run status again. " +
            "Stop with Ctrl-C.%n", config.members().get(0).url(false), config.members().get(0).url(false));
        System.out.println(UrneServer.demoBanner(tokens, false));
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The cluster file, new tokens at each start (only their hashes are written) and a voter secret kept between
     * starts so that revotes and receipts still match.
     */
    private Path writeConfig(final Map<String, String> tokens) throws IOException
    {
        final Path secret = ServeCommand.demoSecret(data);
        final List<UrneConfig.Token> configured = new ArrayList<>();
        for (final String role : List.of("operator", "platform"))
        {
            final String token = UrneServer.randomToken();
            tokens.put(role, token);
            configured.add(new UrneConfig.Token("demo-" + role, role, TokenAuthenticator.sha256Hex(token), null));
        }
        final Path polls = ServeCommand.demoPolls();
        UrneConfig node = UrneConfig.defaults().withSecurity(new UrneConfig.Security(
            secret.toAbsolutePath().toString(), configured));
        if (polls != null)
        {
            node = node.withPollsDir(polls.toAbsolutePath().toString());
        }
        final List<ClusterConfig.Member> members = new ArrayList<>();
        for (int id = 0; id < MEMBERS; id++)
        {
            members.add(new ClusterConfig.Member("127.0.0.1", httpPort + id));
        }
        // A 1 MB term keeps the three drivers small; fsync even on one machine: one power cut takes all three.
        final ClusterConfig config = new ClusterConfig(members, portBase, "fsync", 2000, 1 << 20, 0,
            data.toAbsolutePath().toString(), null, 5, node);
        final Path file = data.resolve("cluster.yaml");
        config.write(file);
        return file;
    }

    /** A member in its own JVM, with this JVM's flags and class path, its output in {@code node-N.log}. */
    private Process startMember(final Path file, final int id) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add(NODE_HEAP);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UrneCli.class.getName());
        command.addAll(List.of("cluster", "node", "--config", file.toString(), "--id", Integer.toString(id)));
        final Path log = data.resolve("node-" + id + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Waits until a member's {@code /v1/cluster} names a leader and every member answers (or, near the start
     * limit, a leader alone); returns that table.
     */
    private static JsonNode awaitLeader(final ClusterConfig config, final String operatorToken,
        final List<Process> members) throws Exception
    {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        final ObjectMapper json = new ObjectMapper();
        while (System.nanoTime() < deadline)
        {
            for (final Process member : members)
            {
                if (!member.isAlive())
                {
                    throw new IllegalStateException("a member stopped while the cluster started (exit " +
                        member.exitValue() + "): see its node-N.log");
                }
            }
            try
            {
                final HttpResponse<String> response =
                    ClusterStatusCommand.fetch(config.members().get(0).url(false), operatorToken);
                if (response.statusCode() == 200)
                {
                    final JsonNode cluster = json.readTree(response.body());
                    boolean leader = false;
                    boolean allUp = true;
                    for (final JsonNode member : cluster.path("members"))
                    {
                        leader |= "leader".equals(member.path("role").asText());
                        allUp &= !"unreachable".equals(member.path("role").asText());
                    }
                    if (leader && (allUp || System.nanoTime() > deadline - ALL_UP_GRACE.toNanos()))
                    {
                        return cluster;
                    }
                }
            }
            catch (final IOException notYet)
            {
                // The first member is not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no leader was elected within " + START_TIMEOUT.toSeconds() + " s: see the " +
            "members' node-N.log files");
    }

    private static void stop(final List<Process> members)
    {
        members.forEach(Process::destroy);
        for (final Process member : members)
        {
            try
            {
                if (!member.waitFor(30, TimeUnit.SECONDS))
                {
                    member.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                member.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
