package org.urne.tally.cluster;

import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.urne.tally.agent.Applied;
import org.urne.tally.agent.Submission;
import org.urne.tally.domain.JournalEntry;

/**
 * A committed record's way through the tally agent on a cluster node: once applied, the core's decision goes back to
 * the client session that sent it. Only the leader's offer reaches the client; a follower's is mocked by Aeron, so
 * every node runs the same code and the service stays deterministic.
 */
final class EgressReply extends Submission
{
    private final ClientSession session;
    private final long correlationId;
    private final UnsafeBuffer buffer;
    private final IdleStrategy idle;

    /**
     * @param buffer the service's reply buffer, only used on the service thread.
     * @param idle   what to do while the egress publication is back-pressured.
     */
    EgressReply(final JournalEntry entry, final String by, final ClientSession session, final long correlationId,
        final UnsafeBuffer buffer, final IdleStrategy idle)
    {
        super(entry, by);
        this.session = session;
        this.correlationId = correlationId;
        this.buffer = buffer;
        this.idle = idle;
    }

    @Override
    protected void onApplied(final Applied applied)
    {
        if (session == null)
        {
            return;
        }
        ClusterMessages.encodeReply(correlationId, applied, buffer);
        idle.reset();
        // A client that went away, or a session closed meanwhile, loses its reply; it resends, and the core's receipts
        // answer the resend. Back pressure is waited out: egress is the client's only way to learn the outcome.
        long result;
        while ((result = session.offer(buffer, 0, ClusterMessages.REPLY_LENGTH)) < 0 && !session.isClosing() &&
            result != Publication.CLOSED && result != Publication.NOT_CONNECTED &&
            result != Publication.MAX_POSITION_EXCEEDED)
        {
            idle.idle();
        }
    }

    @Override
    public void onRefused(final Throwable cause)
    {
        throw new IllegalStateException("a committed record cannot be refused", cause);
    }
}
