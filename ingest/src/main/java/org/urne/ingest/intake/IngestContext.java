package org.urne.ingest.intake;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.metrics.IngestMetrics;
import org.urne.ingest.parse.StrictJsonParser;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.security.RateLimiter;
import org.urne.ingest.security.TokenAuthenticator;
import org.urne.tally.agent.TallyAgent;
import org.urne.tally.domain.Key128;
import org.urne.tally.journal.VoterKeys;

/**
 * What every HTTP verticle instance shares: all of it thread-safe, none of it blocking. Built by {@link UrneServer}.
 */
public final class IngestContext
{
    public final UrneConfig config;
    public final TallyAgent agent;
    final EntryAppender journal;
    final VoterKeys keys;
    public final TokenAuthenticator authenticator;
    public final RateLimiter rateLimiter;
    public final IngestMetrics metrics;
    final AckedPosition acked;
    public final StrictJsonParser json;
    public final LongSupplier clockMicros;
    final DiskFullAlarm diskFull = new DiskFullAlarm();
    /** Ballots being journaled, by receipt: a concurrent retry waits for the first attempt instead of racing it. */
    final ConcurrentHashMap<Key128, CompletableFuture<Void>> ballotsInFlight = new ConcurrentHashMap<>();
    private volatile boolean serving;

    public IngestContext(final UrneConfig config, final TallyAgent agent, final EntryAppender journal, final VoterKeys keys,
        final TokenAuthenticator authenticator, final AckedPosition acked, final LongSupplier clockMicros)
    {
        this.config = config;
        this.agent = agent;
        this.journal = journal;
        this.keys = keys;
        this.authenticator = authenticator;
        this.rateLimiter = new RateLimiter(config.rateLimit(), System::nanoTime);
        this.acked = acked;
        this.clockMicros = clockMicros;
        this.metrics = new IngestMetrics(agent, acked, clockMicros, Path.of(config.journal().dir()), diskFull);
        this.json = new StrictJsonParser(config.limits());
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
        return Problem.retryLater(503, "the server is starting or stopping; nothing was acknowledged",
            config.limits().retryAfterSeconds());
    }
}
