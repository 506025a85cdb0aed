package org.urne.tally.concurrent;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.IdleStrategy;

/**
 * An idle strategy for a thread that others hand work to: it spins, then yields, then parks for up to
 * {@code maxParkNanos}, and whoever hands it work calls {@link #wake()}, which unparks it only when it is parked.
 * A thread waiting on a back-off instead wakes on a timer: at most 100 µs cost an idle journal writer a fifth of
 * a core, and at most 1 ms put up to a millisecond on every ballot's way through an idle stage.
 *
 * <p>No wake-up is lost: before parking the idle thread announces it (a volatile write) and then checks for work
 * once more; a producer publishes its work and then reads the announcement. Whichever comes second sees the other.
 */
public final class WakeableIdleStrategy implements IdleStrategy
{
    private final int maxSpins;
    private final int maxYields;
    private final long maxParkNanos;
    private final BooleanSupplier hasWork;
    private volatile Thread owner;
    private volatile boolean parked;
    private int spins;
    private int yields;

    /**
     * @param maxSpins     busy spins before yielding.
     * @param maxYields    yields before parking.
     * @param maxParkNanos the longest park: the latency of work that arrives without a {@link #wake()}, such as a
     *                     clock-driven duty.
     * @param hasWork      whether work is waiting, checked after announcing the park; from the idle thread.
     */
    public WakeableIdleStrategy(
        final int maxSpins, final int maxYields, final long maxParkNanos, final BooleanSupplier hasWork)
    {
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.maxParkNanos = maxParkNanos;
        this.hasWork = hasWork;
    }

    /** Unparks the idle thread if it is parked; cheap otherwise (one volatile read). From any thread. */
    public void wake()
    {
        if (parked)
        {
            final Thread thread = owner;
            if (thread != null)
            {
                LockSupport.unpark(thread);
            }
        }
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (spins < maxSpins)
        {
            spins++;
            Thread.onSpinWait();
        }
        else if (yields < maxYields)
        {
            yields++;
            Thread.yield();
        }
        else
        {
            owner = Thread.currentThread();
            parked = true;
            if (!hasWork.getAsBoolean())
            {
                LockSupport.parkNanos(this, maxParkNanos);
            }
            parked = false;
        }
    }

    @Override
    public void reset()
    {
        spins = 0;
        yields = 0;
    }

    @Override
    public String alias()
    {
        return "wakeable";
    }
}
