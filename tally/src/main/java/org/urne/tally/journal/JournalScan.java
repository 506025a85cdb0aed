package org.urne.tally.journal;

import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * One pass over a whole journal, checking every record's checksum and sequence: what the writer does on open and
 * what {@link JournalVerifier} reports. It tells apart a corrupt tail (bad records with nothing valid after them:
 * what a crash or power loss can leave, safe to drop) from corruption in the middle (a bad record followed by a
 * well-formed one: records were lost or altered, which no rule can repair silently). It follows the hash chain too:
 * a record whose checksum holds but whose stored chain value is not the one the records before it give was altered
 * with intent, wherever it is, and counts as corruption in the middle.
 */
final class JournalScan
{
    /**
     * A record that failed its checks.
     *
     * @param index            its Chronicle index.
     * @param length           its length in bytes.
     * @param expectedPosition the journal position it should have held.
     * @param reason           what is wrong with it.
     */
    record BadRecord(long index, int length, long expectedPosition, String reason)
    {
    }

    /**
     * @param records          valid records, positions 0 to {@code records - 1}.
     * @param lastTimeMicros   the time of the last valid record, or {@link Long#MIN_VALUE} when there is none.
     * @param droppedEarlier   bad records a previous writer dropped (listed in {@code urne.dropped}) and skipped.
     * @param trailing         bad records after the last valid one, in order.
     * @param middle           the first bad record that a well-formed record follows, or the first that breaks
     *                         the chain, or null.
     * @param lastChain        the chain value of the last valid record ({@link RecordChain#GENESIS} when none).
     */
    record Result(long records, long lastTimeMicros, long droppedEarlier, List<BadRecord> trailing, BadRecord middle,
        byte[] lastChain)
    {
    }

    private JournalScan()
    {
    }

    static Result scan(final SingleChronicleQueue queue, final DroppedRecords dropped)
    {
        return scan(queue, dropped, null, null);
    }

    /**
     * The pass, handing every valid record on to {@code verified} (with its argument decrypted with {@code keys}, the
     * journal's key store, which {@code verified} is given first) as soon as it is known to be final: when no bad
     * record comes before it, since a bad one followed by a valid one ends the pass as corruption in the middle.
     */
    static Result scan(final SingleChronicleQueue queue, final DroppedRecords dropped, final VerifiedRecords verified,
        final ArgumentKeys keys)
    {
        if (verified != null)
        {
            verified.expect(queue.entryCount(), keys);
        }
        long records = 0;
        long lastTimeMicros = Long.MIN_VALUE;
        long droppedEarlier = 0;
        final List<BadRecord> pendingBad = new ArrayList<>();
        final RecordChain chain = new RecordChain();
        try (ExcerptTailer tailer = queue.createTailer())
        {
            final DocumentCursor cursor = new DocumentCursor(tailer.toStart());
            while (cursor.next())
            {
                if (dropped.contains(cursor.index()))
                {
                    droppedEarlier++;
                    continue;
                }
                JournalRecord record = null;
                String reason;
                try
                {
                    record = JournalRecordCodec.decode(cursor.bytes(), 0, cursor.length());
                    reason = record.position() == records ? null :
                        "holds position " + record.position() + " where " + records + " was expected";
                }
                catch (final JournalCorruptException ex)
                {
                    reason = ex.reason();
                }
                if (record != null && !pendingBad.isEmpty())
                {
                    return new Result(records, lastTimeMicros, droppedEarlier, List.copyOf(pendingBad),
                        pendingBad.get(0), chain.headCopy());
                }
                if (reason == null)
                {
                    final JournalRecord followed;
                    try
                    {
                        followed = JournalRecordCodec.follow(record, cursor.bytes(), 0, cursor.length(), chain);
                    }
                    catch (final JournalCorruptException ex)
                    {
                        final BadRecord broken = new BadRecord(cursor.index(), cursor.length(), records, ex.reason());
                        return new Result(records, lastTimeMicros, droppedEarlier, List.of(broken), broken,
                            chain.headCopy());
                    }
                    records++;
                    lastTimeMicros = record.timeMicros();
                    if (verified != null)
                    {
                        verified.accept(keys.decrypt(followed));
                    }
                }
                else
                {
                    pendingBad.add(new BadRecord(cursor.index(), cursor.length(), records, reason));
                }
            }
        }
        return new Result(records, lastTimeMicros, droppedEarlier, List.copyOf(pendingBad), null, chain.headCopy());
    }
}
