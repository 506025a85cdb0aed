package org.urne.tally.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import net.openhft.chronicle.core.io.IORuntimeException;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.ErrorHandler;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.urne.tally.domain.JournalEntry;

/**
 * The journal's writer side: the one way records get into a journal directory. Any thread may
 * {@link #append(JournalEntry) append}; one writer thread journals the entries in the order they reach its ring and
 * acknowledges them in batches once durable. At most one {@code Journal} may be open on a directory, across
 * processes.
 */
public final class Journal implements AutoCloseable
{
    private static final ThreadLocal<ExpandableArrayBuffer> SCRATCH =
        ThreadLocal.withInitial(() -> new ExpandableArrayBuffer(1024));

    private final Path directory;
    private final DirectoryLock lock;
    private final SingleChronicleQueue queue;
    private final ManyToOneRingBuffer ring;
    private final JournalWriter writer;
    private final Thread writerThread;
    private final OpenReport openReport;
    private final ArgumentKeys argumentKeys;
    private final AtomicInteger activeProducers = new AtomicInteger();
    private volatile boolean closed;

    /**
     * What opening found.
     *
     * @param nextPosition       the position the first new record will get: the number of valid records.
     * @param droppedRecords     complete but corrupt records found after the last valid one and dropped now (the
     *                           caller should log this; a crash or power loss in page-cache mode can leave such a
     *                           tail).
     * @param droppedBytes       their total size.
     * @param cutOffBytes        the bytes from the end of the newest file's last readable document to just past the
     *                           header Chronicle wrote last, when the file was cut short before it: the records that
     *                           lay there are lost (the caller should log this too); 0 when the file is whole.
     * @param blankFilesSetAside cycle files a crash left without a completed first header (no record), renamed to
     *                           {@code .blank} now: the caller should log them too.
     */
    public record OpenReport(
        long nextPosition, long droppedRecords, long droppedBytes, long cutOffBytes, List<String> blankFilesSetAside)
    {
        public OpenReport
        {
            blankFilesSetAside = List.copyOf(blankFilesSetAside);
        }
    }

    private Journal(
        final Path directory, final DirectoryLock lock, final SingleChronicleQueue queue, final JournalContext context,
        final JournalScan.Result scan, final OpenReport openReport, final ArgumentKeys argumentKeys)
    {
        this.directory = directory;
        this.argumentKeys = argumentKeys;
        this.lock = lock;
        this.queue = queue;
        this.openReport = openReport;
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(context.ringCapacity() + RingBufferDescriptor.TRAILER_LENGTH)));
        this.writer = new JournalWriter(ring, queue, context.durability(), context.clockMicros(),
            scan.records(), scan.lastTimeMicros(), scan.lastChain(), this::awaitQuiescentProducers,
            new FreeSpaceGuard(directory, context.minFreeBytes()), argumentKeys);
        this.writerThread = new Thread(writer, "urne-journal-writer");
        // A daemon: if the process exits without close(), nothing acknowledged is lost (acks follow the sync), and
        // a forgotten journal must not keep the JVM alive.
        writerThread.setDaemon(true);
        writerThread.start();
    }

    /**
     * Opens a journal directory for writing, creating it if needed. Sets aside cycle files a crash left blank, makes a
     * newest file whose tail was cut off walkable to where the writer appends, verifies every record, continues the
     * sequence after the last valid one, and drops a corrupt tail (all reported by {@link #openReport()}).
     *
     * @throws JournalLockedException  if another writer holds the directory.
     * @throws JournalCorruptException if a corrupt record has valid records after it: the journal needs an operator.
     */
    public static Journal open(final JournalContext context)
    {
        return open(context, null);
    }

    /**
     * {@link #open(JournalContext)}, handing every valid record to {@code verified} as the opening pass verifies it:
     * a serving node replays its journal in that pass. On a failure to open, what was handed on is to be discarded.
     */
    public static Journal open(final JournalContext context, final VerifiedRecords verified)
    {
        context.validate();
        final Path directory = context.directory();
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal directory " + directory.toAbsolutePath(), ex);
        }
        final DirectoryLock lock = DirectoryLock.acquire(directory);
        SingleChronicleQueue queue = null;
        ArgumentKeys keys = null;
        try
        {
            final List<String> blankFiles = BlankCycleFiles.setAside(directory);
            queue = JournalQueues.open(directory, context.durability());
            final long cutOffBytes;
            final JournalScan.Result scan;
            final DroppedRecords dropped = DroppedRecords.load(directory);
            try
            {
                cutOffBytes = TruncatedTail.bridge(queue);
                // Opened before the pass, so that a replay in it decrypts and destroys keys in the store the journal
                // keeps, without reading the file a second time.
                keys = ArgumentKeys.open(ArgumentKeys.pathFor(directory));
                scan = verified == null ? JournalScan.scan(queue, dropped) :
                    JournalScan.scan(queue, dropped, verified, keys);
            }
            catch (final IORuntimeException ex)
            {
                throw JournalQueues.unreadable(directory, ex);
            }
            if (scan.middle() != null)
            {
                final JournalScan.BadRecord bad = scan.middle();
                throw new JournalCorruptException(bad.expectedPosition(), "the record at Chronicle index " +
                    Long.toHexString(bad.index()) + " in journal " + directory.toAbsolutePath() + " is bad (" +
                    bad.reason() + ") and valid records follow it, or it breaks the hash chain: records were lost or " +
                    "altered; refusing to " +
                    "append.\nRecords 0 to " + (bad.expectedPosition() - 1) + " are sound. Run urne verify --journal " +
                    directory.toAbsolutePath() + ", then restore the journal from a backup (see docs/operations.md)");
            }
            long droppedBytes = 0;
            final List<Long> droppedIndices = new ArrayList<>();
            for (final JournalScan.BadRecord bad : scan.trailing())
            {
                droppedIndices.add(bad.index());
                droppedBytes += bad.length();
            }
            if (!droppedIndices.isEmpty())
            {
                dropped.append(droppedIndices);
            }
            return new Journal(directory, lock, queue, context, scan,
                new OpenReport(scan.records(), droppedIndices.size(), droppedBytes, cutOffBytes, blankFiles), keys);
        }
        catch (final RuntimeException ex)
        {
            if (keys != null)
            {
                keys.close();
            }
            if (queue != null)
            {
                queue.close();
            }
            lock.close();
            throw ex;
        }
    }

    /**
     * The argument key store of this journal ({@link ArgumentKeys#pathFor}): the tally agent destroys a key there
     * when an erasure is applied.
     */
    public ArgumentKeys argumentKeys()
    {
        return argumentKeys;
    }

    /**
     * Journals an entry. Never blocks: the returned future is already failed when the entry cannot be taken, with
     * {@link JournalBackpressureException} when the ring is full, {@link IllegalArgumentException} when the entry
     * cannot be encoded or is larger than an eighth of the ring, and {@link JournalException} when the journal is
     * closed or its writer has failed. Otherwise it completes once the record is durable in the configured sense,
     * or fails with {@link JournalDiskFullException}, the record unwritten, when the disk is short of the reserve
     * ({@link JournalContext#minFreeBytes}).
     *
     * <p>The future completes on the writer thread, so dependent actions registered without an executor run there
     * and delay every later acknowledgement: hand the result off (the {@code ...Async} variants, or an event loop).
     */
    public CompletableFuture<Appended> append(final JournalEntry entry)
    {
        return append(entry, (String)null);
    }

    /** {@link #append(JournalEntry)} for a record made by the token named {@code by} (null: the server's own). */
    public CompletableFuture<Appended> append(final JournalEntry entry, final String by)
    {
        final AppendFuture future = new AppendFuture();
        append(entry, by, future);
        return future;
    }

    /**
     * Journals an entry and tells {@code listener} what became of it, exactly once: {@link
     * AppendListener#onDurable} on the writer thread once the record is durable, or {@link
     * AppendListener#onRefused} with the exceptions {@link #append(JournalEntry)} lists (on this thread when the
     * refusal is immediate). Never blocks.
     */
    public void append(final JournalEntry entry, final String by, final AppendListener listener)
    {
        activeProducers.incrementAndGet();
        try
        {
            final Throwable refusal = offer(entry, by, -1, 0, listener);
            if (refusal != null)
            {
                listener.onRefused(refusal);
            }
        }
        finally
        {
            activeProducers.decrementAndGet();
        }
    }

    /**
     * Journals a record numbered and timed elsewhere, as it is: a cluster node's copy of its committed log, which
     * {@code urne replay}, {@code verify} and {@code export} read like any journal. The record's position must be
     * this journal's next one ({@link #nextPosition()} once everything before it is taken), or the writer fails and
     * refuses everything after it. Refusals and acknowledgements as for {@link #append(JournalEntry, String, AppendListener)}.
     */
    public void appendCopy(final JournalRecord record, final AppendListener listener)
    {
        activeProducers.incrementAndGet();
        try
        {
            final Throwable refusal = offer(record.entry(), record.by(), record.position(), record.timeMicros(),
                listener);
            if (refusal != null)
            {
                listener.onRefused(refusal);
            }
        }
        finally
        {
            activeProducers.decrementAndGet();
        }
    }

    /**
     * Puts the encoded entry in the ring with its listener; the reason it could not, or null. A position of -1 leaves
     * numbering and timing to the writer; any other is a copy, sealed here.
     */
    private Throwable offer(final JournalEntry entry, final String by, final long position, final long timeMicros,
        final AppendListener listener)
    {
        if (closed)
        {
            return new JournalException("journal " + directory + " is closed");
        }
        final Throwable failure = writer.failure();
        if (failure != null)
        {
            return new JournalException("journal writer has failed", failure);
        }
        final ExpandableArrayBuffer scratch = SCRATCH.get();
        final int length;
        try
        {
            // A new record's argument is encrypted under its own key, written to the key store first; a copy (a
            // cluster's log) is journaled as the log has it.
            length = position < 0 ? JournalRecordCodec.encodeUnsealed(argumentKeys.encrypt(entry), by, scratch, 0) :
                JournalRecordCodec.encodeForTransport(entry, by, position, timeMicros, scratch, 0);
        }
        catch (final RuntimeException ex)
        {
            return new IllegalArgumentException("cannot encode " + entry, ex);
        }
        if (length > ring.maxMsgLength())
        {
            return new IllegalArgumentException("a record of " + length + " bytes exceeds the journal's limit of " +
                ring.maxMsgLength() + " (an eighth of the ring)");
        }
        final int type = scratch.getShort(JournalRecordCodec.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN) |
            (position < 0 ? 0 : JournalWriter.SEALED_COPY);
        final int index = ring.tryClaim(type, length);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return new JournalBackpressureException(
                "journal ring is full (" + ring.capacity() + " bytes): the writer is not keeping up");
        }
        writer.register(index, listener);
        ring.buffer().putBytes(index, scratch, 0, length);
        ring.commit(index);
        writer.wake();
        return null;
    }

    /**
     * Runs {@code agent}'s duty cycle on the writer thread, after each of the writer's own: for the one consumer of
     * the durable records (the serving tally agent), which then sees each batch right after its sync, without a
     * thread of its own to wake and schedule. The caller must have stopped running the agent anywhere else first;
     * this call's volatile write hands the agent's state over to the writer thread. Its failures go to
     * {@code errors} and the writer carries on.
     */
    public void attach(final Agent agent, final ErrorHandler errors)
    {
        writer.attach(agent, errors);
    }

    /**
     * The position the next record will get once everything appended so far is acknowledged; every record below it
     * is durable and acknowledged. Replaying up to it replays exactly the acknowledged records.
     */
    public long nextPosition()
    {
        return writer.durablePosition();
    }

    /** What opening found, for the caller to log. */
    public OpenReport openReport()
    {
        return openReport;
    }

    /**
     * Stops taking entries, journals and acknowledges everything already taken, stops the writer thread, and
     * releases the directory. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        writer.requestStop();
        boolean interrupted = false;
        while (writerThread.isAlive())
        {
            try
            {
                writerThread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        queue.close();
        argumentKeys.close();
        lock.close();
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits out producers that were inside {@link #append} when the writer stopped taking records. Each saw the
     * journal open (so their records must be drained) or will see it closed (so they fail): the counter and the
     * flags are both volatile, so a producer and the writer cannot each miss the other. Producers never block, so
     * this wait is a few instructions long.
     */
    private void awaitQuiescentProducers()
    {
        while (activeProducers.get() != 0)
        {
            Thread.onSpinWait();
        }
    }
}
