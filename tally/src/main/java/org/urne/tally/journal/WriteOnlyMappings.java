package org.urne.tally.journal;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.internal.NativeBytesStore;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;

/**
 * Tells the kernel that the writer's mapped chunks of the journal are not read ahead ({@code MADV_RANDOM}), so that
 * each fault maps one page. Without it, Linux (ext4 since 6.16) fills a sequentially faulted file mapping with large
 * page-cache folios, and since a folio is dirty or clean as a whole, every per-batch sync wrote back whole folios:
 * under wrk's load, 713 MB/s written back for about 2 MB/s of records, and an {@code msync} p50 of 0.69 ms against
 * 0.24 ms with the advice (docs/load.md, "The journal's sync and the event loops"). Advice only: on a kernel or
 * platform that ignores it, nothing changes but the cost of a sync.
 */
final class WriteOnlyMappings
{
    private BytesStore<?, ?> advised;

    /** Advises {@code mapping} if it is a chunk this has not seen yet (the writer moved to a new chunk or file). */
    void advise(final BytesStore<?, ?> mapping)
    {
        if (mapping == advised || !(mapping instanceof NativeBytesStore<?> chunk))
        {
            return;
        }
        advised = mapping;
        PosixAPI.posix().madvise(chunk.address, chunk.realCapacity(), MAdviseFlag.MADV_RANDOM);
    }
}
