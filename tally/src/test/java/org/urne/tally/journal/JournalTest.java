package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

class JournalTest
{
    @TempDir(factory = JournalTempDir.class)
    Path directory;

    private final AtomicLong clock = new AtomicLong(1_000_000);

    private JournalContext context(final Durability durability)
    {
        return new JournalContext().directory(directory).durability(durability).clockMicros(clock::get);
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void fourProducersGetContiguousPositionsAndReadBackTheirOwnEntries(final Durability durability) throws Exception
    {
        final int perProducer = 500;
        final List<List<CompletableFuture<Appended>>> futures = new ArrayList<>();
        try (Journal journal = Journal.open(context(durability)))
        {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < 4; p++)
            {
                final List<CompletableFuture<Appended>> mine = new ArrayList<>();
                futures.add(mine);
                final int producer = p;
                producers.add(new Thread(() ->
                {
                    awaitQuietly(start);
                    for (int i = 0; i < perProducer; i++)
                    {
                        mine.add(appendRetrying(journal, JournalEntries.ballot(producer * perProducer + i)));
                    }
                }));
            }
            producers.forEach(Thread::start);
            start.countDown();
            for (final Thread producer : producers)
            {
                producer.join(20_000);
            }
            CompletableFuture.allOf(futures.stream().flatMap(List::stream).toArray(CompletableFuture[]::new))
                .get(20, TimeUnit.SECONDS);
            assertThat(journal.nextPosition()).isEqualTo(4 * perProducer);
        }

        final RecordingTallyIn read = readAll();
        assertThat(read.records).hasSize(4 * perProducer);
        for (int position = 0; position < read.records.size(); position++)
        {
            assertThat(read.records.get(position).position()).isEqualTo(position);
        }
        for (int p = 0; p < 4; p++)
        {
            for (int i = 0; i < perProducer; i++)
            {
                final Appended appended = futures.get(p).get(i).get();
                assertThat(read.records.get((int)appended.position()).entry())
                    .isEqualTo(JournalEntries.ballot(p * perProducer + i));
            }
        }
    }

    @Test
    void timeIsTheClocksButNeverGoesBackwards() throws Exception
    {
        try (Journal journal = Journal.open(context(Durability.PAGE_CACHE)))
        {
            clock.set(5_000);
            assertThat(journal.append(JournalEntries.ballot(1)).get().timeMicros()).isEqualTo(5_000);
            clock.set(3_000);
            assertThat(journal.append(JournalEntries.ballot(2)).get().timeMicros()).isEqualTo(5_000);
            clock.set(7_000);
            assertThat(journal.append(JournalEntries.ballot(3)).get().timeMicros()).isEqualTo(7_000);
        }
        clock.set(1);
        try (Journal journal = Journal.open(context(Durability.PAGE_CACHE)))
        {
            final Appended appended = journal.append(JournalEntries.ballot(4)).get();
            assertThat(appended.position()).isEqualTo(3);
            assertThat(appended.timeMicros()).isEqualTo(7_000);
        }
    }

    @Test
    void reopeningContinuesTheSequence() throws Exception
    {
        try (Journal journal = Journal.open(context(Durability.FSYNC)))
        {
            for (int i = 0; i < 10; i++)
            {
                journal.append(JournalEntries.ballot(i));
            }
        }
        try (Journal journal = Journal.open(context(Durability.FSYNC)))
        {
            assertThat(journal.openReport()).isEqualTo(new Journal.OpenReport(10, 0, 0, 0, List.of()));
            assertThat(journal.nextPosition()).isEqualTo(10);
            assertThat(journal.append(JournalEntries.ballot(10)).get().position()).isEqualTo(10);
        }
        assertThat(readAll().records).hasSize(11);
    }

    @Test
    void aSecondWriterIsRefusedWithTheDirectoryNamed() throws Exception
    {
        try (Journal journal = Journal.open(context(Durability.FSYNC)))
        {
            assertThatThrownBy(() -> Journal.open(context(Durability.FSYNC)))
                .isInstanceOf(JournalLockedException.class)
                .hasMessageContaining(directory.toAbsolutePath().toString())
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(journal.append(JournalEntries.ballot(1)).get().position()).isZero();
        }
        try (Journal journal = Journal.open(context(Durability.FSYNC)))
        {
            assertThat(journal.nextPosition()).isEqualTo(1);
        }
    }

    @Test
    void aFullRingFailsFastWithBackpressure()
    {
        final CountDownLatch release = new CountDownLatch(1);
        final JournalContext blockingClock = new JournalContext().directory(directory).ringCapacity(4096)
            .clockMicros(() ->
            {
                awaitQuietly(release);
                return 1;
            });
        try (Journal journal = Journal.open(blockingClock))
        {
            final List<CompletableFuture<Appended>> accepted = new ArrayList<>();
            CompletableFuture<Appended> refused = null;
            for (int i = 0; i < 1_000 && refused == null; i++)
            {
                final CompletableFuture<Appended> future = journal.append(JournalEntries.ballot(i));
                if (future.isCompletedExceptionally())
                {
                    refused = future;
                }
                else
                {
                    accepted.add(future);
                }
            }
            assertThat(refused).isNotNull();
            assertThatThrownBy(refused::get).hasCauseInstanceOf(JournalBackpressureException.class);
            release.countDown();
            CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).join();
            assertThat(accepted).allMatch(f -> !f.isCompletedExceptionally());
        }
    }

    @Test
    void anEntryTooBigForTheRingFailsItsFutureNotTheWriter() throws Exception
    {
        final JournalEntry huge = new JournalEntry.BallotCast(new Ballot("poll-1", "b", new Key128(1, 2),
            new Key128(3, 4), "digital", 0, new BallotContent.Opinion(1, null, "x".repeat(10_000))));
        try (Journal journal = Journal.open(context(Durability.FSYNC).ringCapacity(4096)))
        {
            assertThatThrownBy(() -> journal.append(huge).get()).hasCauseInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> journal.append(null).get()).hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(journal.append(JournalEntries.ballot(1)).get().position()).isZero();
        }
    }

    @Test
    void closeAcknowledgesEverythingTakenAndRefusesLaterAppends() throws Exception
    {
        final List<CompletableFuture<Appended>> futures = new ArrayList<>();
        final Journal journal = Journal.open(context(Durability.FSYNC));
        for (int i = 0; i < 200; i++)
        {
            futures.add(journal.append(JournalEntries.ballot(i)));
        }
        journal.close();
        for (int i = 0; i < futures.size(); i++)
        {
            assertThat(futures.get(i)).isCompleted();
            assertThat(futures.get(i).join().position()).isEqualTo(i);
            assertThat(futures.get(i).join().timeMicros()).isEqualTo(clock.get());
        }
        assertThatThrownBy(() -> journal.append(JournalEntries.ballot(1)).get())
            .hasCauseInstanceOf(JournalException.class);
    }

    @Test
    void theReaderTailsWhatTheWriterAppends() throws Exception
    {
        try (Journal journal = Journal.open(context(Durability.PAGE_CACHE));
            JournalReader reader = JournalReader.open(directory, 0))
        {
            final RecordingTallyIn in = new RecordingTallyIn();
            assertThat(reader.poll(in, 10)).isZero();
            journal.append(JournalEntries.ballot(0)).get();
            journal.append(JournalEntries.ballot(1)).get();
            assertThat(reader.poll(in, 1)).isEqualTo(1);
            assertThat(reader.poll(in, 10)).isEqualTo(1);
            assertThat(reader.poll(in, 10)).isZero();
            journal.append(JournalEntries.ballot(2)).get();
            assertThat(reader.poll(in, 10)).isEqualTo(1);
            assertThat(in.records).extracting(JournalRecord::position).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void replayStartsAndStopsWhereAsked() throws Exception
    {
        try (Journal journal = Journal.open(context(Durability.PAGE_CACHE)))
        {
            for (int i = 0; i < 20; i++)
            {
                journal.append(JournalEntries.ballot(i)).get();
            }
        }
        try (JournalReader reader = JournalReader.open(directory, 5))
        {
            final RecordingTallyIn in = new RecordingTallyIn();
            assertThat(reader.replay(in, 12)).isEqualTo(7);
            assertThat(in.records).extracting(JournalRecord::position).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L);
            assertThat(reader.replay(in, Long.MAX_VALUE)).isEqualTo(8);
            assertThat(in.records.get(in.records.size() - 1).entry()).isEqualTo(JournalEntries.ballot(19));
        }
    }

    @Test
    void aCorruptTailIsDroppedOnOpenAndSkippedByReaders() throws Exception
    {
        appendAndClose(3);
        final byte[] garbage = JournalRecordCodecTest.encode(JournalEntries.ballot(3), 3, 1);
        garbage[garbage.length - 1] ^= 1;
        appendRaw(garbage);
        appendRaw(new byte[] {1, 2, 3});

        final JournalVerifier.Report report = JournalVerifier.verify(directory);
        assertThat(report).isEqualTo(new JournalVerifier.Report(3, 2, 0, 2, false, 3, report.firstBadReason(),
            report.chainHead()));
        assertThat(JournalVerifier.verify(directory).firstBadReason()).contains("CRC32C");
        try (Journal journal = Journal.open(context(Durability.FSYNC)))
        {
            assertThat(journal.openReport()).isEqualTo(new Journal.OpenReport(3, 2, garbage.length + 3, 0, List.of()));
            assertThat(journal.append(JournalEntries.ballot(3)).get().position()).isEqualTo(3);
        }
        final RecordingTallyIn read = readAll();
        assertThat(read.records).extracting(JournalRecord::position).containsExactly(0L, 1L, 2L, 3L);
        assertThat(read.records.get(3).entry()).isEqualTo(JournalEntries.ballot(3));
        final JournalVerifier.Report after = JournalVerifier.verify(directory);
        assertThat(after).isEqualTo(new JournalVerifier.Report(4, 3, 2, 0, false, -1, null, after.chainHead()));
        try (Journal journal = Journal.open(context(Durability.FSYNC)))
        {
            assertThat(journal.openReport()).isEqualTo(new Journal.OpenReport(4, 0, 0, 0, List.of()));
        }
    }

    @Test
    void theOpeningPassHandsOnWhatAReaderReadsInEveryFormatVersion() throws Exception
    {
        // Version 1 derives its chain, 2 on stores authors and chains, 4 holds encrypted arguments and their keys.
        for (final String golden : List.of("golden-v1.zip", "golden-v2.zip", "golden-v3.zip", "golden-v4.zip"))
        {
            final Path unzipped = directory.resolve(golden);
            GoldenJournalTest.unzip(golden, unzipped);
            final List<Path> journals;
            try (Stream<Path> files = Files.list(unzipped))
            {
                journals = files.filter(Files::isDirectory).sorted().toList();
            }
            for (final Path journal : journals)
            {
                final List<JournalRecord> read = new ArrayList<>();
                try (JournalReader reader = JournalReader.open(journal, 0))
                {
                    reader.read(read::add, Integer.MAX_VALUE, Long.MAX_VALUE);
                }
                final HandedOn handed = new HandedOn();
                try (Journal opened = Journal.open(new JournalContext().directory(journal)
                    .durability(Durability.PAGE_CACHE).clockMicros(clock::get), handed))
                {
                    assertThat(opened.nextPosition()).isEqualTo(read.size());
                }
                assertThat(handed.expected).as("%s/%s", golden, journal.getFileName()).containsExactly(
                    (long)GoldenJournals.RECORDS);
                assertThat(handed.records).as("%s/%s", golden, journal.getFileName()).isEqualTo(read);
                for (int i = 0; i < read.size(); i++)
                {
                    assertThat(handed.records.get(i).by()).isEqualTo(read.get(i).by());
                    assertThat(handed.records.get(i).chain()).isEqualTo(read.get(i).chain());
                }
            }
        }
    }

    @Test
    void theOpeningPassHandsOnNothingOfACorruptTailOrPastCorruptionInTheMiddle()
    {
        appendAndClose(3);
        appendRaw(new byte[] {1, 2, 3});
        final HandedOn tail = new HandedOn();
        try (Journal journal = Journal.open(context(Durability.FSYNC), tail))
        {
            assertThat(journal.openReport().droppedRecords()).isEqualTo(1);
        }
        assertThat(tail.expected).containsExactly(4L);
        assertThat(tail.records).extracting(JournalRecord::position).containsExactly(0L, 1L, 2L);

        appendRaw(new byte[] {9, 9, 9, 9});
        appendRaw(JournalRecordCodecTest.encode(JournalEntries.ballot(3), 3, 1));
        final HandedOn middle = new HandedOn();
        assertThatThrownBy(() -> Journal.open(context(Durability.FSYNC), middle))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("valid records follow");
        // Handed on before the open failed: the records before the bad one, which its caller discards.
        assertThat(middle.records).extracting(JournalRecord::position).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aFileCutShortInsideARecordIsBridgedSoTheNextRecordsAreRead() throws Exception
    {
        appendAndClose(6);
        final long[] record4 = new long[2];
        try (SingleChronicleQueue queue = JournalQueues.openForReading(directory);
            ExcerptTailer tailer = queue.createTailer())
        {
            for (int i = 0; i <= 4; i++)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    record4[0] = document.wire().bytes().readPosition();
                    record4[1] = document.wire().bytes().readRemaining();
                }
            }
        }
        final Path file;
        try (Stream<Path> files = Files.list(directory))
        {
            file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(record4[0] + 10);
        }

        try (Journal journal = Journal.open(context(Durability.FSYNC)))
        {
            final Journal.OpenReport report = journal.openReport();
            assertThat(report.nextPosition()).isEqualTo(4);
            assertThat(report.droppedRecords()).isEqualTo(1);
            assertThat(report.droppedBytes()).isEqualTo(record4[1]);
            assertThat(report.cutOffBytes()).isPositive();
            assertThat(journal.append(JournalEntries.ballot(40)).get(10, TimeUnit.SECONDS).position()).isEqualTo(4);
            assertThat(journal.append(JournalEntries.ballot(41)).get(10, TimeUnit.SECONDS).position()).isEqualTo(5);
        }
        final RecordingTallyIn read = readAll();
        assertThat(read.records).extracting(JournalRecord::position).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(read.records.get(4).entry()).isEqualTo(JournalEntries.ballot(40));
        assertThat(JournalVerifier.verify(directory).ok()).isTrue();
        try (Journal journal = Journal.open(context(Durability.FSYNC)))
        {
            assertThat(journal.openReport()).isEqualTo(new Journal.OpenReport(6, 0, 0, 0, List.of()));
        }
    }

    @Test
    void anEmptyDailyFileIsRemovedInsteadOfWaitedFor() throws Exception
    {
        appendAndClose(3);
        truncateNewestFile(0);

        final long start = System.nanoTime();
        try (Journal journal = Journal.open(context(Durability.FSYNC)))
        {
            // Chronicle waits 20 to 60 seconds for another process to write the header of an empty file.
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
            assertThat(journal.openReport().nextPosition()).isZero();
            assertThat(journal.openReport().blankFilesSetAside()).hasSize(1);
            assertThat(journal.append(JournalEntries.ballot(7)).get(10, TimeUnit.SECONDS).position()).isZero();
        }
        assertThat(readAll().records).extracting(JournalRecord::entry).containsExactly(JournalEntries.ballot(7));
    }

    @Test
    void aDailyFileCutInsideItsHeaderRefusesToOpenWithWhatToDo() throws Exception
    {
        appendAndClose(3);
        truncateNewestFile(100);

        assertThatThrownBy(() -> Journal.open(context(Durability.FSYNC))).isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining(directory.toAbsolutePath().toString())
            .hasMessageContaining("damaged at its start")
            .hasMessageContaining("Restore the journal from a backup");
        assertThatThrownBy(() -> JournalVerifier.verify(directory)).isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("damaged at its start");
    }

    @Test
    void corruptionFollowedByValidRecordsRefusesToOpen()
    {
        appendAndClose(3);
        appendRaw(new byte[] {9, 9, 9, 9});
        appendRaw(JournalRecordCodecTest.encode(JournalEntries.ballot(3), 3, 1));

        assertThatThrownBy(() -> Journal.open(context(Durability.FSYNC)))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("position 3")
            .hasMessageContaining("valid records follow");
        final JournalVerifier.Report report = JournalVerifier.verify(directory);
        assertThat(report.corruptInMiddle()).isTrue();
        assertThat(report.lastGoodPosition()).isEqualTo(2);
        assertThat(report.firstBadPosition()).isEqualTo(3);
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            final RecordingTallyIn in = new RecordingTallyIn();
            assertThat(reader.poll(in, 10)).isEqualTo(3);
            assertThatThrownBy(() -> reader.poll(in, 10)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("position 3");
            assertThatThrownBy(() -> reader.poll(in, 10)).isInstanceOf(JournalCorruptException.class);
        }
        // The lock was released by the refused open.
        assertThatThrownBy(() -> Journal.open(context(Durability.FSYNC))).isInstanceOf(JournalCorruptException.class);
    }

    @Test
    void aWellFormedRecordOutOfSequenceIsCorruption()
    {
        appendAndClose(2);
        appendRaw(JournalRecordCodecTest.encode(JournalEntries.ballot(5), 5, 1));

        final JournalVerifier.Report report = JournalVerifier.verify(directory);
        assertThat(report.firstBadReason()).contains("holds position 5 where 2 was expected");
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            assertThatThrownBy(() -> reader.replay(new RecordingTallyIn(), Long.MAX_VALUE))
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("found position 5");
        }
    }

    private void appendAndClose(final int count)
    {
        try (Journal journal = Journal.open(context(Durability.PAGE_CACHE)))
        {
            for (int i = 0; i < count; i++)
            {
                journal.append(JournalEntries.ballot(i));
            }
        }
    }

    private void truncateNewestFile(final long length) throws Exception
    {
        try (Stream<Path> files = Files.list(directory);
            FileChannel channel = FileChannel.open(files.filter(f -> f.toString().endsWith(".cq4")).sorted()
                .reduce((first, second) -> second).orElseThrow(), StandardOpenOption.WRITE))
        {
            channel.truncate(length);
        }
    }

    /** Writes a document the way a buggy or half-flushed writer could leave one: complete for Chronicle. */
    private void appendRaw(final byte[] bytes)
    {
        try (SingleChronicleQueue queue = JournalQueues.open(directory, Durability.PAGE_CACHE);
            ExcerptAppender appender = queue.createAppender();
            DocumentContext document = appender.writingDocument())
        {
            document.wire().bytes().write(bytes);
        }
    }

    private RecordingTallyIn readAll()
    {
        final RecordingTallyIn in = new RecordingTallyIn();
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            reader.replay(in, Long.MAX_VALUE);
        }
        return in;
    }

    static CompletableFuture<Appended> appendRetrying(final Journal journal, final JournalEntry entry)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true)
        {
            final CompletableFuture<Appended> future = journal.append(entry);
            final boolean backpressured = future.isCompletedExceptionally() &&
                future.handle((ok, ex) -> ex instanceof JournalBackpressureException).join();
            if (!backpressured || System.nanoTime() > deadline)
            {
                return future;
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }


    /** What an opening pass handed on. */
    private static final class HandedOn implements VerifiedRecords
    {
        final List<Long> expected = new ArrayList<>();
        final List<JournalRecord> records = new ArrayList<>();

        @Override
        public void expect(final long count, final ArgumentKeys keys)
        {
            expected.add(count);
        }

        @Override
        public void accept(final JournalRecord record)
        {
            records.add(record);
        }
    }
}
