package org.urne.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.urne.ingest.config.UrneConfig;

class ClientRateLimiterTest
{
    private static void charge(final ClientRateLimiter limiter, final String client, final int times)
    {
        for (int i = 0; i < times; i++)
        {
            limiter.charge(client);
        }
    }

    @Test
    void aClientIsRefusedOnceItsChargedAnswersPassTheBurstAndWaitingIsNotCharged()
    {
        final AtomicLong now = new AtomicLong(7_000_000_000L);
        final ClientRateLimiter limiter = new ClientRateLimiter(new UrneConfig.PublicReads(2, 4, 100, List.of()),
            now::get);
        charge(limiter, "a", 3);
        assertThat(limiter.waitSeconds("a")).as("one left in the burst").isZero();
        limiter.charge("a");
        assertThat(limiter.waitSeconds("a")).as("the burst is spent").isEqualTo(1);
        for (int i = 0; i < 100; i++)
        {
            assertThat(limiter.waitSeconds("a")).as("asking charges nothing").isEqualTo(1);
        }
        assertThat(limiter.waitSeconds("b")).as("each client has its own bucket").isZero();
        now.addAndGet(500_000_000L);
        assertThat(limiter.waitSeconds("a")).as("one interval later").isZero();
    }

    @Test
    void theTableForgetsIdleClientsAndStaysBounded()
    {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final ClientRateLimiter limiter = new ClientRateLimiter(new UrneConfig.PublicReads(10, 5, 3, List.of()),
            now::get);
        charge(limiter, "busy", 50);
        for (int client = 0; client < 1_000; client++)
        {
            limiter.charge("10.0.0." + client);
            now.addAndGet(200_000_000L);
            assertThat(limiter.trackedClients()).as("at most maxClients and the shared bucket").isLessThanOrEqualTo(4);
        }
        assertThat(limiter.trackedClients()).isGreaterThan(0);
        now.addAndGet(10_000_000_000L);
        limiter.charge("late");
        assertThat(limiter.waitSeconds("late")).isZero();
        charge(limiter, "late", 10);
        assertThat(limiter.waitSeconds("late")).as("a client tracked after a sweep is limited like any").isPositive();
    }

    @Test
    void whileTheTableIsFullOfBusyClientsNewOnesShareOneBucket()
    {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final ClientRateLimiter limiter = new ClientRateLimiter(new UrneConfig.PublicReads(1, 2, 2, List.of()),
            now::get);
        charge(limiter, "x", 5);
        charge(limiter, "y", 5);
        charge(limiter, "new-1", 3);
        assertThat(limiter.waitSeconds("new-2")).as("new-2 shares new-1's overflow bucket").isPositive();
        assertThat(limiter.trackedClients()).isEqualTo(3);
    }
}
