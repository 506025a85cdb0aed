package org.urne.ingest.intake;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest journal position acknowledged to this server. Queries to the tally agent wait for it, so a check
 * made after an acknowledgement always sees the acknowledged record (read-your-writes across event loops).
 */
public final class AckedPosition
{
    private final AtomicLong position = new AtomicLong(-1);

    public long get()
    {
        return position.get();
    }

    public void advanceTo(final long acked)
    {
        position.accumulateAndGet(acked, Math::max);
    }
}
