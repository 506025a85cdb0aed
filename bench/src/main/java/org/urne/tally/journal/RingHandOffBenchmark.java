package org.urne.tally.journal;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.urne.tally.bench.BenchFiles;
import org.urne.tally.bench.ForkFlags;
import org.urne.tally.bench.JournalFixtures;
import org.urne.tally.domain.JournalEntry;

/**
 * What the journal's append path costs over the bare hand-off it is built on, both with {@link #OUTSTANDING}
 * records in flight from one producer: {@code journal} appends ballot records to a page-cache journal (encode,
 * ring, writer thread, Chronicle append, future completed, producer woken); {@code agronaRing} writes the same
 * records, pre-encoded, to a bare {@link ManyToOneRingBuffer} whose consumer only checks and counts them, and waits
 * for the consumer's count instead of a future. Records per second.
 *
 * <p>Checks: the journal side as {@link JournalAppendBenchmark}; the ring side's consumer checks every message is
 * the next in sequence and that it read all that were written.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(jvmArgs = "-Xmx2g")
public class RingHandOffBenchmark extends ForkFlags
{
    static final int OUTSTANDING = 1024;
    private static final int ENTRIES = 4096;

    /** The journal under test, page-cache durability, with a window of appends in flight. */
    @State(Scope.Thread)
    public static class JournalSide
    {
        private JournalEntry[] entries;
        private Path directory;
        private Journal journal;
        private AppendWindow window;
        private int next;

        @Setup(Level.Trial)
        public void generateEntries()
        {
            entries = JournalFixtures.ballotEntries(ENTRIES, 2022);
        }

        @Setup(Level.Iteration)
        public void openJournal()
        {
            directory = BenchFiles.newJournalDirectory("handoff");
            journal = Journal.open(new JournalContext().directory(directory).durability(Durability.PAGE_CACHE));
            window = new AppendWindow(journal, OUTSTANDING);
        }

        @TearDown(Level.Iteration)
        public void checkAndDelete()
        {
            final long appended = window.drain();
            journal.close();
            final long readBack = RecordCounter.count(directory);
            if (readBack != appended)
            {
                throw new IllegalStateException("read back " + readBack + " records of " + appended + " appended");
            }
            BenchFiles.deleteJournal(directory);
        }
    }

    /** A bare Agrona ring with one consumer thread: the hand-off alone, for comparison. */
    @State(Scope.Thread)
    public static class RingSide
    {
        private final ExpandableArrayBuffer[] records = new ExpandableArrayBuffer[ENTRIES];
        private final int[] lengths = new int[ENTRIES];
        private final int[] types = new int[ENTRIES];
        private RawRingConsumer consumer;
        private ManyToOneRingBuffer ring;
        private long sent;

        @Setup(Level.Trial)
        public void encodeEntries()
        {
            final JournalEntry[] entries = JournalFixtures.ballotEntries(ENTRIES, 2022);
            for (int i = 0; i < ENTRIES; i++)
            {
                records[i] = new ExpandableArrayBuffer(256);
                lengths[i] = JournalRecordCodec.encodeUnsealed(entries[i], null, records[i], 0);
                types[i] = records[i].getShort(JournalRecordCodec.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            }
        }

        @Setup(Level.Iteration)
        public void startConsumer()
        {
            consumer = new RawRingConsumer();
            ring = consumer.ring();
            sent = 0;
        }

        @TearDown(Level.Iteration)
        public void stopAndCheck()
        {
            consumer.stopAfter(sent);
        }
    }

    @Benchmark
    public CompletableFuture<Appended> journal(final JournalSide side)
    {
        side.next = (side.next + 1) & (ENTRIES - 1);
        return side.window.append(side.entries[side.next]);
    }

    @Benchmark
    public long agronaRing(final RingSide side)
    {
        while (side.sent - side.consumer.consumed() >= OUTSTANDING)
        {
            Thread.onSpinWait();
        }
        final int entry = (int)(side.sent & (ENTRIES - 1));
        final int length = side.lengths[entry];
        final int index = side.ring.tryClaim(side.types[entry], length);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            throw new IllegalStateException("ring full with at most " + OUTSTANDING + " records in flight");
        }
        side.ring.buffer().putBytes(index, side.records[entry], 0, length);
        side.ring.buffer().putLong(index + JournalRecordCodec.POSITION_OFFSET, side.sent, ByteOrder.LITTLE_ENDIAN);
        side.ring.commit(index);
        return ++side.sent;
    }
}
