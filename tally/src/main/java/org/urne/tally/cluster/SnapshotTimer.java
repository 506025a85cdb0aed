package org.urne.tally.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Open-source Aeron Cluster takes a snapshot only when told (its control toggle, as {@code ClusterTool snapshot}
 * sets it), so the leader's node tells it every interval. Only the leader: the toggle acts cluster-wide, and a
 * follower's request would be ignored anyway.
 */
final class SnapshotTimer implements AutoCloseable
{
    private final ScheduledExecutorService timer;

    private SnapshotTimer(final ScheduledExecutorService timer)
    {
        this.timer = timer;
    }

    static SnapshotTimer start(final Aeron aeron, final TallyClusteredService service, final long intervalNs)
    {
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task ->
        {
            final Thread thread = new Thread(task, "urne-snapshot-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> request(aeron, service), intervalNs, intervalNs, TimeUnit.NANOSECONDS);
        return new SnapshotTimer(timer);
    }

    /** Sets the snapshot toggle when this member leads and the toggle is free; returns whether it did. */
    static boolean request(final Aeron aeron, final TallyClusteredService service)
    {
        if (service.role() != Cluster.Role.LEADER)
        {
            return false;
        }
        final AtomicCounter toggle = ClusterControl.findControlToggle(aeron.countersReader(), 0);
        return toggle != null && ClusterControl.ToggleState.SNAPSHOT.toggle(toggle);
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }
}
