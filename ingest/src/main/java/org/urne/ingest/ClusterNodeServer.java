package org.urne.ingest;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.vertx.core.Vertx;
import org.urne.ingest.cluster.ClusterView;
import org.urne.ingest.config.ClusterConfig;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.config.VoterSecretLoader;
import org.urne.ingest.intake.CommitmentTimer;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.PollDirectoryLoader;
import org.urne.ingest.security.TokenAuthenticator;
import org.urne.tally.cluster.ClusterNode;
import org.urne.tally.cluster.ClusterNodeContext;
import org.urne.tally.domain.Times;
import org.urne.tally.journal.VoterKeys;

/**
 * The composition root of {@code urne cluster node}: one member of an Urne cluster, its {@link ClusterNode} (driver,
 * archive, consensus, the tally service) and the same HTTP API as {@code urne serve}, writes going through the
 * cluster to the leader and reads served from this member's own committed state.
 */
public final class ClusterNodeServer implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(ClusterNodeServer.class.getName());
    private static final long RETRY_MILLIS = 1000;

    private final ClusterNode node;
    private final Vertx vertx;
    private final Edge edge;
    private final String url;
    private final Thread pollLoader;

    private ClusterNodeServer(final ClusterNode node, final Vertx vertx, final Edge edge, final String url,
        final Thread pollLoader)
    {
        this.node = node;
        this.vertx = vertx;
        this.edge = edge;
        this.url = url;
        this.pollLoader = pollLoader;
    }

    /**
     * Starts member {@code memberId} of the cluster {@code config} describes; returns once its HTTP API listens (a
     * leader may not be elected yet: writes wait for one, up to the answer timeout).
     *
     * @throws IllegalStateException when the configuration is unsafe (no tokens, no voter secret) or the media
     *                               driver's directory is too small.
     */
    public static ClusterNodeServer start(final ClusterConfig config, final int memberId,
        final Map<String, String> env) throws Exception
    {
        if (memberId < 0 || memberId >= config.members().size())
        {
            throw new IllegalArgumentException("--id " + memberId + " is not a member: the cluster file lists " +
                config.members().size() + " members, ids 0 to " + (config.members().size() - 1));
        }
        final ClusterConfig.Member self = config.members().get(memberId);
        final Path nodeDir = Path.of(config.dataDir(), "node-" + memberId);
        final UrneConfig nodeConfig = config.node().withHttp(self.host(), self.httpPort())
            .withJournalDir(nodeDir.resolve("journal").toString());
        if (nodeConfig.security().tokens().isEmpty())
        {
            throw new IllegalStateException("a cluster needs its tokens configured (node.security.tokens): every " +
                "member must accept the same ones. `urne cluster demo` writes a file with demo tokens");
        }
        final byte[] secret = VoterSecretLoader.load(nodeConfig, env);
        if (secret == null)
        {
            throw new IllegalStateException("a cluster needs one voter secret for all its members: set " +
                "node.security.voterSecretFile or " + VoterSecretLoader.ENV);
        }
        final LongSupplier clockMicros = () -> Times.toMicros(Instant.now());
        final List<String> hosts = new ArrayList<>();
        final List<String> urls = new ArrayList<>();
        final boolean tls = nodeConfig.http().tls().enabled();
        config.members().forEach(member ->
        {
            hosts.add(member.host());
            urls.add(member.url(tls));
        });
        final ClusterNode node = ClusterNode.launch(new ClusterNodeContext(memberId, hosts, config.portBase(), nodeDir,
            config.aeronDir() == null ? null : Path.of(config.aeronDir(), "node-" + memberId),
            config.durability().equals("fsync"), TimeUnit.MILLISECONDS.toNanos(config.failoverMillis()),
            config.termLength(), TimeUnit.MILLISECONDS.toNanos(config.effectiveAckTimeoutMillis()),
            nodeConfig.tally().publishIntervalMillis() * 1000L, TimeUnit.MINUTES.toNanos(config.snapshotMinutes())),
            clockMicros,
            failure -> LOG.log(Level.WARNING, "cluster member " + memberId + ": " + failure));
        Vertx vertx = null;
        try
        {
            final Edge edge = new Edge(nodeConfig, node.agent(), node.pipeline(), new VoterKeys(secret),
                new TokenAuthenticator(nodeConfig.security().tokens()), node.agent()::appliedPosition, clockMicros,
                new ClusterView(node, urls));
            final int eventLoops = nodeConfig.http().eventLoopCount();
            vertx = UrneServer.vertx(nodeConfig.http());
            UrneServer.deploy(vertx, edge, eventLoops);
            CommitmentTimer.start(vertx, edge);
            edge.serving(true);
            Thread pollLoader = null;
            if (nodeConfig.polls().dir() != null)
            {
                pollLoader = new Thread(() -> loadPolls(nodeConfig, edge), "urne-poll-loader");
                pollLoader.setDaemon(true);
                pollLoader.start();
            }
            final String url = urls.get(memberId);
            LOG.log(Level.INFO, "Urne cluster member " + memberId + " serving " + url + " (" +
                UrneServer.transport(vertx) + ", data " + nodeDir.toAbsolutePath() + ")");
            return new ClusterNodeServer(node, vertx, edge, url, pollLoader);
        }
        catch (final Exception | Error e)
        {
            if (vertx != null)
            {
                vertx.close();
            }
            node.close();
            throw e;
        }
    }

    /**
     * Journals the poll directory's definitions once a leader answers: in a cluster no member can wait for that at
     * start (the others may not be up yet), so it is tried until it succeeds. Every member does it; the first
     * definition counts, the others are duplicates.
     */
    private static void loadPolls(final UrneConfig config, final Edge edge)
    {
        while (edge.isReady())
        {
            try
            {
                final int journaled = PollDirectoryLoader.load(Path.of(config.polls().dir()), edge);
                LOG.log(Level.INFO, "poll directory " + config.polls().dir() + ": " + journaled + " new definitions");
                return;
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            catch (final Exception ex)
            {
                LOG.log(Level.INFO, "poll directory " + config.polls().dir() + " not loaded yet, retrying: " + ex);
                try
                {
                    Thread.sleep(RETRY_MILLIS);
                }
                catch (final InterruptedException stop)
                {
                    return;
                }
            }
        }
    }

    /** This member's HTTP base URL. */
    public String url()
    {
        return url;
    }

    /** Stops serving, then the member (its waiting requests are told to retry). */
    @Override
    public void close()
    {
        edge.serving(false);
        if (pollLoader != null)
        {
            pollLoader.interrupt();
        }
        try
        {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        catch (final Exception e)
        {
            LOG.log(Level.WARNING, "stopping HTTP", e);
        }
        node.close();
    }
}
