package org.urne.tally.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollResults;
import org.urne.tally.core.PollStatus;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;

/**
 * The one thread that owns the {@link TallyCore}: it tails the journal, applies each record, answers queries
 * between batches, and publishes an immutable {@link ResultsSnapshot} at most every {@code publishIntervalMicros}
 * (and whenever a poll's status changes with time). Start-up replay, live tailing and an operator's replay to a
 * position are the same loop; only {@code stopAtPosition} differs.
 *
 * <p>Other threads never touch the core: they read {@link #snapshot()} (a volatile reference) or send a
 * {@link #query} that this thread runs between batches.
 */
public final class TallyAgent implements Agent
{
    private static final int QUERY_QUEUE_CAPACITY = 64 * 1024;

    private final TallyCore core;
    private final RecordSource source;
    private final LongSupplier clockMicros;
    private final long publishIntervalMicros;
    private final int batchLimit;
    private final long stopAtPosition;
    private final CountingApplier applier = new CountingApplier();
    private final AtomicLongArray outcomes = new AtomicLongArray(Outcome.values().length);
    private final ManyToOneConcurrentArrayQueue<Query<?>> queries =
        new ManyToOneConcurrentArrayQueue<>(QUERY_QUEUE_CAPACITY);
    private final ArrayDeque<Query<?>> waitingQueries = new ArrayDeque<>();
    private volatile ResultsSnapshot snapshot = ResultsSnapshot.EMPTY;
    private volatile boolean caughtUp;
    private volatile long appliedPosition = -1;
    private long lastPublishMicros;
    private boolean dirty = true;

    /**
     * @param core                  the state to apply records to (fresh, or restored).
     * @param source                the journal records, read from the core's next position.
     * @param clockMicros           wall time in epoch microseconds, for publication pacing and poll status only.
     * @param publishIntervalMicros the least time between two published snapshots.
     * @param batchLimit            the most records applied before queries are answered.
     * @param stopAtPosition        the last position to apply ({@code Long.MAX_VALUE} to tail for ever).
     */
    public TallyAgent(final TallyCore core, final RecordSource source, final LongSupplier clockMicros,
        final long publishIntervalMicros, final int batchLimit, final long stopAtPosition)
    {
        this.core = core;
        this.source = source;
        this.clockMicros = clockMicros;
        this.publishIntervalMicros = publishIntervalMicros;
        this.batchLimit = batchLimit;
        this.stopAtPosition = stopAtPosition;
    }

    @Override
    public int doWork()
    {
        final int applied = core.lastPosition() >= stopAtPosition ? 0 : source.poll(applier, nextBatchLimit());
        if (applied > 0)
        {
            dirty = true;
            appliedPosition = core.lastPosition();
        }
        else if (!caughtUp)
        {
            caughtUp = true;
        }
        final long now = clockMicros.getAsLong();
        final boolean due = snapshot == ResultsSnapshot.EMPTY || now - lastPublishMicros >= publishIntervalMicros;
        if (caughtUp && (dirty && due || statusChanged(now)))
        {
            publish(now);
        }
        return applied + answerQueries();
    }

    /** How many records the next batch may apply without passing the stop position. */
    private int nextBatchLimit()
    {
        // Overflows (negative) only when the stop position is far beyond any journal: then the batch limit rules.
        final long room = stopAtPosition - core.lastPosition();
        return room > 0 && room < batchLimit ? (int)room : batchLimit;
    }

    /** Applies records on the calling thread until the source has none left (or the stop position), then publishes. */
    public void catchUp()
    {
        while (!caughtUp)
        {
            doWork();
        }
        publish(clockMicros.getAsLong());
    }

    /** Runs {@code question} on the agent thread once the core has applied {@code minPosition}. */
    public <T> CompletableFuture<T> query(final long minPosition, final Function<TallyCore, T> question)
    {
        final Query<T> query = new Query<>(minPosition, question);
        if (!queries.offer(query))
        {
            query.answer.completeExceptionally(new IllegalStateException("tally agent query queue full"));
        }
        return query.answer;
    }

    /** The latest published results; never null. */
    public ResultsSnapshot snapshot()
    {
        return snapshot;
    }

    /** True once the agent has applied every record the journal held when it started. */
    public boolean isCaughtUp()
    {
        return caughtUp;
    }

    /** The position of the last applied record (-1 before any), readable from any thread. */
    public long appliedPosition()
    {
        return appliedPosition;
    }

    /** How many records have had each {@link Outcome}, by ordinal, readable from any thread. */
    public long outcomeCount(final Outcome outcome)
    {
        return outcomes.get(outcome.ordinal());
    }

    @Override
    public String roleName()
    {
        return "urne-tally";
    }

    private void publish(final long now)
    {
        final List<PublishedPoll> polls = new ArrayList<>();
        for (final PollDefinition definition : core.definitions())
        {
            final PollResults results = core.results(definition.id(), now);
            polls.add(new PublishedPoll(results, ResultsRenderer.json(results, core.lastTimeMicros()),
                ResultsRenderer.csv(results)));
        }
        snapshot = new ResultsSnapshot(core.lastPosition(), core.lastTimeMicros(), polls);
        lastPublishMicros = now;
        dirty = false;
    }

    private boolean statusChanged(final long now)
    {
        for (final PublishedPoll poll : snapshot.polls())
        {
            final PollStatus status = core.status(poll.pollId(), now);
            if (status != poll.results().status())
            {
                return true;
            }
        }
        return false;
    }

    private int answerQueries()
    {
        Query<?> incoming;
        while ((incoming = queries.poll()) != null)
        {
            waitingQueries.add(incoming);
        }
        int answered = 0;
        for (int i = waitingQueries.size(); i > 0; i--)
        {
            final Query<?> query = waitingQueries.poll();
            if (core.lastPosition() >= query.minPosition)
            {
                query.run(core);
                answered++;
            }
            else
            {
                waitingQueries.add(query);
            }
        }
        return answered;
    }

    private static final class Query<T>
    {
        private final long minPosition;
        private final Function<TallyCore, T> question;
        private final CompletableFuture<T> answer = new CompletableFuture<>();

        private Query(final long minPosition, final Function<TallyCore, T> question)
        {
            this.minPosition = minPosition;
            this.question = question;
        }

        private void run(final TallyCore core)
        {
            try
            {
                answer.complete(question.apply(core));
            }
            catch (final RuntimeException e)
            {
                answer.completeExceptionally(e);
            }
        }
    }

    /** Applies each record to the core and counts its outcome. */
    private final class CountingApplier implements TallyIn
    {
        @Override
        public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
        {
            core.onPollDefined(position, timeMicros, definition);
            count();
        }

        @Override
        public void onPollOpened(final long position, final long timeMicros, final String pollId)
        {
            core.onPollOpened(position, timeMicros, pollId);
            count();
        }

        @Override
        public void onPollClosed(final long position, final long timeMicros, final String pollId)
        {
            core.onPollClosed(position, timeMicros, pollId);
            count();
        }

        @Override
        public void onBallot(final long position, final long timeMicros, final Ballot ballot)
        {
            core.onBallot(position, timeMicros, ballot);
            count();
        }

        @Override
        public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
        {
            core.onTallySheet(position, timeMicros, sheet);
            count();
        }

        private void count()
        {
            final int index = core.lastOutcome().ordinal();
            outcomes.lazySet(index, outcomes.get(index) + 1);
        }
    }
}
