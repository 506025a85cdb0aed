package org.urne.ingest.intake;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the operator once when the journal starts refusing records for lack of disk space, and once when it takes
 * them again: a line per refused request would flood the log, on the disk that is already full.
 */
public final class DiskFullAlarm
{
    private static final System.Logger LOG = System.getLogger(DiskFullAlarm.class.getName());

    private final AtomicBoolean raised = new AtomicBoolean();

    void raise(final String reason)
    {
        if (!raised.get() && raised.compareAndSet(false, true))
        {
            LOG.log(Level.WARNING, "refusing writes with 503 until disk space is freed: " + reason);
        }
    }

    /** Whether writes are being refused for lack of disk space, for the metrics. */
    public boolean isRaised()
    {
        return raised.get();
    }

    /** After a record was journaled: a plain read while all is well. */
    void clear()
    {
        if (raised.get() && raised.compareAndSet(true, false))
        {
            LOG.log(Level.INFO, "the journal is taking records again");
        }
    }
}
