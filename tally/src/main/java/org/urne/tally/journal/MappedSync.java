package org.urne.tally.journal;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.internal.NativeBytesStore;
import net.openhft.chronicle.core.OS;
import net.openhft.posix.MSyncFlag;
import net.openhft.posix.PosixAPI;

/**
 * The journal writer's msync of what a batch wrote to the current mapped chunk: from the page where the last sync of
 * the same chunk ended (or the chunk's start) up to the write position, the range Chronicle's
 * {@code appender.sync()} covers. It exists because Chronicle only logs a failed msync and returns, so a batch whose
 * sync failed (an I/O error on a failing disk) would have been acknowledged as durable; here the failure throws, the
 * writer stops, and the batch is refused (docs/reliability.md).
 */
final class MappedSync
{
    private BytesStore<?, ?> chunk;
    private long syncedUpTo;

    /** Syncs {@code mapping} up to file offset {@code writePosition}; throws when the kernel refuses. */
    void syncUpTo(final BytesStore<?, ?> mapping, final long writePosition)
    {
        if (!(mapping instanceof NativeBytesStore<?> mapped))
        {
            throw new JournalException("the journal's current chunk is not a mapping of its file: " + mapping);
        }
        final long start = mapping.start();
        final long from = mapping == chunk ? syncedUpTo : start;
        final long offset = (from - start) & -(long)OS.pageSize();
        msync(mapped.address + offset, writePosition - start - offset);
        chunk = mapping;
        syncedUpTo = writePosition;
    }

    /** One {@code msync(MS_SYNC)} of {@code length} bytes from the page-aligned {@code address}, checked. */
    static void msync(final long address, final long length)
    {
        if (length <= 0)
        {
            return;
        }
        final int result = PosixAPI.posix().msync(address, length, MSyncFlag.MS_SYNC);
        if (result != 0)
        {
            throw new JournalException("msync of the journal failed (" + PosixAPI.posix().lastErrorStr() +
                "): the records of this batch may not be on disk, and none is acknowledged");
        }
    }
}
