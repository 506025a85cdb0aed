package org.urne.ingest.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.urne.ingest.config.UrneConfig;

/**
 * The per-client limit of public reads: the generic cell rate algorithm of {@link RateLimiter} (one theoretical
 * arrival time per client, moved by compare-and-set, no lock), in two steps so that only answers that cost
 * something are counted: {@link #waitSeconds} before a request is handled (it charges nothing), {@link #charge}
 * once its answer is known not to be a 304.
 *
 * <p>The table of clients stays bounded. A client whose arrival time has passed is exactly a client never seen (its
 * bucket is full), so forgetting it changes nothing; when the table reaches {@code maxClients}, such idle clients
 * are swept out (at most once a second), and while it is still full of busy clients, new ones share one bucket.
 */
public final class ClientRateLimiter
{
    private static final double NANOS_PER_SECOND = 1e9;
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_WAIT_SECONDS = 3600;
    /** The bucket new clients share while the table is full of busy ones; no address is empty. */
    private static final String OVERFLOW = "";

    private final long intervalNanos;
    private final long toleranceNanos;
    private final int maxClients;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, AtomicLong> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    public ClientRateLimiter(final UrneConfig.PublicReads config, final LongSupplier nanoClock)
    {
        this.intervalNanos = Math.max(1, (long)(NANOS_PER_SECOND / config.requestsPerSecond()));
        this.toleranceNanos = (long)Math.min(Long.MAX_VALUE / 4.0, (double)intervalNanos * (Math.max(1, config.burst()) - 1));
        this.maxClients = Math.max(1, config.maxClients());
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong());
    }

    /** 0 when {@code client} may be answered, else the seconds to wait before it may. Charges nothing. */
    public int waitSeconds(final String client)
    {
        final AtomicLong arrival = bucket(client, false);
        if (arrival == null)
        {
            return 0;
        }
        final long ahead = arrival.get() - nanoClock.getAsLong();
        if (ahead <= toleranceNanos)
        {
            return 0;
        }
        final double waitSeconds = Math.ceil((ahead - toleranceNanos) / NANOS_PER_SECOND);
        return (int)Math.max(1, Math.min(MAX_WAIT_SECONDS, waitSeconds));
    }

    /** Counts one answer to {@code client}. */
    public void charge(final String client)
    {
        final AtomicLong arrival = bucket(client, true);
        while (true)
        {
            final long tat = arrival.get();
            final long next = Math.max(tat, nanoClock.getAsLong()) + intervalNanos;
            if (arrival.compareAndSet(tat, next))
            {
                return;
            }
        }
    }

    /** How many clients the table holds now. */
    public long trackedClients()
    {
        return arrivals.mappingCount();
    }

    private AtomicLong bucket(final String client, final boolean create)
    {
        final AtomicLong known = arrivals.get(client);
        if (known != null)
        {
            return known;
        }
        if (arrivals.mappingCount() >= maxClients)
        {
            forgetIdleClients();
        }
        final String key = arrivals.mappingCount() >= maxClients ? OVERFLOW : client;
        return create ? arrivals.computeIfAbsent(key, name -> new AtomicLong(nanoClock.getAsLong())) :
            arrivals.get(key);
    }

    private void forgetIdleClients()
    {
        final long now = nanoClock.getAsLong();
        final long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS))
        {
            return;
        }
        arrivals.values().removeIf(arrival -> arrival.get() - now <= 0);
    }
}
