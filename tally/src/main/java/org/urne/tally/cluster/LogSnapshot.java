package org.urne.tally.cluster;

import java.nio.file.Path;
import java.util.zip.CRC32C;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.client.ClusterException;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.journal.JournalReader;
import org.urne.tally.journal.RecordChain;
import org.urne.tally.journal.JournalRecord;
import org.urne.tally.journal.JournalRecordCodec;

/**
 * A node's snapshot, as Aeron asks the service for one: the committed records themselves, in position order, which
 * is all the tally core is a function of. Replaying them rebuilds the core exactly (the property every Urne journal
 * already has), so the snapshot cannot drift from the state it stands for, and the format is the journal's record
 * format, versioned with it. Layout, each a message: a header (version, record count, last time, state hash), chunks
 * of up to {@value #CHUNK_BYTES} bytes of length-prefixed records, each chunk with a CRC32C of its records (and every
 * record with the codec's own), and an end mark with the count again. Loading checks the chunks, the positions (0, 1, 2, ...,
 * no gap), the count and, once replayed, the state hash.
 */
final class LogSnapshot
{
    static final int VERSION = 1;
    static final int CHUNK_BYTES = 32 * 1024;

    private static final int TYPE_HEADER = 1;
    private static final int TYPE_CHUNK = 2;
    private static final int TYPE_END = 3;
    private static final int HEADER_LENGTH = 4 + 4 + 8 + 8 + 8;
    private static final int CHUNK_PREFIX = 4 + 4 + 4;

    private LogSnapshot()
    {
    }

    /** What a loaded snapshot says about the state it stands for. */
    record Loaded(long recordCount, long lastTimeMicros, long stateHash)
    {
    }

    /**
     * Writes records 0 to {@code recordCount - 1} of the node's journal copy (which must hold them all) to the
     * snapshot publication.
     */
    static void write(final ExclusivePublication publication, final Path journal, final long recordCount,
        final long lastTimeMicros, final long stateHash, final IdleStrategy idle)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(CHUNK_BYTES + 4096);
        buffer.putInt(0, TYPE_HEADER);
        buffer.putInt(4, VERSION);
        buffer.putLong(8, recordCount);
        buffer.putLong(16, lastTimeMicros);
        buffer.putLong(24, stateHash);
        offer(publication, buffer, HEADER_LENGTH, idle);
        try (JournalReader reader = JournalReader.open(journal, 0))
        {
            final ChunkWriter chunks = new ChunkWriter(publication, buffer, idle, reader);
            final long copied = reader.replay(chunks, recordCount);
            if (copied != recordCount)
            {
                throw new ClusterException("the node's journal copy holds " + copied + " of the " + recordCount +
                    " records the snapshot needs");
            }
            chunks.flush();
        }
        buffer.putInt(0, TYPE_END);
        buffer.putLong(4, recordCount);
        offer(publication, buffer, 12, idle);
    }

    /** Reads a snapshot image to its end mark, handing each record to {@code records} in position order. */
    static Loaded load(final Image image, final IdleStrategy idle, final RecordConsumer records)
    {
        final Reader reader = new Reader(records);
        final FragmentHandler assembler = new FragmentAssembler(reader);
        while (!reader.done)
        {
            final int fragments = image.poll(assembler, 16);
            if (fragments == 0 && image.isClosed())
            {
                throw new ClusterException("the snapshot ended before its end mark, after " + reader.loaded +
                    " records");
            }
            idle.idle(fragments);
        }
        return new Loaded(reader.loaded, reader.lastTimeMicros, reader.stateHash);
    }

    /** Takes the records of a snapshot being loaded. */
    @FunctionalInterface
    interface RecordConsumer
    {
        void accept(JournalRecord record);
    }

    private static void offer(final ExclusivePublication publication, final DirectBuffer buffer, final int length,
        final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, 0, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new ClusterException("the snapshot publication refused a message: " + Publication.errorString(result));
            }
            idle.idle();
        }
    }

    /** Packs journal records into chunks and offers each when full. */
    private static final class ChunkWriter implements TallyIn
    {
        private final ExclusivePublication publication;
        private final ExpandableArrayBuffer chunk;
        private final IdleStrategy idle;
        private final ExpandableArrayBuffer record = new ExpandableArrayBuffer(4096);
        private final CRC32C crc = new CRC32C();
        private final JournalReader reader;
        private final RecordChain chain = new RecordChain();
        private int length = CHUNK_PREFIX;
        private int count;

        /** @param reader the reader dispatching to this writer: it says who made each record. */
        ChunkWriter(final ExclusivePublication publication, final ExpandableArrayBuffer chunk, final IdleStrategy idle,
            final JournalReader reader)
        {
            this.publication = publication;
            this.chunk = chunk;
            this.idle = idle;
            this.reader = reader;
        }

        @Override
        public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
        {
            add(new JournalEntry.PollDefined(definition), position, timeMicros);
        }

        @Override
        public void onPollOpened(final long position, final long timeMicros, final String pollId)
        {
            add(new JournalEntry.PollOpened(pollId), position, timeMicros);
        }

        @Override
        public void onPollClosed(final long position, final long timeMicros, final String pollId)
        {
            add(new JournalEntry.PollClosed(pollId), position, timeMicros);
        }

        @Override
        public void onBallot(final long position, final long timeMicros, final Ballot ballot)
        {
            add(new JournalEntry.BallotCast(ballot), position, timeMicros);
        }

        @Override
        public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
        {
            add(new JournalEntry.TallySheetRecorded(sheet), position, timeMicros);
        }

        @Override
        public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
        {
            add(seal, position, timeMicros);
        }

        @Override
        public void onCommitment(final long position, final long timeMicros, final String pollId)
        {
            add(new JournalEntry.CommitmentMade(pollId), position, timeMicros);
        }

        @Override
        public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
            final Key128 receipt)
        {
            add(new JournalEntry.BallotAnnulled(pollId, receipt), position, timeMicros);
        }

        @Override
        public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
        {
            add(added, position, timeMicros);
        }

        @Override
        public void onItemStatusChanged(final long position, final long timeMicros,
            final JournalEntry.ItemStatusChanged changed)
        {
            add(changed, position, timeMicros);
        }

        @Override
        public void onAssembly(final long position, final long timeMicros, final AssemblyEvent event)
        {
            add(new JournalEntry.AssemblyRecorded(event), position, timeMicros);
        }

        @Override
        public void onArgumentHidden(final long position, final long timeMicros,
            final JournalEntry.ArgumentHidden hidden)
        {
            add(hidden, position, timeMicros);
        }

        @Override
        public void onArgumentErased(final long position, final long timeMicros,
            final JournalEntry.ArgumentErased erased)
        {
            add(erased, position, timeMicros);
        }

        private void add(final JournalEntry entry, final long position, final long timeMicros)
        {
            final int recordLength = JournalRecordCodec.encode(entry, reader.current().by(), position, timeMicros,
                chain, record, 0);
            if (length + 4 + recordLength > CHUNK_BYTES && count > 0)
            {
                flush();
            }
            chunk.putInt(length, recordLength);
            chunk.putBytes(length + 4, record, 0, recordLength);
            length += 4 + recordLength;
            count++;
        }

        void flush()
        {
            if (count == 0)
            {
                return;
            }
            crc.reset();
            crc.update(chunk.byteArray(), CHUNK_PREFIX, length - CHUNK_PREFIX);
            chunk.putInt(0, TYPE_CHUNK);
            chunk.putInt(4, count);
            chunk.putInt(8, (int)crc.getValue());
            offer(publication, chunk, length, idle);
            length = CHUNK_PREFIX;
            count = 0;
        }
    }

    /** Checks and unpacks the messages of a snapshot. */
    private static final class Reader implements FragmentHandler
    {
        private final RecordConsumer consumer;
        private final CRC32C crc = new CRC32C();
        private byte[] bytes = new byte[CHUNK_BYTES];
        private final UnsafeBuffer view = new UnsafeBuffer(bytes);
        private boolean started;
        private boolean done;
        private long expectedCount = -1;
        private long loaded;
        private long lastTimeMicros;
        private long stateHash;

        Reader(final RecordConsumer records)
        {
            this.consumer = records;
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final int type = buffer.getInt(offset);
            if (!started)
            {
                if (type != TYPE_HEADER || buffer.getInt(offset + 4) != VERSION)
                {
                    throw new ClusterException("not an Urne snapshot of version " + VERSION + " (type " + type +
                        ", version " + buffer.getInt(offset + 4) + ")");
                }
                expectedCount = buffer.getLong(offset + 8);
                lastTimeMicros = buffer.getLong(offset + 16);
                stateHash = buffer.getLong(offset + 24);
                started = true;
                return;
            }
            if (type == TYPE_END)
            {
                if (buffer.getLong(offset + 4) != loaded || loaded != expectedCount)
                {
                    throw new ClusterException("the snapshot holds " + loaded + " records, its header says " +
                        expectedCount);
                }
                done = true;
                return;
            }
            if (type != TYPE_CHUNK)
            {
                throw new ClusterException("unknown snapshot message type " + type);
            }
            readChunk(buffer, offset, length);
        }

        private void readChunk(final DirectBuffer buffer, final int offset, final int length)
        {
            final int count = buffer.getInt(offset + 4);
            final int bodyLength = length - CHUNK_PREFIX;
            if (bytes.length < bodyLength)
            {
                bytes = new byte[bodyLength];
                view.wrap(bytes);
            }
            buffer.getBytes(offset + CHUNK_PREFIX, bytes, 0, bodyLength);
            crc.reset();
            crc.update(bytes, 0, bodyLength);
            if ((int)crc.getValue() != buffer.getInt(offset + 8))
            {
                throw new ClusterException("a snapshot chunk fails its CRC32C after " + loaded + " records");
            }
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                final int recordLength = view.getInt(at);
                final JournalRecord record = JournalRecordCodec.decode(bytes, at + 4, recordLength);
                if (record.position() != loaded)
                {
                    throw new ClusterException("the snapshot's record " + loaded + " says position " +
                        record.position());
                }
                consumer.accept(record);
                loaded++;
                at += 4 + recordLength;
            }
        }
    }
}
