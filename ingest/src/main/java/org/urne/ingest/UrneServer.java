package org.urne.ingest;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import org.agrona.concurrent.AgentRunner;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.config.VoterSecretLoader;
import org.urne.ingest.http.HttpVerticle;
import org.urne.ingest.http.ManagementVerticle;
import org.urne.ingest.intake.CommitmentTimer;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.PollDirectoryLoader;
import org.urne.ingest.parse.StrictJsonParser;
import org.urne.ingest.security.TokenAuthenticator;
import org.urne.tally.agent.ReadAheadRecordSource;
import org.urne.tally.agent.TallyAgent;
import org.urne.tally.agent.TallyPipeline;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Times;
import org.urne.tally.journal.ArgumentKeys;
import org.urne.tally.journal.Durability;
import org.urne.tally.journal.Journal;
import org.urne.tally.journal.JournalContext;
import org.urne.tally.journal.JournalRecord;
import org.urne.tally.journal.VerifiedRecords;
import org.urne.tally.journal.VoterKeys;

/**
 * The composition root of {@code urne serve}: opens the journal, replays it into a {@link TallyCore} owned by a
 * {@link TallyAgent} on its own thread, loads the poll directory, and serves the HTTP API from one verticle per
 * event loop. {@link #stop()} undoes it in the safe order: no new requests, then the journal acknowledges what it
 * took and closes (its writer thread runs the tally agent, so that stops it too).
 *
 * <pre>{@code
 * UrneServer server = UrneServer.start(UrneConfig.load(Path.of("urne.yaml"), System.getenv()));
 * System.out.println(server.baseUrl());
 * server.stop();
 * }</pre>
 */
public final class UrneServer implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(UrneServer.class.getName());
    private static final long START_TIMEOUT_SECONDS = 60;

    private final UrneConfig config;
    private final Journal journal;
    private final Vertx vertx;
    private final Edge edge;
    private final int port;
    private final int managementPort;
    /** Two paper tokens in demo mode, so that a sheet can be entered twice. */
    private static final int DEMO_PAPER_TOKENS = 2;

    private final Map<String, String> demoTokens;

    private UrneServer(final UrneConfig config, final Journal journal, final Vertx vertx, final Edge edge,
        final int port, final int managementPort, final Map<String, String> demoTokens)
    {
        this.managementPort = managementPort;
        this.config = config;
        this.journal = journal;
        this.vertx = vertx;
        this.edge = edge;
        this.port = port;
        this.demoTokens = demoTokens;
    }

    /** Starts a server with the process environment (for {@code URNE_VOTER_SECRET}); returns once it is ready. */
    public static UrneServer start(final UrneConfig config) throws Exception
    {
        return start(config, System.getenv());
    }

    /**
     * Starts a server; returns once the journal is replayed and every event loop listens.
     *
     * @param config the configuration.
     * @param env    the environment to read {@code URNE_VOTER_SECRET} from.
     * @throws IllegalStateException when the configuration is unsafe or conflicts with the journal.
     */
    public static UrneServer start(final UrneConfig config, final Map<String, String> env) throws Exception
    {
        final LongSupplier clockMicros = () -> Times.toMicros(Instant.now());
        final Map<String, String> demoTokens = new LinkedHashMap<>();
        final List<UrneConfig.Token> tokens = tokensOrDemo(config, demoTokens);
        final byte[] configuredSecret = VoterSecretLoader.load(config, env);
        final VoterKeys keys = new VoterKeys(secretOrDemo(configuredSecret, !demoTokens.isEmpty()));

        final Path journalDir = Path.of(config.journal().dir());
        final Replayed replayed = openAndReplay(config, journalDir, clockMicros);
        final Journal journal = replayed.journal();
        final TallyAgent agent = replayed.agent();
        Vertx vertx = null;
        try
        {
            final Journal.OpenReport report = journal.openReport();
            if (!report.blankFilesSetAside().isEmpty())
            {
                LOG.log(Level.WARNING, "journal " + journalDir + ": set aside (renamed to .blank) cycle files a " +
                    "crash left without a completed first header, holding no record: " + report.blankFilesSetAside());
            }
            if (report.cutOffBytes() > 0)
            {
                LOG.log(Level.WARNING, "journal " + journalDir + ": the newest file was cut short before the last " +
                    "record written to it (" + report.cutOffBytes() + " unreadable bytes bridged); the records " +
                    "there are lost, and appending continues after the gap");
            }
            if (report.droppedRecords() > 0)
            {
                LOG.log(Level.WARNING, "journal " + journalDir + ": dropped " + report.droppedRecords() +
                    " corrupt trailing records (" + report.droppedBytes() + " bytes) after position " +
                    (report.nextPosition() - 1) + ": what a crash leaves was never acknowledged in fsync mode; " +
                    "anything else means the disk damaged them. Appending continues at position " +
                    report.nextPosition());
            }
            // Replayed: from here on the agent applies what the writer hands it, on the writer's thread, right after
            // each sync (one thread fewer to wake per batch).
            journal.attach(agent, failure -> LOG.log(Level.ERROR, "tally agent failure", failure));

            final Edge edge = new Edge(config, agent, new TallyPipeline(journal, agent), keys,
                new TokenAuthenticator(tokens), () -> journal.nextPosition() - 1, clockMicros);
            if (config.polls().dir() != null)
            {
                final int journaled = PollDirectoryLoader.load(Path.of(config.polls().dir()), edge);
                LOG.log(Level.INFO, "poll directory " + config.polls().dir() + ": " + journaled + " new definitions");
            }

            final int eventLoops = config.http().eventLoopCount();
            vertx = vertx(config.http());
            final int port = deploy(vertx, edge, eventLoops);
            final int managementPort = deployManagement(vertx, edge);
            CommitmentTimer.start(vertx, edge);
            edge.serving(true);
            final UrneServer server = new UrneServer(config, journal, vertx, edge, port,
                managementPort, Map.copyOf(demoTokens));
            LOG.log(Level.INFO, "Urne serving " + server.baseUrl() + " (" + transport(vertx) + ") from journal " +
                journalDir.toAbsolutePath() + " at position " + agent.appliedPosition());
            if (!demoTokens.isEmpty())
            {
                System.out.println(demoBanner(demoTokens, configuredSecret == null));
            }
            return server;
        }
        catch (final Exception | Error e)
        {
            closeQuietly(vertx, journal);
            throw e;
        }
    }

    /** The journal, open, and the agent that replayed it in the journal's opening pass, its own thread ended. */
    private record Replayed(Journal journal, TallyAgent agent)
    {
    }

    /**
     * Opens the journal and replays it in the same pass: the opening pass verifies every record (checksums, the hash
     * chain, decoding), and the tally agent applies each one as it comes, on a thread of its own, instead of reading
     * them all a second time. A failure to open or to replay fails the start.
     */
    private static Replayed openAndReplay(final UrneConfig config, final Path journalDir,
        final LongSupplier clockMicros) throws InterruptedException
    {
        final ReadAheadRecordSource verified = ReadAheadRecordSource.handOff();
        final TallyAgent agent = TallyAgent.serving(new TallyCore(), verified, clockMicros,
            config.tally().publishIntervalMillis() * 1000L, config.tally().batchLimit());
        final AtomicReference<Throwable> replayFailure = new AtomicReference<>();
        final AgentRunner runner = new AgentRunner(agent.idleStrategy(), failure ->
        {
            LOG.log(Level.ERROR, "tally agent failure while replaying the journal", failure);
            replayFailure.compareAndSet(null, failure);
            // The opening pass must not wait for room in a queue nobody empties any more.
            verified.close();
        }, null, agent);
        final Journal journal;
        try
        {
            journal = Journal.open(new JournalContext().directory(journalDir)
                .durability(durability(config.journal().durability()))
                .ringCapacity(config.journal().ringCapacity())
                .minFreeBytes(config.journal().minFreeBytes())
                .clockMicros(clockMicros), new VerifiedRecords()
                {
                    @Override
                    public void expect(final long records, final ArgumentKeys keys)
                    {
                        agent.expectRecords(records);
                        agent.destroyErasedKeysIn(keys);
                        AgentRunner.startOnThread(runner);
                    }

                    @Override
                    public void accept(final JournalRecord record)
                    {
                        verified.offer(record);
                    }
                });
        }
        catch (final RuntimeException | Error e)
        {
            // The agent's replay ends with what it was handed; the start fails with the journal's own reason.
            verified.end(null);
            runner.close();
            throw e;
        }
        verified.end(null);
        try
        {
            while (!agent.isCaughtUp())
            {
                if (replayFailure.get() != null)
                {
                    throw new IllegalStateException("the tally agent failed while replaying the journal " +
                        journalDir.toAbsolutePath(), replayFailure.get());
                }
                Thread.sleep(1);
            }
            // Its own thread ends first, then the writer's thread takes the agent over.
            runner.close();
            if (agent.appliedPosition() != journal.nextPosition() - 1)
            {
                throw new IllegalStateException("the replay of journal " + journalDir.toAbsolutePath() +
                    " ended at position " + agent.appliedPosition() + ", but the journal continues at " +
                    journal.nextPosition());
            }
            return new Replayed(journal, agent);
        }
        catch (final Exception | Error e)
        {
            runner.close();
            journal.close();
            throw e;
        }
    }

    /** The port the API listens on. */
    public int port()
    {
        return port;
    }

    /** The management port ({@code /metrics} without a token), or -1 when none is configured. */
    public int managementPort()
    {
        return managementPort;
    }

    /** {@code http(s)://host:port}, without a trailing slash. */
    public String baseUrl()
    {
        return (config.http().tls().enabled() ? "https" : "http") + "://" + config.http().host() + ":" + port;
    }

    /** The tokens generated for demo mode by role ({@code operator}, {@code platform}); empty when configured. */
    public Map<String, String> demoTokens()
    {
        return demoTokens;
    }

    /** Stops serving, then lets the journal acknowledge what it took and close, which stops the tally agent too. */
    public void stop()
    {
        edge.serving(false);
        closeQuietly(vertx, journal);
    }

    @Override
    public void close()
    {
        stop();
    }

    /** The tally agent, for tests and the CLI's status output. */
    TallyAgent agent()
    {
        return edge.agent;
    }

    /** The edge every event loop shares, so tests can build the API's router as each verticle does. */
    Edge edge()
    {
        return edge;
    }

    /** The journal, so tests can close it under a running server. */
    Journal journal()
    {
        return journal;
    }

    /** The transport the HTTP event loops run on: {@code io_uring} or {@code nio}. */
    String transport()
    {
        return transport(vertx);
    }

    /**
     * The Vert.x instance a server's HTTP runs on, with one event loop per HTTP verticle: on io_uring when the
     * configuration asks for it and the kernel allows it, which cut the server's CPU per ballot by a fifth under
     * wrk (docs/load.md, "io_uring"); otherwise Vert.x runs NIO, and the log says why.
     */
    static Vertx vertx(final UrneConfig.Http http)
    {
        final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(http.eventLoopCount())
            .setPreferNativeTransport(http.prefersIoUring())
            .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)));
        if (http.prefersIoUring() && !vertx.isNativeTransportEnabled())
        {
            LOG.log(Level.WARNING, "http.transport is io_uring, which this kernel does not allow here; HTTP runs on " +
                "NIO: " + vertx.unavailableNativeTransportCause());
        }
        return vertx;
    }

    /** What {@code vertx}'s event loops run on: {@code io_uring} or {@code nio}. */
    public static String transport(final Vertx vertx)
    {
        return vertx.isNativeTransportEnabled() ? UrneConfig.Http.IO_URING : UrneConfig.Http.NIO;
    }

    static int deploy(final Vertx vertx, final Edge edge, final int instances) throws Exception
    {
        // All instances are one deployment on one port, so Vert.x shares the listening socket among event loops.
        // Port 0 is resolved first: each instance asking for port 0 would bind a different free port.
        final int port = edge.config.http().port() != 0 ? edge.config.http().port() :
            freePort(edge.config.http().host());
        vertx.deployVerticle(() -> new HttpVerticle(edge, port), new DeploymentOptions().setInstances(instances))
            .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return port;
    }

    /** The management port's server, when one is configured: its port, else -1. */
    private static int deployManagement(final Vertx vertx, final Edge edge) throws Exception
    {
        final UrneConfig.Management management = edge.config.management();
        if (management.port() == null)
        {
            return -1;
        }
        final int port = management.port() != 0 ? management.port() : freePort(management.host());
        vertx.deployVerticle(() -> new ManagementVerticle(edge, port), new DeploymentOptions())
            .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.log(Level.INFO, "management port: http://" + management.host() + ":" + port + "/metrics");
        return port;
    }

    private static int freePort(final String host) throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host)))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * The configured tokens, or demo mode's: an operator, a platform and, when a polls directory is configured, two
     * paper tokens for every stand of its polls (two, so that double entry can be tried).
     */
    private static List<UrneConfig.Token> tokensOrDemo(final UrneConfig config, final Map<String, String> demo)
        throws IOException
    {
        if (!config.security().tokens().isEmpty())
        {
            return config.security().tokens();
        }
        final List<UrneConfig.Token> tokens = new ArrayList<>();
        for (final String role : List.of("operator", "platform"))
        {
            final String token = randomToken();
            demo.put(role, token);
            tokens.add(new UrneConfig.Token("demo-" + role, role, TokenAuthenticator.sha256Hex(token), null));
        }
        final List<String> polls = config.polls().dir() == null ? List.of() :
            PollDirectoryLoader.pollIds(Path.of(config.polls().dir()), new StrictJsonParser(config.limits()));
        for (int i = 1; i <= DEMO_PAPER_TOKENS && !polls.isEmpty(); i++)
        {
            final String token = randomToken();
            demo.put("paper-" + i, token);
            tokens.add(new UrneConfig.Token("paper-" + i, "paper", TokenAuthenticator.sha256Hex(token), null, polls,
                null));
        }
        return tokens;
    }

    private static byte[] secretOrDemo(final byte[] secret, final boolean demo)
    {
        if (secret != null)
        {
            return secret;
        }
        if (!demo)
        {
            throw new IllegalStateException("no voter key secret: set security.voterSecretFile or " +
                VoterSecretLoader.ENV + " (at least " + VoterKeys.MIN_SECRET_BYTES + " bytes)");
        }
        final byte[] random = new byte[VoterKeys.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        return random;
    }

    /**
     * The warning printed in demo mode, with the tokens generated for the run (by role) and, when the voter secret is
     * random too, what that means for receipts.
     */
    public static String demoBanner(final Map<String, String> tokens, final boolean randomSecret)
    {
        final StringBuilder text = new StringBuilder()
            .append("\n*****************************************************************************\n")
            .append("WARNING: DEMO MODE. No tokens are configured, so Urne generated these for this run only.\n");
        if (randomSecret)
        {
            text.append("The voter key secret is random too: receipts and voter keys will not match after a\n")
                .append("restart.\n");
        }
        text.append("Never run a real poll like this: configure security.tokens and a voter secret.\n");
        tokens.forEach((role, token) -> text.append("  ").append(role).append(" token: ").append(token).append('\n'));
        text.append("*****************************************************************************\n");
        return text.toString();
    }

    /** A new random bearer token: 192 bits, URL-safe. */
    public static String randomToken()
    {
        final byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Durability durability(final String name)
    {
        return switch (name.toLowerCase(Locale.ROOT))
        {
            case "fsync" -> Durability.FSYNC;
            case "page-cache" -> Durability.PAGE_CACHE;
            default -> throw new IllegalArgumentException("journal.durability must be fsync or page-cache, got " +
                name);
        };
    }

    private static void closeQuietly(final Vertx vertx, final Journal journal)
    {
        if (vertx != null)
        {
            try
            {
                vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            catch (final Exception e)
            {
                LOG.log(Level.WARNING, "stopping HTTP", e);
            }
        }
        journal.close();
    }
}
