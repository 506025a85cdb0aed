package org.urne.tally.journal;

import java.nio.file.Files;
import java.nio.file.Path;

import net.openhft.chronicle.core.io.IORuntimeException;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import org.urne.tally.domain.Sha256;

/**
 * Checks a whole journal, record by record (checksum, sequence, hash chain), without changing it: what the
 * {@code verify} command runs.
 */
public final class JournalVerifier
{
    /**
     * What a verification found.
     *
     * @param records           valid records, at positions 0 to {@code records - 1}.
     * @param lastGoodPosition  the position of the last valid record, or -1 when there is none.
     * @param droppedRecords    corrupt tail records an earlier writer dropped on open (listed, skipped, not errors).
     * @param badRecords        records that fail their checks and were not dropped: a corrupt tail the next writer
     *                          will drop, or, when {@link #corruptInMiddle()}, damage that needs an operator.
     * @param corruptInMiddle   whether a bad record is followed by a well-formed one, or breaks the hash chain.
     * @param firstBadPosition  the position the first bad record should have held, or -1 when there is none.
     * @param firstBadReason    what is wrong with it, or null.
     * @param chainHead         the chain value of the last valid record, lowercase hex: what a seal or a commitment
     *                          published at that position must show.
     */
    public record Report(long records, long lastGoodPosition, long droppedRecords, long badRecords,
        boolean corruptInMiddle, long firstBadPosition, String firstBadReason, String chainHead)
    {
        /** True when every record checks out (dropped tails excepted). */
        public boolean ok()
        {
            return badRecords == 0;
        }
    }

    private JournalVerifier()
    {
    }

    /**
     * Verifies the journal in {@code directory}; safe to run while a writer appends (it sees a prefix).
     *
     * @throws JournalCorruptException when a daily file is damaged at its start, so that no record in it is readable.
     */
    public static Report verify(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no journal directory at " + directory.toAbsolutePath());
        }
        try (SingleChronicleQueue queue = JournalQueues.openForReading(directory))
        {
            final JournalScan.Result scan;
            try
            {
                scan = JournalScan.scan(queue, DroppedRecords.load(directory));
            }
            catch (final IORuntimeException ex)
            {
                throw JournalQueues.unreadable(directory, ex);
            }
            final JournalScan.BadRecord firstBad = scan.middle() != null ? scan.middle() :
                scan.trailing().isEmpty() ? null : scan.trailing().get(0);
            return new Report(
                scan.records(),
                scan.records() - 1,
                scan.droppedEarlier(),
                scan.trailing().size(),
                scan.middle() != null,
                firstBad == null ? -1 : firstBad.expectedPosition(),
                firstBad == null ? null :
                    firstBad.reason() + " (Chronicle index " + Long.toHexString(firstBad.index()) + ")",
                Sha256.hex(scan.lastChain()));
        }
    }
}
