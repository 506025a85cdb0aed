package org.urne.tally.journal;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.internal.NativeBytesStore;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;

/**
 * Tells the kernel that the writer's mapped chunks of the journal are not read ahead ({@code MADV_RANDOM}), so that
 * each fault maps one page. Without it, Linux (ext4 since 6.16) fills a sequentially faulted file mapping with large
 * page-cache folios, and since a folio is dirty or clean as a whole, every per-batch sync wrote back whole folios:
 * under load a batch of about 2 KB cost a write of about 270 KB and an {@code msync} of 0.7 ms instead of 0.2 ms
 * (docs/load.md, "The journal's sync"). Advice only: on a kernel or platform that ignores it, nothing changes but
 * the cost of a sync.
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
