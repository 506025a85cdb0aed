package org.urne.tally.journal;

import java.io.IOException;
import java.nio.file.Path;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappedSyncTest
{
    @TempDir(factory = JournalTempDir.class)
    Path directory;

    /**
     * What a sync covers, seen from the kernel: /proc/self/smaps counts the mapping's dirty pages, and a sync that
     * wrote them back leaves none. Twice, so that the second sync, which starts where the first ended, is seen to
     * cover what was written since. Linux only.
     */
    @Test
    void aSyncLeavesNoDirtyPageOfWhatWasWrittenInItsChunk() throws IOException
    {
        SelfSmaps.assumeReadable();
        final Path file = directory.resolve("chunk.bin");
        final MappedSync sync = new MappedSync();
        try (MappedBytes bytes = MappedBytes.mappedBytes(file.toFile(), 1 << 20))
        {
            for (int round = 0; round < 2; round++)
            {
                for (int i = 0; i < 64 * 1024 / Long.BYTES; i++)
                {
                    bytes.writeLong(i * 31L + round);
                }
                final BytesStore<?, ?> chunk = bytes.bytesStore();
                assertThat(dirtyKilobytes(file)).as("round %d, written", round).isGreaterThanOrEqualTo(64);
                sync.syncUpTo(chunk, bytes.writePosition());
                assertThat(dirtyKilobytes(file)).as("round %d, synced", round).isZero();
            }
        }
    }

    /** Chronicle logs a failed msync and returns; this one throws, so that the batch is refused, not acknowledged. */
    @Test
    void aRefusedMsyncThrows()
    {
        // An address that is not a page's start: the kernel answers EINVAL, as it would EIO for a failing disk.
        assertThatThrownBy(() -> MappedSync.msync(1, 4096)).isInstanceOf(JournalException.class)
            .hasMessageContaining("msync of the journal failed").hasMessageContaining("none is acknowledged");
    }

    @Test
    void aChunkThatIsNoMappingIsRefused()
    {
        assertThatThrownBy(() -> new MappedSync().syncUpTo(BytesStore.wrap(new byte[64]), 64))
            .isInstanceOf(JournalException.class).hasMessageContaining("not a mapping");
    }

    /** Shared_Dirty plus Private_Dirty of every mapping of {@code file}, in kB. */
    private static long dirtyKilobytes(final Path file) throws IOException
    {
        long dirty = 0;
        for (final String field : new String[] {"Shared_Dirty:", "Private_Dirty:"})
        {
            for (final String value : SelfSmaps.field(header -> header.endsWith(file.toString()), field))
            {
                dirty += Long.parseLong(value.replaceAll("[^0-9]", ""));
            }
        }
        return dirty;
    }
}
