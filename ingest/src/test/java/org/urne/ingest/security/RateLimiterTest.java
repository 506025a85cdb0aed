package org.urne.ingest.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.urne.ingest.config.UrneConfig;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest
{
    @Test
    void aBurstPassesThenTheRateRules()
    {
        final AtomicLong now = new AtomicLong(5_000_000_000L);
        final RateLimiter limiter = new RateLimiter(new UrneConfig.RateLimit(10, 3), now::get);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        assertThat(limiter.acquire("b")).as("each caller has its own bucket").isZero();
        now.addAndGet(100_000_000L);
        assertThat(limiter.acquire("a")).as("one interval later, one more").isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        now.addAndGet(10_000_000_000L);
        for (int i = 0; i < 3; i++)
        {
            assertThat(limiter.acquire("a")).as("a quiet spell refills the burst, no more").isZero();
        }
        assertThat(limiter.acquire("a")).isEqualTo(1);
    }

    @Test
    void theWaitIsRoundedUpToWholeSeconds()
    {
        final AtomicLong now = new AtomicLong();
        final RateLimiter limiter = new RateLimiter(new UrneConfig.RateLimit(0.1, 1), now::get);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(10);
        now.addAndGet(9_500_000_000L);
        assertThat(limiter.acquire("a")).isEqualTo(1);
    }

    @Test
    void threadsRacingForOneBucketNeverGetMoreThanTheBurst() throws Exception
    {
        final RateLimiter limiter = new RateLimiter(new UrneConfig.RateLimit(1e-6, 1_000), () -> 0L);
        final AtomicInteger allowed = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            final Thread thread = new Thread(() ->
            {
                for (int i = 0; i < 5_000; i++)
                {
                    if (limiter.acquire("platform") == 0)
                    {
                        allowed.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertThat(allowed.get()).isEqualTo(1_000);
    }
}
