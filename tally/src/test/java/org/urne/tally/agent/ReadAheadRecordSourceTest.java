package org.urne.tally.agent;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.journal.Durability;
import org.urne.tally.journal.Journal;
import org.urne.tally.journal.JournalContext;
import org.urne.tally.journal.JournalCorruptException;
import org.urne.tally.journal.JournalReader;
import org.urne.tally.journal.JournalRecord;
import org.urne.tally.journal.JournalTempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The journal read ahead on a thread of its own dispatches what the reader itself dispatches: the same records in
 * the same order, each with its chain value and author while it is dispatched, the stop position kept, a corrupt
 * record reported after the records before it, and a close that stops a reader waiting for room.
 */
class ReadAheadRecordSourceTest
{
    /** More than the queue holds, so the reader thread has to wait for room. */
    private static final int RECORDS = ReadAheadRecordSource.CAPACITY + 1_904;
    private static final String MARKER = "read-ahead-marker-poll";

    @TempDir(factory = JournalTempDir.class)
    Path directory;

    @Test
    void dispatchesWhatTheReaderDispatchesWithEachRecordsChainAndAuthor()
    {
        write(RandomJournal.generate(20220618, RECORDS));
        final List<String> direct = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            final Seen seen = new Seen(reader::current, direct);
            while (reader.poll(seen, 1_000) > 0)
            {
                assertThat(direct).isNotEmpty();
            }
        }
        final List<String> readAhead = new ArrayList<>();
        final Random random = new Random(7);
        try (JournalReader reader = JournalReader.open(directory, 0);
            ReadAheadRecordSource source = ReadAheadRecordSource.start(reader, Long.MAX_VALUE))
        {
            final Seen seen = new Seen(source::current, readAhead);
            int polled;
            do
            {
                final int limit = 1 + random.nextInt(700);
                final int before = readAhead.size();
                polled = source.poll(seen, limit);
                assertThat(polled).isLessThanOrEqualTo(limit).isEqualTo(readAhead.size() - before);
            }
            while (polled > 0);
            assertThat(source.poll(seen, 10)).isZero();
        }
        assertThat(direct).hasSize(RECORDS);
        assertThat(readAhead).isEqualTo(direct);
    }

    @Test
    void readsNothingFromTheStopPositionOn()
    {
        write(RandomJournal.generate(20220619, 3_000));
        final List<String> seenPositions = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory, 0);
            ReadAheadRecordSource source = ReadAheadRecordSource.start(reader, 1_234))
        {
            final Seen seen = new Seen(source::current, seenPositions);
            long dispatched = 0;
            int polled;
            while ((polled = source.poll(seen, 500)) > 0)
            {
                dispatched += polled;
            }
            assertThat(dispatched).isEqualTo(1_234);
            assertThat(source.current().position()).isEqualTo(1_233);
            assertThat(source.poll(seen, 500)).isZero();
        }
        assertThat(seenPositions).hasSize(1_234);
    }

    @Test
    void aCorruptRecordIsReportedAfterTheRecordsBeforeItAndAgainOnEveryPoll() throws IOException
    {
        final List<RandomJournal.Timed> stream = new ArrayList<>(RandomJournal.generate(20220620, 2_000));
        stream.add(1_500, new RandomJournal.Timed(stream.get(1_499).timeMicros(), new JournalEntry.PollOpened(MARKER)));
        write(stream);
        flipAByteOfTheMarker();

        final long directlyDispatched;
        final long badPosition;
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            final Seen seen = new Seen(reader::current, new ArrayList<>());
            long dispatched = 0;
            long bad = -1;
            try
            {
                int polled;
                while ((polled = reader.poll(seen, 300)) > 0)
                {
                    dispatched += polled;
                }
            }
            catch (final JournalCorruptException ex)
            {
                bad = ex.position();
            }
            directlyDispatched = dispatched;
            badPosition = bad;
        }
        assertThat(badPosition).isEqualTo(1_500);
        assertThat(directlyDispatched).isEqualTo(1_500);

        try (JournalReader reader = JournalReader.open(directory, 0);
            ReadAheadRecordSource source = ReadAheadRecordSource.start(reader, Long.MAX_VALUE))
        {
            final Seen seen = new Seen(source::current, new ArrayList<>());
            long dispatched = 0;
            int polled;
            try
            {
                while ((polled = source.poll(seen, 300)) > 0)
                {
                    dispatched += polled;
                }
            }
            catch (final JournalCorruptException ex)
            {
                assertThat(ex.position()).isEqualTo(badPosition);
            }
            assertThat(dispatched).isEqualTo(directlyDispatched);
            for (int i = 0; i < 2; i++)
            {
                assertThatThrownBy(() -> source.poll(seen, 300)).isInstanceOf(JournalCorruptException.class)
                    .satisfies(ex -> assertThat(((JournalCorruptException)ex).position()).isEqualTo(badPosition));
            }
        }
    }

    @Test
    void closeStopsAReaderWaitingForRoom()
    {
        write(RandomJournal.generate(20220621, RECORDS));
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            final ReadAheadRecordSource source = ReadAheadRecordSource.start(reader, Long.MAX_VALUE);
            final Seen seen = new Seen(source::current, new ArrayList<>());
            assertThat(source.poll(seen, 10)).isEqualTo(10);
            // Nobody polls any more: the reader thread fills the queue and waits for room, until the close.
            assertTimeoutPreemptively(Duration.ofSeconds(10), source::close);
            // Ended before the journal's end: it read what the queue held and at most the rest of one batch.
            assertThat(reader.nextPosition()).isLessThan(RECORDS);
        }
    }

    @Test
    void aHandOffDispatchesWhatItIsOfferedFromAnotherThreadThenEndsOrFails() throws Exception
    {
        write(RandomJournal.generate(20220622, RECORDS));
        final List<JournalRecord> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            reader.read(records::add, Integer.MAX_VALUE, Long.MAX_VALUE);
        }
        final List<String> direct = new ArrayList<>();
        final Seen directly = new Seen(() -> records.get(direct.size()), direct);
        for (final JournalRecord record : records)
        {
            record.entry().dispatch(record.position(), record.timeMicros(), directly);
        }

        final List<String> handedOff = new ArrayList<>();
        try (ReadAheadRecordSource source = ReadAheadRecordSource.handOff())
        {
            final Thread producer = new Thread(() ->
            {
                records.forEach(source::offer);
                source.end(null);
            });
            producer.start();
            final Seen seen = new Seen(source::current, handedOff);
            while (source.poll(seen, 333) > 0)
            {
                assertThat(handedOff).isNotEmpty();
            }
            producer.join();
            assertThat(source.poll(seen, 10)).isZero();
        }
        assertThat(handedOff).isEqualTo(direct);

        try (ReadAheadRecordSource failing = ReadAheadRecordSource.handOff())
        {
            records.subList(0, 10).forEach(failing::offer);
            failing.end(new IllegalStateException("stopped short"));
            final Seen seen = new Seen(failing::current, new ArrayList<>());
            assertThat(failing.poll(seen, 100)).isEqualTo(10);
            for (int i = 0; i < 2; i++)
            {
                assertThatThrownBy(() -> failing.poll(seen, 100)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("stopped short");
            }
        }
    }

    @Test
    void closeReleasesAnOfferWaitingForRoom() throws Exception
    {
        write(RandomJournal.generate(20220623, 10));
        final JournalRecord record;
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            final List<JournalRecord> first = new ArrayList<>();
            reader.read(first::add, 1, Long.MAX_VALUE);
            record = first.get(0);
        }
        final ReadAheadRecordSource source = ReadAheadRecordSource.handOff();
        final Thread producer = new Thread(() ->
        {
            for (int i = 0; i < ReadAheadRecordSource.CAPACITY + 10; i++)
            {
                source.offer(record);
            }
        });
        producer.start();
        producer.join(200);
        assertThat(producer.isAlive()).as("the producer waits for room").isTrue();
        source.close();
        producer.join(10_000);
        assertThat(producer.isAlive()).as("the close released it").isFalse();
    }

    private void write(final List<RandomJournal.Timed> stream)
    {
        final AtomicLong clock = new AtomicLong();
        try (Journal journal = Journal.open(new JournalContext().directory(directory)
            .durability(Durability.PAGE_CACHE).clockMicros(clock::get)))
        {
            for (final RandomJournal.Timed timed : stream)
            {
                clock.set(timed.timeMicros());
                journal.append(timed.entry(), "operator-" + (timed.timeMicros() % 3)).join();
            }
        }
    }

    /** Alters one byte of the marker poll's id where the journal stores it, so that its record's checksum fails. */
    private void flipAByteOfTheMarker() throws IOException
    {
        final byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        final Path file;
        try (Stream<Path> files = Files.list(directory))
        {
            file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            int found = -1;
            for (int i = 0; i + marker.length <= bytes.limit() && found < 0; i++)
            {
                int matched = 0;
                while (matched < marker.length && bytes.get(i + matched) == marker[matched])
                {
                    matched++;
                }
                found = matched == marker.length ? i : -1;
            }
            assertThat(found).as("the marker's bytes in %s", file).isNotNegative();
            bytes.put(found + 3, (byte)'X');
            bytes.force();
        }
    }

    /**
     * Notes each dispatched record as a line: its position, the source's current record (position, author, chain
     * value) and what was dispatched.
     */
    private static final class Seen implements TallyIn
    {
        private final Supplier<JournalRecord> current;
        private final List<String> lines;

        Seen(final Supplier<JournalRecord> current, final List<String> lines)
        {
            this.current = current;
            this.lines = lines;
        }

        private void seen(final long position, final Object what)
        {
            final JournalRecord record = current.get();
            lines.add(position + " " + record.position() + " " + record.by() + " " + Sha256.hex(record.chain()) + " " +
                what);
        }

        @Override
        public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
        {
            seen(position, definition);
        }

        @Override
        public void onPollOpened(final long position, final long timeMicros, final String pollId)
        {
            seen(position, "opened " + pollId);
        }

        @Override
        public void onPollClosed(final long position, final long timeMicros, final String pollId)
        {
            seen(position, "closed " + pollId);
        }

        @Override
        public void onBallot(final long position, final long timeMicros, final Ballot ballot)
        {
            seen(position, ballot);
        }

        @Override
        public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
        {
            seen(position, sheet);
        }

        @Override
        public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
        {
            seen(position, seal);
        }

        @Override
        public void onCommitment(final long position, final long timeMicros, final String pollId)
        {
            seen(position, "commitment " + pollId);
        }

        @Override
        public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
            final Key128 receipt)
        {
            seen(position, "annulled " + pollId + " " + receipt);
        }

        @Override
        public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
        {
            seen(position, added);
        }

        @Override
        public void onItemStatusChanged(final long position, final long timeMicros,
            final JournalEntry.ItemStatusChanged changed)
        {
            seen(position, changed);
        }
    }
}
