package org.urne.ingest.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.urne.ingest.config.UrneConfig;

/**
 * One token bucket per caller, {@code burst} requests at once, refilled at {@code requestsPerSecond}, kept without
 * a lock as the generic cell rate algorithm: each caller has one number, the theoretical arrival time (TAT) of its
 * next request; a request is allowed when the TAT is at most {@code burst} intervals ahead of now, and moves it one
 * interval further, by compare-and-set. Every event loop serves the platform's one token, so a monitor per bucket
 * had them queue behind each other on every ballot.
 */
public final class RateLimiter
{
    private static final double NANOS_PER_SECOND = 1e9;
    private static final int MAX_WAIT_SECONDS = 3600;

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, AtomicLong> arrivals = new ConcurrentHashMap<>();

    public RateLimiter(final UrneConfig.RateLimit config, final LongSupplier nanoClock)
    {
        this.intervalNanos = Math.max(1, (long)(NANOS_PER_SECOND / config.requestsPerSecond()));
        // Clamped so a slow rate with a huge burst cannot overflow the arithmetic below.
        this.toleranceNanos = (long)Math.min(Long.MAX_VALUE / 4.0, (double)intervalNanos * (Math.max(1, config.burst()) - 1));
        this.nanoClock = nanoClock;
    }

    /** 0 when the caller may go on, else the seconds to wait before a request would be allowed. */
    public int acquire(final String caller)
    {
        final AtomicLong arrival = arrivals.computeIfAbsent(caller, name -> new AtomicLong(nanoClock.getAsLong()));
        while (true)
        {
            final long now = nanoClock.getAsLong();
            final long tat = arrival.get();
            final long start = Math.max(tat, now);
            final long ahead = start - now;
            if (ahead > toleranceNanos)
            {
                final double waitSeconds = Math.ceil((ahead - toleranceNanos) / NANOS_PER_SECOND);
                return (int)Math.max(1, Math.min(MAX_WAIT_SECONDS, waitSeconds));
            }
            if (arrival.compareAndSet(tat, start + intervalNanos))
            {
                return 0;
            }
        }
    }
}
