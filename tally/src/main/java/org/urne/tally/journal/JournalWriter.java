package org.urne.tally.journal;

import java.io.File;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;

/**
 * The journal's single writer thread. Each duty cycle drains up to {@link #BATCH_LIMIT} records from the ring,
 * stamps each with the next position and the (monotonic) time, appends it to the queue, makes the whole batch
 * durable with one sync, and only then completes the batch's futures: group commit, so the cost of a sync is shared
 * by everything that arrived while the previous one ran. Before each batch it asks the {@link FreeSpaceGuard}; while
 * the disk is short of the reserve it refuses the waiting records unwritten, and resumes by itself once space is freed.
 *
 * <p>Producers and this thread meet without locks: a producer claims ring space, stores its future in the slot
 * {@link #slot(int) derived from} the claimed offset, then commits. The offset is the producer's alone until this
 * thread has consumed the message, and the commit's release store publishes the future with the message.
 */
final class JournalWriter implements Runnable
{
    static final int BATCH_LIMIT = 1024;

    private final ManyToOneRingBuffer ring;
    private final AtomicReferenceArray<CompletableFuture<Appended>> futures;
    private final ChronicleQueue queue;
    private final Durability durability;
    private final LongSupplier clockMicros;
    private final Runnable awaitQuiescentProducers;
    private final FreeSpaceGuard freeSpace;
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private final MessageHandler appendHandler = this::append;
    private final MessageHandler rejectHandler = this::reject;
    private final MessageHandler refuseHandler = this::refuse;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final CompletableFuture<Appended>[] batchFutures = new CompletableFuture[BATCH_LIMIT];
    private final long[] batchTimes = new long[BATCH_LIMIT];
    private int batchSize;
    private long batchFirstPosition;
    private BytesStore<?, ?> batchStartMapping;
    private File batchStartFile;
    private JournalDiskFullException refusal;

    private ExcerptAppender appender;
    private byte[] record = new byte[4096];
    private long position;
    private long lastTimeMicros;
    private volatile long durablePosition;
    private volatile boolean stopRequested;
    private volatile Throwable failure;

    JournalWriter(
        final ManyToOneRingBuffer ring,
        final ChronicleQueue queue,
        final Durability durability,
        final LongSupplier clockMicros,
        final long nextPosition,
        final long lastTimeMicros,
        final Runnable awaitQuiescentProducers,
        final FreeSpaceGuard freeSpace)
    {
        this.ring = ring;
        this.futures = new AtomicReferenceArray<>(ring.capacity() / RecordDescriptor.ALIGNMENT);
        this.queue = queue;
        this.durability = durability;
        this.clockMicros = clockMicros;
        this.position = nextPosition;
        this.durablePosition = nextPosition;
        this.lastTimeMicros = lastTimeMicros;
        this.awaitQuiescentProducers = awaitQuiescentProducers;
        this.freeSpace = freeSpace;
    }

    /** The futures slot of a message: offsets are 8-byte aligned and unique while the message is in the ring. */
    static int slot(final int messageIndex)
    {
        return messageIndex / RecordDescriptor.ALIGNMENT;
    }

    void register(final int messageIndex, final CompletableFuture<Appended> future)
    {
        futures.set(slot(messageIndex), future);
    }

    /** Every record below this position is durable (in the configured sense) and acknowledged. */
    long durablePosition()
    {
        return durablePosition;
    }

    /** Why the writer stopped taking records, or null while it is healthy. */
    Throwable failure()
    {
        return failure;
    }

    void requestStop()
    {
        stopRequested = true;
    }

    @Override
    public void run()
    {
        appender = queue.createAppender();
        try
        {
            while (!stopRequested)
            {
                idle.idle(doWork());
            }
            awaitQuiescentProducers.run();
            while (doWork() > 0)
            {
                idle.reset();
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
            failBatch(ex);
            awaitQuiescentProducers.run();
            while (ring.read(rejectHandler, BATCH_LIMIT) > 0)
            {
                idle.reset();
            }
        }
        finally
        {
            appender.close();
        }
    }

    private int doWork()
    {
        // Only when records wait: asking the filesystem on every idle spin would cost a system call each.
        if (ring.size() == 0)
        {
            return 0;
        }
        refusal = freeSpace.refusal();
        if (refusal != null)
        {
            return ring.read(refuseHandler, BATCH_LIMIT);
        }
        final int count = ring.read(appendHandler, BATCH_LIMIT);
        if (count > 0)
        {
            makeBatchDurable();
            completeBatch();
        }
        return count;
    }

    private void append(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final CompletableFuture<Appended> future = futures.getAndSet(slot(index), null);
        if (batchSize == 0)
        {
            batchFirstPosition = position;
            batchStartMapping = currentMapping();
            batchStartFile = appender.currentFile();
        }
        batchFutures[batchSize] = future;
        final long timeMicros = Math.max(lastTimeMicros, clockMicros.getAsLong());
        batchTimes[batchSize] = timeMicros;
        batchSize++;

        if (record.length < length)
        {
            record = new byte[Math.max(length, record.length * 2)];
        }
        buffer.getBytes(index, record, 0, length);
        JournalRecordCodec.seal(record, 0, length, position, timeMicros);
        try (DocumentContext document = appender.writingDocument())
        {
            document.wire().bytes().write(record, 0, length);
        }
        lastTimeMicros = timeMicros;
        position++;
    }

    /**
     * One msync of what this batch wrote to the current mapping. Chronicle maps a queue file in chunks and
     * {@code appender.sync()} covers only the current one, so when the batch crossed into a new chunk or a new
     * day's file, the file it started in is forced whole, and a new file's directory entry with it.
     */
    private void makeBatchDurable()
    {
        if (durability != Durability.FSYNC)
        {
            return;
        }
        appender.sync();
        final File currentFile = appender.currentFile();
        if (batchStartMapping != null && batchStartMapping != currentMapping())
        {
            Fsync.file(batchStartFile.toPath());
        }
        if (!Objects.equals(batchStartFile, currentFile))
        {
            Fsync.file(currentFile.toPath());
            Fsync.directory(currentFile.toPath().getParent());
        }
    }

    private BytesStore<?, ?> currentMapping()
    {
        final Wire wire = appender.wire();
        return wire == null ? null : wire.bytes().bytesStore();
    }

    private void completeBatch()
    {
        durablePosition = position;
        for (int i = 0; i < batchSize; i++)
        {
            final CompletableFuture<Appended> future = batchFutures[i];
            batchFutures[i] = null;
            future.complete(new Appended(batchFirstPosition + i, batchTimes[i]));
        }
        batchSize = 0;
    }

    /** The records of a failed batch may or may not be on disk: their producers retry, and ballot ids dedupe. */
    private void failBatch(final Throwable cause)
    {
        final JournalException failed = new JournalException("journal writer failed; the record may or may not " +
            "have been journaled", cause);
        for (int i = 0; i < batchSize; i++)
        {
            batchFutures[i].completeExceptionally(failed);
            batchFutures[i] = null;
        }
        batchSize = 0;
    }

    /** The disk is short of the reserve: the record is not written, and the producer may retry later. */
    private void refuse(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        futures.getAndSet(slot(index), null).completeExceptionally(refusal);
    }

    private void reject(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        futures.getAndSet(slot(index), null).completeExceptionally(
            new JournalException("journal writer failed before taking this record", failure));
    }
}
