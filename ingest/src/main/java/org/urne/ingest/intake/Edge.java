package org.urne.ingest.intake;

import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.urne.ingest.cluster.ClusterView;
import org.urne.ingest.assembly.DeviceCodes;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.metrics.IngestMetrics;
import org.urne.ingest.parse.StrictJsonParser;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.security.ClientRateLimiter;
import org.urne.ingest.security.RateLimiter;
import org.urne.ingest.security.TokenAuthenticator;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.agent.PollStates;
import org.urne.tally.agent.ReceiptIndex;
import org.urne.tally.agent.TallyAgent;
import org.urne.tally.agent.RecordPipeline;
import org.urne.tally.core.PollState;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.Sha256;
import org.urne.tally.journal.VoterKeys;

/**
 * The node's edge, as every event loop shares it: what requests are checked against (the tally agent's published
 * polls and receipts, tokens, rates, limits) and where accepted records go (the {@link TallyPipeline}). All of it
 * thread-safe and non-blocking. Built by {@code UrneServer}.
 */
public final class Edge
{
    public final UrneConfig config;
    public final TallyAgent agent;
    public final RecordPipeline pipeline;
    public final VoterKeys keys;
    public final TokenAuthenticator authenticator;
    public final RateLimiter rateLimiter;
    public final ClientRateLimiter readLimiter;
    public final IngestMetrics metrics;
    public final StrictJsonParser json;
    public final LongSupplier clockMicros;
    public final DiskFullAlarm diskFull = new DiskFullAlarm();
    /** Assemblies' members' device codes: keys, wrong attempts per client, each member's current phone. */
    public final DeviceCodes deviceCodes;
    /** The cluster this node is a member of, or null for a single server. */
    public final ClusterView cluster;
    private volatile boolean serving;

    /**
     * @param durablePosition the journal's last durable position, for the lag metric.
     */
    public Edge(final UrneConfig config, final TallyAgent agent, final RecordPipeline pipeline, final VoterKeys keys,
        final TokenAuthenticator authenticator, final LongSupplier durablePosition, final LongSupplier clockMicros)
    {
        this(config, agent, pipeline, keys, authenticator, durablePosition, clockMicros, null);
    }

    /**
     * @param durablePosition the journal's last durable position, for the lag metric.
     * @param cluster         the cluster this node is a member of, or null for a single server.
     */
    public Edge(final UrneConfig config, final TallyAgent agent, final RecordPipeline pipeline, final VoterKeys keys,
        final TokenAuthenticator authenticator, final LongSupplier durablePosition, final LongSupplier clockMicros,
        final ClusterView cluster)
    {
        this.cluster = cluster;
        this.config = config;
        this.agent = agent;
        this.pipeline = pipeline;
        this.keys = keys;
        this.authenticator = authenticator;
        this.rateLimiter = new RateLimiter(config.rateLimit(), System::nanoTime);
        this.readLimiter = new ClientRateLimiter(config.publicReads(), System::nanoTime);
        this.clockMicros = clockMicros;
        this.metrics = new IngestMetrics(agent, durablePosition, clockMicros, Path.of(config.journal().dir()), diskFull);
        this.json = new StrictJsonParser(config.limits());
        this.deviceCodes = new DeviceCodes(keys, config.publicReads().trustedProxies(), System::nanoTime);
    }

    /** The polls as the tally agent last published them. */
    public PollStates polls()
    {
        return agent.polls();
    }

    /** The receipts the tally agent has applied. */
    public ReceiptIndex receipts()
    {
        return agent.receipts();
    }

    /**
     * The poll a write is for, from the published polls: a 503 problem while the server is not ready, a 404 when no
     * such poll is defined.
     */
    public PollState pollForWrite(final String pollId)
    {
        if (!isReady())
        {
            throw notReady().toException();
        }
        final PollState poll = polls().poll(pollId);
        if (poll == null)
        {
            throw ProblemType.UNKNOWN_POLL.exception("unknown poll " + pollId);
        }
        return poll;
    }

    /**
     * A definition as the server journals it: with the SHA-256 of the poll's display-order seed, so that the seed
     * revealed at close can be checked against what was committed to before the vote.
     */
    public PollDefinition withOrderSeedDigest(final PollDefinition definition)
    {
        return definition.id() == null ? definition :
            definition.withOrderSeedSha256(Sha256.hex(Sha256.of(keys.orderSeed(definition.id()))));
    }

    /**
     * The assembly a write is for, as the tally agent last published it: a 503 problem while the server is not
     * ready, a 404 when no such assembly is defined.
     */
    public AssemblyView assemblyForWrite(final String assemblyId)
    {
        if (!isReady())
        {
            throw notReady().toException();
        }
        final AssemblyView assembly = agent.assembly(assemblyId);
        if (assembly == null)
        {
            throw ProblemType.UNKNOWN_ASSEMBLY.exception("unknown assembly " + assemblyId);
        }
        return assembly;
    }

    /** Ready: the journal is replayed and every verticle listens. */
    public boolean isReady()
    {
        return serving && agent.isCaughtUp();
    }

    public void serving(final boolean serving)
    {
        this.serving = serving;
    }

    /** The 503 a write gets while the server is not ready. */
    public Problem notReady()
    {
        return ProblemType.NOT_READY.retryAfter("the server is starting or stopping; nothing was acknowledged",
            config.limits().retryAfterSeconds());
    }
}
