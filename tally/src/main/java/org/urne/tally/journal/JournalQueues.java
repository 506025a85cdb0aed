package org.urne.tally.journal;

import java.nio.file.Path;

import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.io.IORuntimeException;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * Builds the Chronicle queue a journal directory holds, the same way for the writer and every reader.
 *
 * <p>Roll cycle: {@link RollCycles#FAST_DAILY}, one file per day. A votation runs for days or weeks (Clermont's
 * lasted 19 days), so a day per file keeps the directory to a few dozen files that an operator can copy and archive
 * by date, while allowing 2^32 records a day, far beyond a country's ballots. Rolling never changes a record: the
 * sequence numbers are the journal's own, carried in each record, not Chronicle's indices.
 */
final class JournalQueues
{
    private JournalQueues()
    {
    }

    /**
     * @param durability {@link Durability#FSYNC} builds the queue with {@link SyncMode#SYNC}, so that Chronicle
     *                   also syncs a chunk it lets go (the writer's own sync of each batch is {@link MappedSync});
     *                   page-cache mode builds it with {@link SyncMode#NONE}.
     */
    static SingleChronicleQueue open(final Path directory, final Durability durability)
    {
        return SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RollCycles.FAST_DAILY)
            .syncMode(durability == Durability.FSYNC ? SyncMode.SYNC : SyncMode.NONE)
            .build();
    }

    /**
     * What Chronicle's failure to read a file's own header means for an operator: a daily file damaged at its start
     * (cut short inside its header, or overwritten), whose records no reader can reach.
     */
    static JournalCorruptException unreadable(final Path directory, final IORuntimeException cause)
    {
        return new JournalCorruptException(-1, "a daily file of journal " + directory.toAbsolutePath() +
            " is damaged at its start, so its records cannot be read (" + cause.getMessage() + ").\nRestore the " +
            "journal from a backup (see docs/operations.md); refusing to append");
    }

    /** For readers and the verifier: they never append, so durability does not apply. */
    static SingleChronicleQueue openForReading(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RollCycles.FAST_DAILY)
            .build();
    }
}
