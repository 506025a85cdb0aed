package org.urne.tally.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.core.TallyCore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Old journals stay readable: the golden journals of record format version 1 (written by {@link GoldenJournals},
 * committed under test resources) still verify and replay to the state they held when they were written, pinned by
 * its state hash. A change to the codec, the core's counting or Chronicle that breaks this breaks every journal of
 * that version in the field. A new format version adds its own golden file; this one stays.
 *
 * <p>To regenerate after adding a version (never to make this test pass): from the tally module, {@code
 * java -cp "target/test-classes:target/classes:$(../mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
 * org.urne.tally.journal.GoldenJournals}.
 */
class GoldenJournalTest
{
    /** The state hash each seed's version-1 journal replays to, as written on 2026-11-30. */
    private static final Map<Long, String> STATE_HASHES = Map.of(
        1L, "a251287e19ff7891",
        2L, "9a071d95b92ed18e",
        3L, "a32297f37c011be9");

    @TempDir
    Path directory;

    @Test
    void theVersion1JournalsStillVerifyAndReplayToTheStateTheyHeld() throws IOException
    {
        unzip("golden-v1.zip");
        for (final long seed : GoldenJournals.SEEDS)
        {
            final Path journal = directory.resolve("seed-" + seed);
            final JournalVerifier.Report report = JournalVerifier.verify(journal);
            assertThat(report.records()).as("seed %d: %s", seed, report).isEqualTo(GoldenJournals.RECORDS);
            assertThat(report.badRecords()).as("seed %d", seed).isZero();
            final TallyCore core = new TallyCore();
            try (JournalReader reader = JournalReader.open(journal, 0))
            {
                assertThat(reader.replay(core, Long.MAX_VALUE)).isEqualTo(GoldenJournals.RECORDS);
            }
            assertThat(core.lastPosition()).isEqualTo(GoldenJournals.RECORDS - 1);
            assertThat(Long.toHexString(core.stateHash())).as("seed %d's state", seed)
                .isEqualTo(STATE_HASHES.get(seed));
            // And the same records, applied as a fresh core applies them, give that state: the file holds what the
            // generator made of the seed, nothing else.
            final TallyCore fresh = new TallyCore();
            final var records = RandomJournal.generate(seed, GoldenJournals.RECORDS);
            long time = Long.MIN_VALUE;
            for (int position = 0; position < records.size(); position++)
            {
                time = Math.max(time, records.get(position).timeMicros());
                records.get(position).entry().dispatch(position, time, fresh);
            }
            assertThat(fresh.stateHash()).as("seed %d regenerated", seed).isEqualTo(core.stateHash());
        }
    }

    /**
     * Writes an entry leaving its runs of zeros as holes: a Chronicle cycle file is an 84 MB mapping of which a few
     * kilobytes are written, and the copy should not cost 84 MB of disk.
     */
    private static void copySparse(final InputStream in, final Path file) throws IOException
    {
        final byte[] block = new byte[64 * 1024];
        long length = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            int read;
            while ((read = in.readNBytes(block, 0, block.length)) > 0)
            {
                if (!allZero(block, read))
                {
                    out.write(ByteBuffer.wrap(block, 0, read), length);
                }
                length += read;
            }
            if (out.size() < length)
            {
                out.write(ByteBuffer.wrap(new byte[1]), length - 1);
            }
        }
    }

    private static boolean allZero(final byte[] block, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (block[i] != 0)
            {
                return false;
            }
        }
        return true;
    }

    private void unzip(final String resource) throws IOException
    {
        try (InputStream in = GoldenJournalTest.class.getResourceAsStream(resource);
            ZipInputStream zip = new ZipInputStream(in))
        {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null)
            {
                final Path file = directory.resolve(entry.getName()).normalize();
                assertThat(file).startsWithRaw(directory);
                Files.createDirectories(file.getParent());
                copySparse(zip, file);
            }
        }
    }
}
