package org.urne.tally.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.urne.tally.agent.Applied;
import org.urne.tally.agent.RecordPipeline;
import org.urne.tally.agent.Submission;

/**
 * A node's way into the cluster for what its HTTP edge takes: one thread owning one {@link AeronCluster} client
 * (not thread-safe, and it follows a new leader only while it polls egress). It sends each record with a correlation
 * id and keeps it until the leader's service answers; it sends everything unanswered again when a new leader is
 * elected, when the connection is made anew, and every {@code resendIntervalNs} (the core's receipts make a
 * resent ballot count once). A submitter is answered once this node's own service has applied the record too, so a
 * client that reads here right after its 202 sees its receipt. A record unanswered after {@code ackTimeoutNs} is
 * refused with {@link ClusterUnavailableException} (a 503: retry with the same ballot id).
 */
public final class ClusterIngressAgent implements Agent, RecordPipeline, EgressListener
{
    private static final int QUEUE_CAPACITY = 64 * 1024;
    private static final long KEEP_ALIVE_INTERVAL_NS = 1_000_000_000L;
    private static final long CONNECT_REPORT_INTERVAL_NS = 10_000_000_000L;
    private static final long SWEEP_INTERVAL_NS = 50_000_000L;

    private final ManyToOneConcurrentArrayQueue<Submission> incoming =
        new ManyToOneConcurrentArrayQueue<>(QUEUE_CAPACITY);
    private final Long2ObjectHashMap<InFlight> inFlight = new Long2ObjectHashMap<>();
    private final List<InFlight> awaitingLocal = new ArrayList<>();
    private final ExpandableArrayBuffer encoding = new ExpandableArrayBuffer(4096);
    private final Aeron aeron;
    private final String ingressEndpoints;
    private final String egressChannel;
    private final LongSupplier localAppliedPosition;
    private final NanoClock clock;
    private final long resendIntervalNs;
    private final long ackTimeoutNs;
    private final long connectTimeoutNs;
    private final ErrorHandler errors;
    private AeronCluster.AsyncConnect connecting;
    private AeronCluster cluster;
    private long nextCorrelationId;
    private long lastKeepAliveNs;
    private long lastSweepNs;
    private long lastConnectReportNs = Long.MIN_VALUE / 2;

    /**
     * @param aeron                the node's Aeron client (its driver), shared, not closed here.
     * @param ingressEndpoints     Aeron's {@code id=host:port,...} list of the members' ingress.
     * @param egressChannel        the channel replies come back on, e.g. {@code aeron:udp?endpoint=host:0}.
     * @param localAppliedPosition the last position this node's own service applied.
     * @param resendIntervalNs     how long an unanswered record waits before it is sent again.
     * @param ackTimeoutNs         how long a record may stay unanswered before its submitter is told to retry.
     * @param errors               where connection failures are reported (they are retried).
     */
    public ClusterIngressAgent(final Aeron aeron, final String ingressEndpoints, final String egressChannel,
        final LongSupplier localAppliedPosition, final NanoClock clock, final long resendIntervalNs,
        final long ackTimeoutNs, final ErrorHandler errors)
    {
        this.aeron = aeron;
        this.ingressEndpoints = ingressEndpoints;
        this.egressChannel = egressChannel;
        this.localAppliedPosition = localAppliedPosition;
        this.clock = clock;
        this.resendIntervalNs = resendIntervalNs;
        this.ackTimeoutNs = ackTimeoutNs;
        this.connectTimeoutNs = Math.max(resendIntervalNs, ackTimeoutNs / 2);
        this.errors = errors;
    }

    @Override
    public void submit(final Submission submission)
    {
        if (!incoming.offer(submission))
        {
            submission.onRefused(new ClusterUnavailableException("the node's queue to the cluster is full (" +
                QUEUE_CAPACITY + " records): the cluster is not keeping up"));
        }
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        int work = connect(now);
        if (cluster != null)
        {
            work += cluster.pollEgress();
        }
        work += takeIncoming(now);
        work += answerLocallyApplied();
        // Often enough that a refusal comes within 50 ms of its timeout, which the API promises to the second.
        if (now - lastSweepNs >= Math.min(resendIntervalNs / 4, SWEEP_INTERVAL_NS))
        {
            lastSweepNs = now;
            work += sweep(now);
        }
        if (cluster != null && now - lastKeepAliveNs >= KEEP_ALIVE_INTERVAL_NS)
        {
            cluster.sendKeepAlive();
            lastKeepAliveNs = now;
        }
        return work;
    }

    @Override
    public String roleName()
    {
        return "urne-cluster-ingress";
    }

    @Override
    public void onClose()
    {
        // Committed records whose answer waited for this node's own service: they count, so they are answered.
        for (final InFlight record : awaitingLocal)
        {
            record.submission.answer(record.applied);
        }
        awaitingLocal.clear();
        final ClusterUnavailableException closing = new ClusterUnavailableException("the node is stopping");
        for (final InFlight record : inFlight.values())
        {
            record.submission.onRefused(closing);
        }
        inFlight.clear();
        Submission submission;
        while ((submission = incoming.poll()) != null)
        {
            submission.onRefused(closing);
        }
        if (cluster != null)
        {
            cluster.close();
        }
        if (connecting != null)
        {
            connecting.close();
        }
    }

    @Override
    public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        if (length < ClusterMessages.REPLY_LENGTH)
        {
            return;
        }
        final InFlight record = inFlight.remove(buffer.getLong(offset + ClusterMessages.CORRELATION_OFFSET));
        if (record == null)
        {
            // The answer to a copy sent again: the first answer was taken already.
            return;
        }
        record.applied = ClusterMessages.decodeReply(buffer, offset);
        awaitingLocal.add(record);
    }

    @Override
    public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
        final String ingressEndpoints)
    {
        // What the old leader took may be lost with it, or committed with its answer lost: send it all again.
        resendAll();
    }

    /** Keeps a client connected: starts a connection when there is none, and finishes one being made. */
    private int connect(final long now)
    {
        if (cluster != null && !cluster.isClosed())
        {
            return 0;
        }
        if (cluster != null)
        {
            cluster = null;
        }
        try
        {
            if (connecting == null)
            {
                connecting = AeronCluster.asyncConnect(new AeronCluster.Context()
                    .aeron(aeron)
                    .ownsAeronClient(false)
                    .ingressChannel("aeron:udp")
                    .ingressEndpoints(ingressEndpoints)
                    .egressChannel(egressChannel)
                    .egressListener(this)
                    .messageTimeoutNs(connectTimeoutNs));
            }
            final AeronCluster connected = connecting.poll();
            if (connected == null)
            {
                return 0;
            }
            connecting = null;
            cluster = connected;
            lastKeepAliveNs = now;
            resendAll();
            return 1;
        }
        catch (final RuntimeException ex)
        {
            // No leader to be found (an election, a minority up): try again; records wait until their timeout.
            if (connecting != null)
            {
                connecting.close();
                connecting = null;
            }
            // Reported once, then at most every ten seconds while it lasts: an election is expected to fail a few.
            if (now - lastConnectReportNs >= CONNECT_REPORT_INTERVAL_NS)
            {
                lastConnectReportNs = now;
                errors.onError(ex);
            }
            return 0;
        }
    }

    private int takeIncoming(final long now)
    {
        int taken = 0;
        Submission submission;
        while (taken < QUEUE_CAPACITY && (submission = incoming.poll()) != null)
        {
            final InFlight record = new InFlight(submission, nextCorrelationId++, now);
            inFlight.put(record.correlationId, record);
            send(record, now);
            taken++;
        }
        return taken;
    }

    /** Offers a record to the leader; one not taken now is sent by the next sweep or connection. */
    private void send(final InFlight record, final long now)
    {
        if (cluster == null)
        {
            return;
        }
        final int length = ClusterMessages.encodeRequest(record.correlationId, record.submission.entry(),
            record.submission.by(), encoding);
        if (cluster.offer(encoding, 0, length) > 0)
        {
            record.sentNs = now;
        }
    }

    private void resendAll()
    {
        final long now = clock.nanoTime();
        for (final InFlight record : inFlight.values())
        {
            send(record, now);
        }
    }

    /** Sends again what waited too long for an answer, and refuses what waited longer than a client should. */
    private int sweep(final long now)
    {
        int work = 0;
        final var iterator = inFlight.values().iterator();
        while (iterator.hasNext())
        {
            final InFlight record = iterator.next();
            if (now - record.submittedNs >= ackTimeoutNs)
            {
                iterator.remove();
                record.submission.onRefused(new ClusterUnavailableException("no cluster leader answered within " +
                    ackTimeoutNs / 1_000_000 + " ms; the record may or may not be committed"));
                work++;
            }
            else if (now - record.sentNs >= resendIntervalNs)
            {
                send(record, now);
                work++;
            }
        }
        final long localPosition = localAppliedPosition.getAsLong();
        for (int i = awaitingLocal.size() - 1; i >= 0; i--)
        {
            final InFlight record = awaitingLocal.get(i);
            if (record.applied.position() > localPosition && now - record.submittedNs >= ackTimeoutNs)
            {
                // Committed and applied by the leader, but this node is not catching up: answer anyway, since the
                // record counts; only a read here right after may not show it yet.
                awaitingLocal.remove(i);
                record.submission.answer(record.applied);
                work++;
            }
        }
        return work;
    }

    /** Answers the submitters whose records this node's own service has applied. */
    private int answerLocallyApplied()
    {
        if (awaitingLocal.isEmpty())
        {
            return 0;
        }
        final long localPosition = localAppliedPosition.getAsLong();
        int answered = 0;
        for (int i = 0; i < awaitingLocal.size(); i++)
        {
            final InFlight record = awaitingLocal.get(i);
            if (record.applied.position() <= localPosition)
            {
                record.submission.answer(record.applied);
                awaitingLocal.set(i, null);
                answered++;
            }
        }
        if (answered > 0)
        {
            awaitingLocal.removeIf(record -> record == null);
        }
        return answered;
    }

    /** A record sent and not answered yet. */
    private static final class InFlight
    {
        private final Submission submission;
        private final long correlationId;
        private final long submittedNs;
        private long sentNs = Long.MIN_VALUE / 2;
        private Applied applied;

        InFlight(final Submission submission, final long correlationId, final long submittedNs)
        {
            this.submission = submission;
            this.correlationId = correlationId;
            this.submittedNs = submittedNs;
        }
    }
}
