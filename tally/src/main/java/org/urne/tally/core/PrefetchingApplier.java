package org.urne.tally.core;

import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;

/**
 * Hands journal records to an {@code applier} in batches of up to {@link #BATCH} ballots, each batch prefetched
 * ({@link TallyCore#prefetch}, and whatever else the applier will look up) before it is applied, so that its cache
 * misses overlap: for a caller that needs no record's outcome before it hands over the next, such as a replay. The
 * applier may be the core itself, or a tally agent's applier that also records what readers need. Ballots wait until
 * the batch is full, another kind of record comes, or {@link #flush} is called; every record reaches the applier
 * once, in journal order all the same, and a record of another kind reaches it while its caller still dispatches it.
 * Call {@link #flush} whenever the source has nothing more for now: until then the core lags by up to a batch.
 */
public final class PrefetchingApplier implements TallyIn
{
    /** Enough misses in flight to cover one's latency, few enough to stay in the cache until applied. */
    public static final int BATCH = 16;

    /** Starts the cache misses a ballot's application will take, without changing anything. */
    @FunctionalInterface
    public interface Prefetcher
    {
        void prefetch(Ballot ballot);
    }

    private final Prefetcher prefetcher;
    private final TallyIn applier;
    private final long[] positions = new long[BATCH];
    private final long[] times = new long[BATCH];
    private final Ballot[] ballots = new Ballot[BATCH];
    private int pending;

    /**
     * @param prefetcher what reads ahead for a ballot: at least {@link TallyCore#prefetch} of the applier's core.
     * @param applier    what applies each record.
     */
    public PrefetchingApplier(final Prefetcher prefetcher, final TallyIn applier)
    {
        this.prefetcher = prefetcher;
        this.applier = applier;
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
        final RuntimeException failed = applyWaiting();
        applier.onPollDefined(position, timeMicros, definition);
        rethrow(failed);
    }

    @Override
    public void onPollOpened(final long position, final long timeMicros, final String pollId)
    {
        final RuntimeException failed = applyWaiting();
        applier.onPollOpened(position, timeMicros, pollId);
        rethrow(failed);
    }

    @Override
    public void onPollClosed(final long position, final long timeMicros, final String pollId)
    {
        final RuntimeException failed = applyWaiting();
        applier.onPollClosed(position, timeMicros, pollId);
        rethrow(failed);
    }

    @Override
    public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
    {
        final RuntimeException failed = applyWaiting();
        applier.onTallySheet(position, timeMicros, sheet);
        rethrow(failed);
    }

    @Override
    public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
    {
        final RuntimeException failed = applyWaiting();
        applier.onPollSealed(position, timeMicros, seal);
        rethrow(failed);
    }

    @Override
    public void onCommitment(final long position, final long timeMicros, final String pollId)
    {
        final RuntimeException failed = applyWaiting();
        applier.onCommitment(position, timeMicros, pollId);
        rethrow(failed);
    }

    @Override
    public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
        final Key128 receipt)
    {
        final RuntimeException failed = applyWaiting();
        applier.onBallotAnnulled(position, timeMicros, pollId, receipt);
        rethrow(failed);
    }

    @Override
    public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
    {
        final RuntimeException failed = applyWaiting();
        applier.onItemAdded(position, timeMicros, added);
        rethrow(failed);
    }

    @Override
    public void onItemStatusChanged(final long position, final long timeMicros,
        final JournalEntry.ItemStatusChanged changed)
    {
        final RuntimeException failed = applyWaiting();
        applier.onItemStatusChanged(position, timeMicros, changed);
        rethrow(failed);
    }

    @Override
    public void onAssembly(final long position, final long timeMicros, final AssemblyEvent event)
    {
        final RuntimeException failed = applyWaiting();
        applier.onAssembly(position, timeMicros, event);
        rethrow(failed);
    }

    @Override
    public void onArgumentHidden(final long position, final long timeMicros, final JournalEntry.ArgumentHidden hidden)
    {
        final RuntimeException failed = applyWaiting();
        applier.onArgumentHidden(position, timeMicros, hidden);
        rethrow(failed);
    }

    @Override
    public void onArgumentErased(final long position, final long timeMicros, final JournalEntry.ArgumentErased erased)
    {
        final RuntimeException failed = applyWaiting();
        applier.onArgumentErased(position, timeMicros, erased);
        rethrow(failed);
    }

    /**
     * Applies the ballots still waiting. Should the applier throw for one, the others are applied all the same and
     * the first failure is thrown after them: only that ballot is not applied, as when records are applied one by
     * one. For the same reason a record of another kind is handed on even when the ballots before it failed.
     */
    public void flush()
    {
        rethrow(applyWaiting());
    }

    /** Applies the ballots still waiting, each even if one before it failed; returns the first failure, or null. */
    private RuntimeException applyWaiting()
    {
        for (int i = 0; i < pending; i++)
        {
            prefetcher.prefetch(ballots[i]);
        }
        final int count = pending;
        pending = 0;
        RuntimeException failure = null;
        for (int i = 0; i < count; i++)
        {
            final Ballot ballot = ballots[i];
            ballots[i] = null;
            try
            {
                applier.onBallot(positions[i], times[i], ballot);
            }
            catch (final RuntimeException ex)
            {
                if (failure == null)
                {
                    failure = ex;
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        return failure;
    }

    private static void rethrow(final RuntimeException failure)
    {
        if (failure != null)
        {
            throw failure;
        }
    }
}
