package org.urne.tally.journal;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer killed between Chronicle creating a day's cycle file and completing its first header leaves a blank file
 * (found by the deploy module's crash tests: a server killed during its first start could not start again). The
 * next writer sets it aside (renamed, never deleted), and the journal works as if it had never been there: records
 * are acknowledged, a reader sees them, and the next open finds them.
 */
class BlankCycleFileTest
{
    /** The size Chronicle gives a new daily cycle file: the crash leaves it at full size, all zeros. */
    private static final long CYCLE_FILE_SIZE = 83_886_080;

    @TempDir(factory = JournalTempDir.class)
    Path directory;

    @Test
    void aCycleFileLeftBlankByACrashIsRemovedAndTheJournalCarriesOn() throws Exception
    {
        crashedBeforeTheFirstHeader(0);
    }

    /** What a writer killed while writing the file's first header leaves (seen after a SIGKILL in a first start). */
    @Test
    void aCycleFileWithAnIncompleteFirstHeaderIsRemovedAndTheJournalCarriesOn() throws Exception
    {
        crashedBeforeTheFirstHeader(0xC000_0000);
    }

    private void crashedBeforeTheFirstHeader(final int firstHeader) throws Exception
    {
        try (Journal ignored = Journal.open(new JournalContext().directory(directory)))
        {
            // A first start: the queue's metadata exists, no record yet.
        }
        final String blankName = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + "F.cq4";
        try (RandomAccessFile blank = new RandomAccessFile(directory.resolve(blankName).toFile(), "rw"))
        {
            blank.setLength(CYCLE_FILE_SIZE);
            blank.writeInt(Integer.reverseBytes(firstHeader));
        }

        try (Journal journal = Journal.open(new JournalContext().directory(directory));
            JournalReader reader = JournalReader.open(directory, 0))
        {
            assertThat(journal.append(JournalEntries.ballot(1)).get(30, TimeUnit.SECONDS).position()).isZero();
            final RecordingTallyIn read = new RecordingTallyIn();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read.records.isEmpty() && System.nanoTime() < deadline)
            {
                reader.poll(read, 10);
            }
            assertThat(read.records).as("a reader sees the record written where the blank file was").hasSize(1);
            assertThat(read.records.get(0).entry()).isEqualTo(JournalEntries.ballot(1));
            assertThat(journal.openReport()).isEqualTo(new Journal.OpenReport(0, 0, 0, 0, List.of(blankName)));
        }
        try (Journal journal = Journal.open(new JournalContext().directory(directory)))
        {
            assertThat(journal.openReport()).isEqualTo(new Journal.OpenReport(1, 0, 0, 0, List.of()));
        }
        assertThat(JournalVerifier.verify(directory).ok()).isTrue();
        assertThat(Files.size(directory.resolve(blankName))).as("recreated by Chronicle").isPositive();
        assertThat(Files.size(directory.resolve(blankName + ".blank"))).as("the blank file, set aside whole")
            .isEqualTo(CYCLE_FILE_SIZE);
    }
}
