package org.urne.tally.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.client.ClusterException;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.urne.tally.agent.TallyAgent;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.journal.JournalCorruptException;
import org.urne.tally.journal.JournalRecord;
import org.urne.tally.journal.JournalRecordCodec;
import org.urne.tally.journal.RecordChain;

/**
 * Urne's state machine on Aeron Cluster: every node applies the committed log, in order, to its own
 * {@link TallyCore} through a {@link TallyAgent}, exactly as a single server applies its journal. The service numbers
 * the records (0, 1, 2, ...) and times them with the cluster's timestamp, never the node's clock, guarded to never
 * step back when a new leader's clock is behind: every node computes the same positions, times and state. The
 * leader's service answers each request on egress; every node publishes polls, receipts and results for its own
 * HTTP readers, and copies the log into a journal the operator tools read.
 *
 * <p>Everything here runs on the service thread; other threads read {@link #agent()}'s published state, the role,
 * and ask for {@link #stateAt()}.
 */
public final class TallyClusteredService implements ClusteredService
{
    /** The largest record a request may carry; the HTTP edge's limits keep every record far below it. */
    static final int MAX_RECORD_BYTES = 1 << 20;

    private final TallyCore core;
    private final TallyAgent agent;
    private final JournalCopy copy;
    private final byte[] scratch = new byte[MAX_RECORD_BYTES];
    private final RecordChain chain = new RecordChain();
    private final ExpandableArrayBuffer chained = new ExpandableArrayBuffer(MAX_RECORD_BYTES);
    private final UnsafeBuffer replyBuffer = new UnsafeBuffer(new byte[ClusterMessages.REPLY_LENGTH]);
    private final ConcurrentLinkedQueue<CompletableFuture<StateAt>> stateRequests = new ConcurrentLinkedQueue<>();
    private Cluster cluster;
    private long nextPosition;
    private long lastTimeMicros;
    private StateAt lastState;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile long snapshotRecords = -1;

    /**
     * @param core  a fresh core: the log is replayed into it from its start.
     * @param agent the agent owning {@code core}, built with {@link TallyAgent#serving} on an empty source (the log
     *              brings every record); the service thread runs it.
     * @param copy  where applied records are copied for the journal tools, and snapshots read from.
     */
    TallyClusteredService(final TallyCore core, final TallyAgent agent, final JournalCopy copy)
    {
        this.core = core;
        this.agent = agent;
        this.copy = copy;
    }

    /** The agent whose published polls, receipts and results this node serves. */
    public TallyAgent agent()
    {
        return agent;
    }

    /** This node's role, as the consensus module last told the service. */
    public Cluster.Role role()
    {
        return role;
    }

    /** How many records this node's start loaded from a snapshot; -1 when it started from the log alone. */
    public long snapshotRecords()
    {
        return snapshotRecords;
    }

    /**
     * The node's last applied position and state hash there, computed on the service thread between two messages
     * (hashing walks the whole core, so it is done when asked, not after every record).
     */
    public CompletableFuture<StateAt> stateAt()
    {
        final CompletableFuture<StateAt> request = new CompletableFuture<>();
        stateRequests.add(request);
        return request;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        if (snapshotImage != null)
        {
            final LogSnapshot.Loaded loaded = LogSnapshot.load(snapshotImage, cluster.idleStrategy(),
                record -> apply(record.entry(), record.by(), null, 0, record.position(), record.timeMicros()));
            if (nextPosition != loaded.recordCount() || core.stateHash() != loaded.stateHash())
            {
                throw new ClusterException("the snapshot's " + loaded.recordCount() + " records replay to state " +
                    Long.toHexString(core.stateHash()) + " at position " + (nextPosition - 1) + ", not to the " +
                    Long.toHexString(loaded.stateHash()) + " it was taken at");
            }
            snapshotRecords = loaded.recordCount();
        }
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        final JournalRecord record;
        try
        {
            record = ClusterMessages.decodeRecord(buffer, offset, length, scratch);
        }
        catch (final JournalCorruptException ex)
        {
            // Only gateways reach ingress, and they send sound records; whatever else arrives is skipped the same way
            // on every node, unnumbered, so the state stays the same everywhere.
            return;
        }
        apply(record.entry(), record.by(), session, buffer.getLong(offset + ClusterMessages.CORRELATION_OFFSET),
            nextPosition, cluster.timeUnit().toMicros(timestamp));
    }

    /**
     * Numbers, times, chains and applies one record, answers its sender (if any), and hands it to the journal copy.
     * The chain value is computed here by the journal's own rule, so every member's agent knows it as it applies the
     * record (for seals and commitments) and every member's journal copy stores the same one.
     */
    private void apply(final JournalEntry entry, final String by, final ClientSession session,
        final long correlationId, final long position, final long clusterTimeMicros)
    {
        final long timeMicros = Math.max(lastTimeMicros, clusterTimeMicros);
        nextPosition = position + 1;
        lastTimeMicros = timeMicros;
        JournalRecordCodec.encode(entry, by, position, timeMicros, chain, chained, 0);
        agent.takeCommitted(new EgressReply(entry, by, session, correlationId, replyBuffer, cluster.idleStrategy()),
            position, timeMicros, chain.head());
        agent.doWork();
        copy.onApplied(new JournalRecord(position, timeMicros, entry, by, null));
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        copy.awaitCopied(nextPosition, cluster.idleStrategy());
        LogSnapshot.write(snapshotPublication, copy.directory(), nextPosition, lastTimeMicros, core.stateHash(),
            cluster.idleStrategy());
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
    }

    @Override
    public int doBackgroundWork(final long nowNs)
    {
        // Publishing and answering state requests read the core; neither changes it.
        int work = agent.doWork() + copy.drain();
        CompletableFuture<StateAt> request;
        while ((request = stateRequests.poll()) != null)
        {
            if (lastState == null || lastState.position() != core.lastPosition())
            {
                lastState = new StateAt(core.lastPosition(), core.stateHash());
            }
            request.complete(lastState);
            work++;
        }
        return work;
    }
}
