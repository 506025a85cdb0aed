package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.Sha256;

/**
 * The hash chain as docs/journal-format.md states it: recomputed here from the rule alone (SHA-256 of the previous
 * value, the first 24 header bytes and the body, from 32 zero bytes), it is what every record stores; a record
 * altered with a valid checksum is named by the writer, the reader and the verifier; a version 1 journal goes on in
 * version 2 as one chain.
 */
class JournalChainTest
{
    @TempDir(factory = JournalTempDir.class)
    Path directory;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000_000L);

    @Test
    void everyRecordStoresTheValueTheRuleGives() throws Exception
    {
        final List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            entries.add(i % 7 == 3 ? opinionWithArgument(i) : JournalEntries.ballot(i));
        }
        final List<CompletableFuture<Appended>> acks = new ArrayList<>();
        try (Journal journal = Journal.open(context()))
        {
            for (int i = 0; i < entries.size(); i++)
            {
                final AppendFuture ack = new AppendFuture();
                journal.append(entries.get(i), i % 2 == 0 ? "platform-1" : null, ack);
                acks.add(ack);
                clock.addAndGet(1_000);
            }
            acks.forEach(CompletableFuture::join);
        }

        byte[] expected = new byte[32];
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            final RecordingTallyIn in = new RecordingTallyIn();
            for (int i = 0; i < entries.size(); i++)
            {
                assertThat(reader.poll(in, 1)).isEqualTo(1);
                final JournalRecord record = reader.current();
                expected = byRule(expected, record);
                assertThat(record.chain()).as("record %d", i).isEqualTo(expected);
                assertThat(acks.get(i).join().chain()).as("ack %d", i).isEqualTo(expected);
                assertThat(record.by()).isEqualTo(i % 2 == 0 ? "platform-1" : null);
            }
            assertThat(in.records.get(3).entry()).isEqualTo(entries.get(3));
        }
        assertThat(JournalVerifier.verify(directory).chainHead()).isEqualTo(Sha256.hex(expected));
    }

    @Test
    void aRecordAlteredWithAValidChecksumIsNamedByWriterReaderAndVerifier()
    {
        try (Journal journal = Journal.open(context()))
        {
            journal.append(JournalEntries.ballot(0)).join();
            journal.append(JournalEntries.ballot(1)).join();
        }
        // Position 2 as someone who rewrote it would: a sound checksum over a chain value that is not the journal's.
        final ExpandableArrayBuffer forged = new ExpandableArrayBuffer();
        final int length = JournalRecordCodec.encode(JournalEntries.ballot(2), null, 2, clock.get(),
            new RecordChain(), forged, 0);
        appendRaw(Arrays.copyOf(forged.byteArray(), length));

        final JournalVerifier.Report report = JournalVerifier.verify(directory);
        assertThat(report.corruptInMiddle()).isTrue();
        assertThat(report.firstBadPosition()).isEqualTo(2);
        assertThat(report.firstBadReason()).contains("hash chain breaks here");
        assertThatThrownBy(() -> Journal.open(context()))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("hash chain");
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            final RecordingTallyIn in = new RecordingTallyIn();
            assertThat(reader.poll(in, 10)).isEqualTo(2);
            assertThatThrownBy(() -> reader.poll(in, 10))
                .isInstanceOf(JournalCorruptException.class)
                .satisfies(ex -> assertThat(((JournalCorruptException)ex).position()).isEqualTo(2));
        }
    }

    @Test
    void aVersion1JournalGoesOnInVersion2AsOneChain() throws Exception
    {
        GoldenJournalTest.unzip("golden-v1.zip", directory);
        final Path journalDirectory = directory.resolve("seed-1");
        final String v1Head = JournalVerifier.verify(journalDirectory).chainHead();
        final Appended appended;
        try (Journal journal = Journal.open(new JournalContext().directory(journalDirectory)
            .durability(Durability.PAGE_CACHE).clockMicros(clock::get)))
        {
            appended = journal.append(new JournalEntry.PollClosed("no-such-poll")).join();
        }
        assertThat(appended.position()).isEqualTo(GoldenJournals.RECORDS);

        final TallyCore core = new TallyCore();
        try (JournalReader reader = JournalReader.open(journalDirectory, 0))
        {
            assertThat(reader.replay(core, Long.MAX_VALUE)).isEqualTo(GoldenJournals.RECORDS + 1);
            final JournalRecord last = reader.current();
            assertThat(last.chain()).isEqualTo(byRule(hexToBytes(v1Head), last)).isEqualTo(appended.chain());
        }
        final JournalVerifier.Report report = JournalVerifier.verify(journalDirectory);
        assertThat(report.ok()).isTrue();
        assertThat(report.chainHead()).isEqualTo(Sha256.hex(appended.chain()));
    }

    /** The rule, from the documentation alone, over the record's current-version bytes as the codec lays them out. */
    private static byte[] byRule(final byte[] previous, final JournalRecord record) throws Exception
    {
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer();
        final int length = JournalRecordCodec.encodeForTransport(record.entry(), record.by(), record.position(),
            record.timeMicros(), bytes, 0);
        final ByteBuffer view = ByteBuffer.wrap(bytes.byteArray(), 0, length).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(view.getShort(0)).isEqualTo((short)JournalRecordCodec.VERSION);
        final int bodyLength = view.getInt(20);
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(previous);
        sha256.update(bytes.byteArray(), 0, 24);
        sha256.update(bytes.byteArray(), 64, bodyLength);
        return sha256.digest();
    }

    private static byte[] hexToBytes(final String hex)
    {
        return HexFormat.of().parseHex(hex);
    }

    private static JournalEntry opinionWithArgument(final int n)
    {
        return new JournalEntry.BallotCast(new Ballot("poll-2", null, new Key128(n, n), new Key128(-n, n), "digital",
            n, new BallotContent.Opinion(n % 3, Choice.FOR, "Parce que la ville " + n + " le vaut \uD83D\uDDF3")));
    }

    private JournalContext context()
    {
        return new JournalContext().directory(directory).durability(Durability.PAGE_CACHE).clockMicros(clock::get);
    }

    private void appendRaw(final byte[] bytes)
    {
        try (SingleChronicleQueue queue = JournalQueues.open(directory, Durability.PAGE_CACHE);
            ExcerptAppender appender = queue.createAppender();
            DocumentContext document = appender.writingDocument())
        {
            document.wire().bytes().write(bytes);
        }
    }
}
