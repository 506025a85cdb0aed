package org.urne.tally.concurrent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WakeableIdleStrategyTest
{
    private static final long A_MINUTE = TimeUnit.MINUTES.toNanos(1);

    /**
     * The race a wake-up can be lost in: the work arrived, and its wake came, before the idle thread announced its
     * park. The check after announcing must keep it from parking (for a minute here).
     */
    @Test
    void workThatCameBeforeTheParkIsNotSleptOn()
    {
        final AtomicBoolean work = new AtomicBoolean();
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, 0, A_MINUTE, work::get);
        work.set(true);
        idle.wake();
        final long started = System.nanoTime();
        idle.idle(0);
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aWakeUnparksAParkedThread() throws Exception
    {
        final AtomicBoolean work = new AtomicBoolean();
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, 0, A_MINUTE, work::get);
        final CountDownLatch woke = new CountDownLatch(1);
        final Thread sleeper = new Thread(() ->
        {
            while (!work.get())
            {
                idle.idle(0);
            }
            woke.countDown();
        });
        sleeper.start();
        while (sleeper.getState() != Thread.State.TIMED_WAITING)
        {
            Thread.onSpinWait();
        }
        work.set(true);
        idle.wake();
        assertThat(woke.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
