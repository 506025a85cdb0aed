package org.urne.tally.core;

import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;

/**
 * Applies journal records to a {@link TallyCore} in batches of up to {@link #BATCH} ballots, each batch prefetched
 * ({@link TallyCore#prefetch}) before it is applied, so that its cache misses overlap: for a caller that needs no
 * record's outcome before it hands over the next, such as a replay. Ballots wait until the batch is full, another
 * kind of record comes, or {@link #flush} is called; every record is applied in journal order all the same, and
 * its outcome goes to the listener as it is. Call {@link #flush} whenever the source has nothing more for now:
 * until then the core lags by up to a batch.
 */
public final class PrefetchingApplier implements TallyIn
{
    /** Enough misses in flight to cover one's latency, few enough to stay in the cache until applied. */
    public static final int BATCH = 16;

    /** Hears each record's outcome, in journal order, once it is applied. */
    @FunctionalInterface
    public interface OutcomeListener
    {
        void applied(long position, Outcome outcome, RejectReason reason);
    }

    private final TallyCore core;
    private final OutcomeListener listener;
    private final long[] positions = new long[BATCH];
    private final long[] times = new long[BATCH];
    private final Ballot[] ballots = new Ballot[BATCH];
    private int pending;

    public PrefetchingApplier(final TallyCore core, final OutcomeListener listener)
    {
        this.core = core;
        this.listener = listener;
    }

    @Override
    public void onBallot(final long position, final long timeMicros, final Ballot ballot)
    {
        positions[pending] = position;
        times[pending] = timeMicros;
        ballots[pending] = ballot;
        if (++pending == BATCH)
        {
            flush();
        }
    }

    @Override
    public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
    {
        flush();
        core.onPollDefined(position, timeMicros, definition);
        told(position);
    }

    @Override
    public void onPollOpened(final long position, final long timeMicros, final String pollId)
    {
        flush();
        core.onPollOpened(position, timeMicros, pollId);
        told(position);
    }

    @Override
    public void onPollClosed(final long position, final long timeMicros, final String pollId)
    {
        flush();
        core.onPollClosed(position, timeMicros, pollId);
        told(position);
    }

    @Override
    public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
    {
        flush();
        core.onTallySheet(position, timeMicros, sheet);
        told(position);
    }

    @Override
    public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
    {
        flush();
        core.onPollSealed(position, timeMicros, seal);
        told(position);
    }

    @Override
    public void onCommitment(final long position, final long timeMicros, final String pollId)
    {
        flush();
        core.onCommitment(position, timeMicros, pollId);
        told(position);
    }

    @Override
    public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
        final Key128 receipt)
    {
        flush();
        core.onBallotAnnulled(position, timeMicros, pollId, receipt);
        told(position);
    }

    @Override
    public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
    {
        flush();
        core.onItemAdded(position, timeMicros, added);
        told(position);
    }

    @Override
    public void onItemStatusChanged(final long position, final long timeMicros,
        final JournalEntry.ItemStatusChanged changed)
    {
        flush();
        core.onItemStatusChanged(position, timeMicros, changed);
        told(position);
    }

    @Override
    public void onAssembly(final long position, final long timeMicros, final AssemblyEvent event)
    {
        flush();
        core.onAssembly(position, timeMicros, event);
        told(position);
    }

    @Override
    public void onArgumentHidden(final long position, final long timeMicros, final JournalEntry.ArgumentHidden hidden)
    {
        flush();
        core.onArgumentHidden(position, timeMicros, hidden);
        told(position);
    }

    @Override
    public void onArgumentErased(final long position, final long timeMicros, final JournalEntry.ArgumentErased erased)
    {
        flush();
        core.onArgumentErased(position, timeMicros, erased);
        told(position);
    }

    /** Applies the ballots still waiting. */
    public void flush()
    {
        for (int i = 0; i < pending; i++)
        {
            core.prefetch(ballots[i]);
        }
        for (int i = 0; i < pending; i++)
        {
            core.onBallot(positions[i], times[i], ballots[i]);
            ballots[i] = null;
            told(positions[i]);
        }
        pending = 0;
    }

    private void told(final long position)
    {
        listener.applied(position, core.lastOutcome(), core.lastRejectReason());
    }
}
