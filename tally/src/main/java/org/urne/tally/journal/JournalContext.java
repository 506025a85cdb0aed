package org.urne.tally.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.agrona.BitUtil;
import org.urne.tally.domain.Times;

/**
 * How to open a {@link Journal}: where, how durable, how much room producers get, how much disk it keeps free, and
 * which clock stamps records.
 * Setters return this for chaining.
 */
public final class JournalContext
{
    /** 4 MiB: a few thousand ballots in flight, and room for a record of up to 512 KiB (an eighth of it). */
    public static final int DEFAULT_RING_CAPACITY = 4 * 1024 * 1024;

    /** 64 MiB: room for the largest batch of the default ring many times over, and for the rest of the host. */
    public static final long DEFAULT_MIN_FREE_BYTES = 64L * 1024 * 1024;

    /**
     * What Chronicle may write in one batch beyond the records: a new daily file's header and index-of-indices, a
     * new index array (under 100 KiB together, measured on tmpfs), with room to spare.
     */
    public static final long CHRONICLE_BATCH_OVERHEAD = 1024 * 1024;

    private Path directory;
    private Durability durability = Durability.FSYNC;
    private int ringCapacity = DEFAULT_RING_CAPACITY;
    private long minFreeBytes = DEFAULT_MIN_FREE_BYTES;
    private LongSupplier clockMicros = () -> Times.toMicros(Instant.now());

    public Path directory()
    {
        return directory;
    }

    /** The journal's directory; created if missing. Holds the queue files, the lock and the dropped-record list. */
    public JournalContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    public Durability durability()
    {
        return durability;
    }

    /** When an append is acknowledged; {@link Durability#FSYNC} unless told otherwise. */
    public JournalContext durability(final Durability durability)
    {
        this.durability = durability;
        return this;
    }

    public int ringCapacity()
    {
        return ringCapacity;
    }

    /**
     * Bytes of the ring between producers and the writer, a power of two. When it is full, appends fail with
     * {@link JournalBackpressureException}; a single record may take up to an eighth of it.
     */
    public JournalContext ringCapacity(final int ringCapacity)
    {
        this.ringCapacity = ringCapacity;
        return this;
    }

    public long minFreeBytes()
    {
        return minFreeBytes;
    }

    /**
     * The free space the journal's filesystem must keep: below it, the writer refuses records with
     * {@link JournalDiskFullException} instead of writing them, and takes them again once space is freed. At least
     * the ring's capacity plus {@link #CHRONICLE_BATCH_OVERHEAD}, the most one batch can write: Chronicle writes
     * through mapped memory, and a write the filesystem cannot back kills the process with SIGBUS.
     */
    public JournalContext minFreeBytes(final long minFreeBytes)
    {
        this.minFreeBytes = minFreeBytes;
        return this;
    }

    public LongSupplier clockMicros()
    {
        return clockMicros;
    }

    /** The server clock, in microseconds since the epoch. Injected so tests decide what time it is. */
    public JournalContext clockMicros(final LongSupplier clockMicros)
    {
        this.clockMicros = clockMicros;
        return this;
    }

    void validate()
    {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(clockMicros, "clockMicros");
        if (!BitUtil.isPowerOfTwo(ringCapacity) || ringCapacity < 4096)
        {
            throw new IllegalArgumentException("ringCapacity must be a power of two of at least 4096, got " +
                ringCapacity);
        }
        if (minFreeBytes < ringCapacity + CHRONICLE_BATCH_OVERHEAD)
        {
            throw new IllegalArgumentException("minFreeBytes must be at least the ring capacity plus " +
                CHRONICLE_BATCH_OVERHEAD + " (" + (ringCapacity + CHRONICLE_BATCH_OVERHEAD) + "), got " +
                minFreeBytes);
        }
    }
}
