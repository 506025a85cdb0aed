package org.urne.tally.journal;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.urne.tally.concurrent.WakeableIdleStrategy;
import org.urne.tally.domain.Sha256;

/**
 * The journal's single writer thread. Each duty cycle drains up to {@link #BATCH_LIMIT} records from the ring,
 * stamps each with the next position and the (monotonic) time, appends it to the queue, makes the whole batch
 * durable with one sync, and only then tells the batch's listeners: group commit, so the cost of a sync is shared
 * by everything that arrived while the previous one ran. Before each batch it asks the {@link FreeSpaceGuard}; while
 * the disk is short of the reserve it refuses the waiting records unwritten, and resumes by itself once space is freed.
 *
 * <p>Producers and this thread meet without locks: a producer claims ring space, stores its listener in the slot
 * {@link #slot(int) derived from} the claimed offset, then commits. The offset is the producer's alone until this
 * thread has consumed the message, and the commit's release store publishes the listener with the message.
 */
final class JournalWriter implements Runnable
{
    static final int BATCH_LIMIT = 1024;
    /** Set in a ring message's type when the record came sealed, position and time included (a cluster's copy). */
    static final int SEALED_COPY = 0x100;

    private final ManyToOneRingBuffer ring;
    private final AtomicReferenceArray<AppendListener> listeners;
    private final ChronicleQueue queue;
    private final Durability durability;
    private final LongSupplier clockMicros;
    private final Runnable awaitQuiescentProducers;
    private final FreeSpaceGuard freeSpace;
    private final ArgumentKeys argumentKeys;
    /** Producers wake the writer when they commit a record; parked, it also looks at the stop flag every 10 ms. */
    private final WakeableIdleStrategy idle;
    private final MessageHandler appendHandler = this::append;
    private final MessageHandler rejectHandler = this::reject;
    private final MessageHandler refuseHandler = this::refuse;

    private final AppendListener[] batchListeners = new AppendListener[BATCH_LIMIT];
    private final long[] batchTimes = new long[BATCH_LIMIT];
    private final byte[][] batchChains = new byte[BATCH_LIMIT][Sha256.LENGTH];
    private int batchSize;
    private long batchFirstPosition;
    private BytesStore<?, ?> batchStartMapping;
    private File batchStartFile;
    private JournalDiskFullException refusal;

    private ExcerptAppender appender;
    private final WriteOnlyMappings mappings = new WriteOnlyMappings();
    private final MappedSync mappedSync = new MappedSync();
    private final ByteBuffer ringView;
    private final CRC32C crc = new CRC32C();
    private final RecordChain chain;
    private long position;
    private long lastTimeMicros;
    private volatile long durablePosition;
    private volatile boolean stopRequested;
    private volatile Agent duty;
    private volatile ErrorHandler dutyErrors;
    private volatile Throwable failure;

    JournalWriter(
        final ManyToOneRingBuffer ring,
        final ChronicleQueue queue,
        final Durability durability,
        final LongSupplier clockMicros,
        final long nextPosition,
        final long lastTimeMicros,
        final byte[] lastChain,
        final Runnable awaitQuiescentProducers,
        final FreeSpaceGuard freeSpace,
        final ArgumentKeys argumentKeys)
    {
        this.argumentKeys = argumentKeys;
        this.ring = ring;
        this.idle = new WakeableIdleStrategy(10, 20, TimeUnit.MILLISECONDS.toNanos(10), () -> ring.size() > 0);
        this.ringView = ring.buffer().byteBuffer().duplicate();
        this.listeners = new AtomicReferenceArray<>(ring.capacity() / RecordDescriptor.ALIGNMENT);
        this.queue = queue;
        this.durability = durability;
        this.clockMicros = clockMicros;
        this.position = nextPosition;
        this.durablePosition = nextPosition;
        this.lastTimeMicros = lastTimeMicros;
        this.chain = new RecordChain(lastChain);
        this.awaitQuiescentProducers = awaitQuiescentProducers;
        this.freeSpace = freeSpace;
    }

    /** The listeners slot of a message: offsets are 8-byte aligned and unique while the message is in the ring. */
    static int slot(final int messageIndex)
    {
        return messageIndex / RecordDescriptor.ALIGNMENT;
    }

    void register(final int messageIndex, final AppendListener listener)
    {
        listeners.set(slot(messageIndex), listener);
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
        idle.wake();
    }

    /** Runs {@code agent}'s duty cycle on this thread after each of the writer's own; see {@link Journal#attach}. */
    void attach(final Agent agent, final ErrorHandler errors)
    {
        this.dutyErrors = errors;
        this.duty = agent;
        idle.wake();
    }

    /**
     * The attached agent's duty cycle. Its failures are reported, never the writer's: a bug in what consumes the
     * durable records must not stop the journal from taking them.
     */
    private int runDuty()
    {
        final Agent agent = duty;
        if (agent == null)
        {
            return 0;
        }
        try
        {
            return agent.doWork();
        }
        catch (final Exception ex)
        {
            dutyErrors.onError(ex);
            return 0;
        }
    }

    /** Called by a producer once its record is committed to the ring. */
    void wake()
    {
        idle.wake();
    }

    @Override
    public void run()
    {
        appender = queue.createAppender();
        try
        {
            while (!stopRequested)
            {
                idle.idle(doWork() + runDuty());
            }
            awaitQuiescentProducers.run();
            while (doWork() + runDuty() > 0)
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
        final boolean copy = (msgTypeId & SEALED_COPY) != 0;
        if (copy && buffer.getLong(index + JournalRecordCodec.POSITION_OFFSET, ByteOrder.LITTLE_ENDIAN) != position)
        {
            throw new IllegalStateException("a copied record says position " +
                buffer.getLong(index + JournalRecordCodec.POSITION_OFFSET, ByteOrder.LITTLE_ENDIAN) +
                " where this journal's next is " + position + ": the copy would not match its log");
        }
        final AppendListener listener = listeners.getAndSet(slot(index), null);
        if (batchSize == 0)
        {
            batchFirstPosition = position;
            batchStartMapping = currentMapping();
            batchStartFile = appender.currentFile();
        }
        batchListeners[batchSize] = listener;
        final long timeMicros = copy ? buffer.getLong(index + JournalRecordCodec.TIME_OFFSET, ByteOrder.LITTLE_ENDIAN) :
            Math.max(lastTimeMicros, clockMicros.getAsLong());
        batchTimes[batchSize] = timeMicros;
        batchSize++;

        if (argumentKeys.hasUnsynced())
        {
            // A key is written before its record enters the ring: syncing here makes it durable before the record
            // that needs it is written, once for every argument of the batch, never for ballots without one.
            argumentKeys.sync();
        }
        // Sealed in place (a copy too: the chain value is this journal's to compute) and copied once, native to
        // native, from the ring into the queue's mapped file.
        JournalRecordCodec.seal(buffer, ringView, crc, chain, index, length, position, timeMicros);
        System.arraycopy(chain.head(), 0, batchChains[batchSize - 1], 0, Sha256.LENGTH);
        try (DocumentContext document = appender.writingDocument())
        {
            document.wire().bytes().unsafeWrite(buffer.addressOffset() + index, length);
            mappings.advise(document.wire().bytes().bytesStore());
        }
        lastTimeMicros = timeMicros;
        position++;
    }

    /**
     * One msync of what this batch wrote to the current mapping ({@link MappedSync}, which throws where Chronicle's
     * own would only log). A sync covers only the current chunk of a queue file, so when the batch crossed into a new
     * chunk or a new day's file, the file it started in is forced whole, and a new file's directory entry with it.
     */
    private void makeBatchDurable()
    {
        if (durability != Durability.FSYNC)
        {
            return;
        }
        final BytesStore<?, ?> mapping = currentMapping();
        mappedSync.syncUpTo(mapping, appender.wire().bytes().writePosition());
        final File currentFile = appender.currentFile();
        if (batchStartMapping != null && batchStartMapping != mapping)
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
            final AppendListener listener = batchListeners[i];
            batchListeners[i] = null;
            listener.onDurable(batchFirstPosition + i, batchTimes[i], batchChains[i]);
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
            batchListeners[i].onRefused(failed);
            batchListeners[i] = null;
        }
        batchSize = 0;
    }

    /** The disk is short of the reserve: the record is not written, and the producer may retry later. */
    private void refuse(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        listeners.getAndSet(slot(index), null).onRefused(refusal);
    }

    private void reject(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        listeners.getAndSet(slot(index), null).onRefused(
            new JournalException("journal writer failed before taking this record", failure));
    }
}
