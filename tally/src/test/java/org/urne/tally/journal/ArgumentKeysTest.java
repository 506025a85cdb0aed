package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

/**
 * The key store after a crash that tore an append: the torn entry is cut off when the store is opened again, so the
 * keys written after it are found by every later open (they used to be written after the torn bytes, where loading
 * stopped for good), and the keys an older version wrote after such bytes are found too.
 */
class ArgumentKeysTest
{
    /** The file's magic and one entry: key id (16), key (32), CRC32C (4). */
    private static final int MAGIC = 8;
    private static final int ENTRY = 52;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(ints = {1, 20, ENTRY - 1, ENTRY})
    void keysWrittenAfterATornEntrySurviveTheNextOpen(final int tornBytes) throws IOException
    {
        final Path path = directory.resolve("journal.argument-keys");
        writeKeys(path, 1, 2);
        // The first bytes of an entry, or a whole entry whose CRC does not match: what a crash mid-write leaves
        // after the last whole entry (in the zeros written ahead, or at the end of a file without them).
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            file.write(ByteBuffer.wrap(torn(tornBytes)), MAGIC + 2 * ENTRY);
        }
        assertHolds(path, 1, 2);
        writeKeys(path, 3, 3);
        assertHolds(path, 1, 3);
        assertThat(lengthOnceOpened(path)).isEqualTo(MAGIC + 3 * ENTRY);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, ENTRY - 1, ENTRY})
    void keysAnOlderVersionAppendedAfterATornEntryAreFound(final int tornBytes) throws IOException
    {
        final Path path = directory.resolve("journal.argument-keys");
        writeKeys(path, 1, 1);
        final Path other = directory.resolve("other.argument-keys");
        writeKeys(other, 2, 3);
        // What the versions before 2026-12-02 left after a torn append (they wrote no zeros ahead): the next run's
        // keys right after its bytes.
        final byte[] later = Files.readAllBytes(other);
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            file.truncate(MAGIC + ENTRY);
            file.write(ByteBuffer.wrap(torn(tornBytes)), MAGIC + ENTRY);
            file.write(ByteBuffer.wrap(later, MAGIC, 2 * ENTRY), MAGIC + ENTRY + tornBytes);
        }
        assertHolds(path, 1, 3);
        writeKeys(path, 4, 4);
        assertHolds(path, 1, 4);
        assertThat(lengthOnceOpened(path)).isEqualTo(MAGIC + tornBytes + 4 * ENTRY);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aDestroyedKeyStaysGoneAndLaterKeysFollowTheRewrittenFile(final int destroyed) throws IOException
    {
        final Path path = directory.resolve("journal.argument-keys");
        try (ArgumentKeys keys = ArgumentKeys.open(path))
        {
            keys.encrypt(argued(0));
            keys.encrypt(argued(1));
            assertThat(keys.destroy("p", receipt(destroyed))).isTrue();
            keys.encrypt(argued(2));
        }
        try (ArgumentKeys keys = ArgumentKeys.readOnly(path))
        {
            assertThat(keys.holds("p", receipt(destroyed))).isFalse();
            assertThat(keys.holds("p", receipt(1 - destroyed))).isTrue();
            assertThat(keys.holds("p", receipt(2))).isTrue();
        }
        assertThat(lengthOnceOpened(path)).isEqualTo(MAGIC + 2 * ENTRY);
    }

    @Test
    void keysGoIntoZerosWrittenAheadWhichTheNextOpenCutsOff() throws IOException
    {
        final Path path = directory.resolve("journal.argument-keys");
        try (ArgumentKeys keys = ArgumentKeys.open(path))
        {
            keys.encrypt(argued(1));
            assertThat(Files.size(path)).isEqualTo(MAGIC + 64 * 1024);
            for (int n = 2; n <= 1_300; n++)
            {
                keys.encrypt(argued(n));
            }
            // Past the first 64 KB of zeros (1,260 entries), another 64 KB.
            assertThat(Files.size(path)).isEqualTo(MAGIC + 2 * 64 * 1024);
        }
        try (ArgumentKeys keys = ArgumentKeys.open(path))
        {
            assertThat(Files.size(path)).isEqualTo(MAGIC + 1_300 * ENTRY);
            for (int n = 1; n <= 1_300; n++)
            {
                assertThat(keys.holds("p", receipt(n))).as("key %d", n).isTrue();
            }
        }
    }

    /** Opens the store for writing and gives it the keys of arguments {@code from} to {@code to}. */
    private static void writeKeys(final Path path, final int from, final int to)
    {
        try (ArgumentKeys keys = ArgumentKeys.open(path))
        {
            for (int n = from; n <= to; n++)
            {
                keys.encrypt(argued(n));
            }
        }
    }

    /** The store, opened for reading, holds the keys of arguments {@code from} to {@code to}. */
    private static void assertHolds(final Path path, final int from, final int to)
    {
        try (ArgumentKeys keys = ArgumentKeys.readOnly(path))
        {
            for (int n = from; n <= to; n++)
            {
                assertThat(keys.holds("p", receipt(n))).as("key %d", n).isTrue();
            }
        }
    }

    private static byte[] torn(final int length)
    {
        final byte[] torn = new byte[length];
        Arrays.fill(torn, (byte)0x5a);
        return torn;
    }

    /** The file's length after a server opened it: zeros written ahead and a torn tail cut off. */
    private static long lengthOnceOpened(final Path path) throws IOException
    {
        try (ArgumentKeys ignored = ArgumentKeys.open(path))
        {
            return Files.size(path);
        }
    }

    private static JournalEntry argued(final int n)
    {
        return new JournalEntry.BallotCast(new Ballot("p", "b" + n, new Key128(9, n), receipt(n), "digital", n,
            new BallotContent.Opinion(1, Choice.FOR, "argument " + n)));
    }

    private static Key128 receipt(final int n)
    {
        return new Key128(n, n + 1);
    }
}
