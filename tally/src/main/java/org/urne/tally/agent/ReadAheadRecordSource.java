package org.urne.tally.agent;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.journal.JournalReader;
import org.urne.tally.journal.JournalRecord;

/**
 * Journal records read ahead of the tally agent on another thread, for a replay: reading a record (its checksum,
 * the hash chain's SHA-256, decoding) takes about as long as applying it, so the two run side by side instead of one
 * after the other. The applying stays on the agent's one thread; only verified, decoded records, which are
 * immutable, cross over, through a bounded queue. Either a thread of its own reads them from a {@link JournalReader}
 * ({@link #start}: {@code urne replay}), or the caller hands them over ({@link #handOff}: a serving node's start,
 * whose journal's opening pass verifies every record anyway).
 *
 * <p>The reading ends at a stop position or at the end of the journal as it was found: this source is for replaying
 * what is already written, not for tailing a journal another process is still writing. {@link #poll} waits for the
 * reading rather than return 0 early, so 0 means the end. A failure ends the reading: the records before it are
 * dispatched first, then every {@link #poll} throws it, as {@link JournalReader#poll} does for a corrupt record.
 *
 * <p>It borrows the reader: {@link #close} stops the thread and waits for it, and must come before the reader's own
 * close.
 */
public final class ReadAheadRecordSource implements RecordSource, AutoCloseable
{
    /** Records read ahead at most: a few megabytes of decoded ballots, enough to ride out either side's pauses. */
    static final int CAPACITY = 4096;
    /** Records the reader thread reads per call into the reader, between checks of {@link #close}. */
    private static final int READ_BATCH = 1024;
    private static final long MAX_PARK_NANOS = 100_000;

    private final OneToOneConcurrentArrayQueue<JournalRecord> queue = new OneToOneConcurrentArrayQueue<>(CAPACITY);
    private final JournalReader reader;
    private final long toPosition;
    private final IntConsumer onRead;
    private final IdleStrategy pollIdle = idleStrategy();
    private final IdleStrategy offerIdle = idleStrategy();
    private final Consumer<JournalRecord> dispatcher = this::dispatch;
    private final Thread thread;
    private volatile boolean finished;
    private volatile boolean closed;
    private volatile Throwable failure;
    private TallyIn handler;
    private JournalRecord current;

    private ReadAheadRecordSource(final JournalReader reader, final long toPosition, final IntConsumer onRead)
    {
        this.reader = reader;
        this.toPosition = toPosition;
        this.onRead = onRead;
        this.thread = reader == null ? null : new Thread(this::readAhead, "urne-journal-read-ahead");
        if (thread != null)
        {
            thread.setDaemon(true);
        }
    }

    /**
     * Starts reading ahead from where {@code reader} is up to, not including, {@code toPosition}
     * ({@code Long.MAX_VALUE}: to the end of the journal).
     *
     * @param onRead told how many records each {@link #poll} dispatched: for a progress bar.
     */
    public static ReadAheadRecordSource start(final JournalReader reader, final long toPosition,
        final IntConsumer onRead)
    {
        final ReadAheadRecordSource source = new ReadAheadRecordSource(reader, toPosition, onRead);
        source.thread.start();
        return source;
    }

    /** {@link #start(JournalReader, long, IntConsumer)} with nobody to tell. */
    public static ReadAheadRecordSource start(final JournalReader reader, final long toPosition)
    {
        return start(reader, toPosition, read -> { });
    }

    /** A source the caller fills, from one thread, with {@link #offer} and then {@link #end}. */
    public static ReadAheadRecordSource handOff()
    {
        return new ReadAheadRecordSource(null, Long.MAX_VALUE, read -> { });
    }

    /**
     * Queues the next record for the agent, waiting while the queue is full; after {@link #close} it is dropped
     * instead: nobody will apply it.
     */
    public void offer(final JournalRecord record)
    {
        while (!queue.offer(record))
        {
            if (closed)
            {
                return;
            }
            offerIdle.idle();
        }
        offerIdle.reset();
    }

    /**
     * Says that no record follows those offered: {@link #poll} returns 0 once they are dispatched, or throws
     * {@code stoppedBy} when it is not null (why the reading stopped short).
     */
    public void end(final Throwable stoppedBy)
    {
        failure = stoppedBy;
        finished = true;
    }

    /**
     * Dispatches up to {@code limit} records read ahead, waiting for the reader thread while it has none ready.
     *
     * @return how many were dispatched; 0 only once the reader has reached the stop position or the journal's end.
     */
    @Override
    public int poll(final TallyIn handler, final int limit)
    {
        if (limit <= 0)
        {
            return 0;
        }
        this.handler = handler;
        while (true)
        {
            // Read before draining: whatever the reader queued before it finished is then in this drain.
            final boolean readerDone = finished;
            final int dispatched = queue.drain(dispatcher, limit);
            if (dispatched > 0)
            {
                pollIdle.reset();
                onRead.accept(dispatched);
                return dispatched;
            }
            if (readerDone)
            {
                throwFailure();
                return 0;
            }
            pollIdle.idle();
        }
    }

    @Override
    public JournalRecord current()
    {
        return current;
    }

    /** Stops the reading, dropping what was read ahead, and waits for the reader thread, if any, to end. */
    @Override
    public void close()
    {
        closed = true;
        boolean interrupted = false;
        while (thread != null && thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(final JournalRecord record)
    {
        current = record;
        record.entry().dispatch(record.position(), record.timeMicros(), handler);
    }

    private void readAhead()
    {
        final Consumer<JournalRecord> enqueue = this::offer;
        Throwable stoppedBy = null;
        try
        {
            int read;
            do
            {
                read = closed ? 0 : reader.read(enqueue, READ_BATCH, toPosition);
            }
            while (read > 0);
        }
        catch (final Throwable ex)
        {
            stoppedBy = ex;
        }
        finally
        {
            end(stoppedBy);
        }
    }

    /** Why the reading stopped short, as it was thrown there; a checked one (which nothing declares) wrapped. */
    private void throwFailure()
    {
        final Throwable ex = failure;
        if (ex instanceof RuntimeException runtime)
        {
            throw runtime;
        }
        if (ex instanceof Error error)
        {
            throw error;
        }
        if (ex != null)
        {
            throw new IllegalStateException("reading the journal ahead failed", ex);
        }
    }

    private static IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(100, 10, 1_000, MAX_PARK_NANOS);
    }
}
