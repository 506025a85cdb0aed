package org.urne.ingest.intake;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.vertx.core.Vertx;
import org.urne.tally.agent.Commitment;
import org.urne.tally.core.PollState;
import org.urne.tally.core.PollStatus;
import org.urne.tally.domain.JournalEntry;

/**
 * Journals a commitment for every poll whose counts are not public yet (publication {@code at-close} or
 * {@code at-seal}) and that is open, or closed and not sealed, once its {@code commitEvery} seconds have passed
 * since its last published commitment. A Vert.x periodic of the edge, never the core's: the core only decides
 * (at most one per {@code commitEvery} seconds of record time), so several members' timers do not multiply them.
 * It runs on one event loop, so its set of polls with a commitment in flight needs no lock.
 */
public final class CommitmentTimer
{
    /** How often the timer looks: a second, the least {@code commitEvery}. */
    public static final long PERIOD_MILLIS = 1_000;
    private static final System.Logger LOG = System.getLogger(CommitmentTimer.class.getName());

    private final Edge edge;
    private final Set<String> inFlight = new HashSet<>();

    private CommitmentTimer(final Edge edge)
    {
        this.edge = edge;
    }

    /** Starts the timer on {@code vertx}; it stops with it. */
    public static void start(final Vertx vertx, final Edge edge)
    {
        final CommitmentTimer timer = new CommitmentTimer(edge);
        vertx.setPeriodic(PERIOD_MILLIS, ignored -> timer.tick(vertx));
    }

    private void tick(final Vertx vertx)
    {
        if (!edge.isReady())
        {
            return;
        }
        final long now = edge.clockMicros.getAsLong();
        for (final PollState poll : edge.polls().polls())
        {
            final String pollId = poll.definition().id();
            if (due(poll, now) && inFlight.add(pollId))
            {
                // By the server itself: no token's name.
                EventLoopSubmission.submit(edge, vertx.getOrCreateContext(), new JournalEntry.CommitmentMade(pollId),
                        null)
                    .onComplete(result ->
                    {
                        inFlight.remove(pollId);
                        if (result.failed())
                        {
                            LOG.log(Level.WARNING, "commitment for poll " + pollId + " not journaled: " +
                                result.cause().getMessage());
                        }
                    });
            }
        }
    }

    /** Whether the poll needs a commitment now, as far as the published state tells. */
    private boolean due(final PollState poll, final long nowMicros)
    {
        if (poll.sealed() || poll.statusAt(nowMicros) == PollStatus.SCHEDULED || poll.resultsPublicAt(nowMicros))
        {
            return false;
        }
        final List<Commitment> commitments = edge.agent.record(poll.definition().id()).commitments();
        return commitments.isEmpty() || nowMicros - commitments.get(commitments.size() - 1).atMicros() >=
            poll.definition().commitEvery() * 1_000_000L;
    }
}
