package org.urne.tally.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The baseline of the hand-off benchmark: a bare Agrona {@link ManyToOneRingBuffer} of the journal's default size,
 * drained by one thread that idles exactly as the journal writer does and does nothing with a message but check it
 * carries the next sequence number (in the record header's position field) and count it.
 */
final class RawRingConsumer implements Runnable
{
    private final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(JournalContext.DEFAULT_RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private final MessageHandler handler = this::onMessage;
    private final AtomicLong consumed = new AtomicLong();
    private final Thread thread = new Thread(this, "raw-ring-consumer");
    private long expected;
    private volatile boolean running = true;
    private volatile String failure;

    RawRingConsumer()
    {
        thread.setDaemon(true);
        thread.start();
    }

    ManyToOneRingBuffer ring()
    {
        return ring;
    }

    /** Messages read and checked so far. */
    long consumed()
    {
        return consumed.get();
    }

    @Override
    public void run()
    {
        while (running)
        {
            idle.idle(ring.read(handler, JournalWriter.BATCH_LIMIT));
        }
    }

    /** Stops the thread once it has read {@code sent} messages, and fails if any was not the one expected. */
    void stopAfter(final long sent)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (consumed.get() < sent && failure == null && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        running = false;
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted stopping the ring consumer", ex);
        }
        if (failure != null)
        {
            throw new IllegalStateException(failure);
        }
        if (consumed.get() != sent)
        {
            throw new IllegalStateException("ring consumer read " + consumed.get() + " of " + sent + " messages");
        }
    }

    private void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long sequence = buffer.getLong(index + JournalRecordCodec.POSITION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (sequence != expected && failure == null)
        {
            failure = "ring message " + expected + " carried sequence " + sequence;
        }
        expected++;
        consumed.lazySet(expected);
    }
}
