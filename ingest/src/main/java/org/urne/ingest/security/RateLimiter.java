package org.urne.ingest.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.urne.ingest.config.UrneConfig;

/**
 * One token bucket per caller: {@code burst} requests at once, refilled at {@code requestsPerSecond}. Buckets are
 * touched by every event loop, so each is a tiny monitor; the critical section is a few arithmetic operations.
 */
public final class RateLimiter
{
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(final UrneConfig.RateLimit config, final LongSupplier nanoClock)
    {
        this.perNano = config.requestsPerSecond() / 1e9;
        this.burst = Math.max(1, config.burst());
        this.nanoClock = nanoClock;
    }

    /** 0 when the caller may go on, else the seconds to wait before a request would be allowed. */
    public int acquire(final String caller)
    {
        final Bucket bucket = buckets.computeIfAbsent(caller, name -> new Bucket(burst, nanoClock.getAsLong()));
        synchronized (bucket)
        {
            final long now = nanoClock.getAsLong();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedNanos) * perNano);
            bucket.updatedNanos = now;
            if (bucket.tokens >= 1)
            {
                bucket.tokens -= 1;
                return 0;
            }
            final double waitNanos = (1 - bucket.tokens) / perNano;
            return (int)Math.max(1, Math.min(3600, Math.ceil(waitNanos / 1e9)));
        }
    }

    private static final class Bucket
    {
        private double tokens;
        private long updatedNanos;

        private Bucket(final double tokens, final long updatedNanos)
        {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }
}
