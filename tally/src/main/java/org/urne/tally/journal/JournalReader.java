package org.urne.tally.journal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.TallyIn;

/**
 * Reads a journal's records in order from a position and dispatches them to a {@link TallyIn}, verifying each
 * record's checksum, the hash chain ({@link RecordChain}) and that positions run 0, 1, 2, ... without a gap. Tails:
 * at the end of the journal {@link #poll} returns 0 and a later call picks up what the writer appended since. May
 * run in another process than the writer. Single-threaded.
 */
public final class JournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final DocumentCursor cursor;
    private final DroppedRecords dropped;
    private final long fromPosition;
    private final RecordChain chain = new RecordChain();
    private final byte[] chainBefore = new byte[Sha256.LENGTH];
    private long expectedPosition;
    private JournalRecord current;
    /** The argument keys as they were when the reader opened: encrypted texts whose key is there are decrypted. */
    private final ArgumentKeys argumentKeys;

    private JournalReader(final Path directory, final long fromPosition)
    {
        this.argumentKeys = ArgumentKeys.readOnly(ArgumentKeys.pathFor(directory));
        this.queue = JournalQueues.openForReading(directory);
        this.tailer = queue.createTailer();
        this.cursor = new DocumentCursor(tailer.toStart());
        this.dropped = DroppedRecords.load(directory);
        this.fromPosition = fromPosition;
    }

    /**
     * Opens a reader whose first dispatched record is at {@code fromPosition}. Records before it are read and
     * verified but not dispatched, so starting late costs a pass over them.
     */
    public static JournalReader open(final Path directory, final long fromPosition)
    {
        if (fromPosition < 0)
        {
            throw new IllegalArgumentException("fromPosition must be 0 or more, got " + fromPosition);
        }
        return new JournalReader(directory, fromPosition);
    }

    /**
     * Dispatches up to {@code limit} records available now.
     *
     * @return how many were dispatched; 0 when the reader is at the end of the journal for now.
     * @throws JournalCorruptException if the next record is corrupt or out of sequence (records before it are
     *                                 dispatched and counted first); the reader stays before it, so every later call
     *                                 throws the same.
     */
    public int poll(final TallyIn handler, final int limit)
    {
        return read(dispatchingTo(handler), limit, Long.MAX_VALUE);
    }

    /**
     * Hands up to {@code limit} verified records whole to {@code sink}, from where the reader is up to, not including,
     * {@code toPosition}: for a reader whose records are applied on another thread ({@code ReadAheadRecordSource}).
     * A record is immutable once decoded, so it may cross threads.
     *
     * @return how many were handed on; 0 when the reader is at the end of the journal for now, or at
     * {@code toPosition}.
     * @throws JournalCorruptException as {@link #poll} does.
     */
    public int read(final Consumer<JournalRecord> sink, final int limit, final long toPosition)
    {
        int dispatched = 0;
        while (dispatched < limit && expectedPosition < toPosition && cursor.next())
        {
            final JournalRecord record;
            try
            {
                record = verifiedRecord();
            }
            catch (final JournalCorruptException ex)
            {
                // Report the good records first: the cursor is back before the bad one, so the next call throws.
                if (dispatched > 0)
                {
                    return dispatched;
                }
                throw ex;
            }
            if (record == null)
            {
                continue;
            }
            expectedPosition++;
            if (record.position() >= fromPosition)
            {
                current = record;
                sink.accept(record);
                dispatched++;
            }
        }
        return dispatched;
    }

    /**
     * Dispatches the records from where the reader is up to, not including, {@code toPosition}, or to the end of
     * the journal if it is reached first (use {@link Journal#nextPosition()} to replay what is acknowledged).
     *
     * @return how many records were dispatched.
     */
    public long replay(final TallyIn handler, final long toPosition)
    {
        final Consumer<JournalRecord> dispatch = dispatchingTo(handler);
        long dispatched = 0;
        int count;
        do
        {
            count = read(dispatch, JournalWriter.BATCH_LIMIT, toPosition);
            dispatched += count;
        }
        while (count > 0);
        return dispatched;
    }

    /**
     * How many records the journal holds now, counted from Chronicle's index without reading them: for progress
     * reports. It includes a corrupt tail a writer dropped, so it can exceed the records {@link #poll} dispatches.
     */
    public long storedRecords()
    {
        return queue.entryCount();
    }

    /**
     * The record being dispatched, or the last one dispatched: for a handler that needs what {@link TallyIn} does not
     * carry, the record's author ({@link JournalRecord#by()}) and chain value. Null before the first.
     */
    public JournalRecord current()
    {
        return current;
    }

    /**
     * A copy of the exact bytes of the record being dispatched, as the journal stores it (either format version):
     * for a handler that passes records on whole, such as the auditors' export. Only while a record is dispatched.
     */
    public byte[] currentBytes()
    {
        return Arrays.copyOf(cursor.bytes(), cursor.length());
    }

    /** The position of the next record this reader will read. */
    public long nextPosition()
    {
        return expectedPosition;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }

    private static Consumer<JournalRecord> dispatchingTo(final TallyIn handler)
    {
        return record -> record.entry().dispatch(record.position(), record.timeMicros(), handler);
    }

    /** The record under the cursor, or null when it is one a writer dropped as a corrupt tail. */
    private JournalRecord verifiedRecord()
    {
        final long index = cursor.index();
        if (dropped.contains(index))
        {
            return null;
        }
        try
        {
            final JournalRecord record = JournalRecordCodec.decode(cursor.bytes(), 0, cursor.length());
            if (record.position() != expectedPosition)
            {
                throw new JournalCorruptException(expectedPosition, "found position " + record.position() +
                    " at Chronicle index " + Long.toHexString(index));
            }
            System.arraycopy(chain.head(), 0, chainBefore, 0, Sha256.LENGTH);
            try
            {
                return argumentKeys.decrypt(JournalRecordCodec.follow(record, cursor.bytes(), 0, cursor.length(),
                    chain));
            }
            catch (final JournalCorruptException ex)
            {
                // Stays before the record, as for any corrupt one: the next call finds the same break.
                chain.reset(chainBefore);
                throw ex;
            }
        }
        catch (final JournalCorruptException ex)
        {
            // A writer may have dropped this tail since the list was loaded.
            dropped.reload();
            if (dropped.contains(index))
            {
                return null;
            }
            cursor.rewindTo(index);
            throw ex.position() >= 0 ? ex : new JournalCorruptException(expectedPosition,
                ex.reason() + " (Chronicle index " + Long.toHexString(index) + ")");
        }
    }
}
