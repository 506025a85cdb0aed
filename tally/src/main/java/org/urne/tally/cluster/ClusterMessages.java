package org.urne.tally.cluster;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.urne.tally.agent.Applied;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.RejectReason;
import org.urne.tally.core.SheetEntry;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.journal.JournalCorruptException;
import org.urne.tally.journal.JournalRecord;
import org.urne.tally.journal.JournalRecordCodec;

/**
 * The two messages the cluster carries for Urne. A request on ingress is a correlation id, then the record in the
 * journal's own binary form (position and time zero: the service numbers and times it, and the codec's checksum
 * guards the body on its way). A reply on egress is the correlation id and what the core decided, as
 * {@link Applied}.
 */
final class ClusterMessages
{
    static final int CORRELATION_OFFSET = 0;
    static final int RECORD_OFFSET = Long.BYTES;
    static final int REPLY_LENGTH = 4 * Long.BYTES + 3 + Integer.BYTES;

    private static final int POSITION_OFFSET = 8;
    private static final int TIME_OFFSET = 16;
    private static final int PRIOR_OFFSET = 24;
    private static final int OUTCOME_OFFSET = 32;
    private static final int REASON_OFFSET = 33;
    private static final int SHEET_ENTRY_OFFSET = 34;
    private static final int ADDED_ITEM_OFFSET = 35;
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final RejectReason[] REASONS = RejectReason.values();
    private static final SheetEntry[] SHEET_ENTRIES = SheetEntry.values();

    private ClusterMessages()
    {
    }

    /** Writes a request at the buffer's start; returns its length. */
    static int encodeRequest(final long correlationId, final JournalEntry entry, final String by,
        final ExpandableArrayBuffer buffer)
    {
        buffer.putLong(CORRELATION_OFFSET, correlationId);
        return RECORD_OFFSET + JournalRecordCodec.encodeForTransport(entry, by, 0, 0, buffer, RECORD_OFFSET);
    }

    /**
     * The record of a request, copied out through {@code scratch}.
     *
     * @throws JournalCorruptException if the bytes are not a sound record.
     */
    static JournalRecord decodeRecord(final DirectBuffer buffer, final int offset, final int length,
        final byte[] scratch)
    {
        final int recordLength = length - RECORD_OFFSET;
        if (recordLength <= 0 || recordLength > scratch.length)
        {
            throw new JournalCorruptException(-1, "a cluster request of " + length + " bytes holds no record");
        }
        buffer.getBytes(offset + RECORD_OFFSET, scratch, 0, recordLength);
        return JournalRecordCodec.decode(scratch, 0, recordLength);
    }

    static void encodeReply(final long correlationId, final Applied applied, final MutableDirectBuffer buffer)
    {
        buffer.putLong(CORRELATION_OFFSET, correlationId);
        buffer.putLong(POSITION_OFFSET, applied.position());
        buffer.putLong(TIME_OFFSET, applied.timeMicros());
        buffer.putLong(PRIOR_OFFSET, applied.priorPosition());
        buffer.putByte(OUTCOME_OFFSET, (byte)applied.outcome().ordinal());
        buffer.putByte(REASON_OFFSET, (byte)(applied.reason() == null ? -1 : applied.reason().ordinal()));
        buffer.putByte(SHEET_ENTRY_OFFSET, (byte)(applied.sheetEntry() == null ? -1 : applied.sheetEntry().ordinal()));
        buffer.putInt(ADDED_ITEM_OFFSET, applied.addedItem());
    }

    static Applied decodeReply(final DirectBuffer buffer, final int offset)
    {
        final int reason = buffer.getByte(offset + REASON_OFFSET);
        final int sheetEntry = buffer.getByte(offset + SHEET_ENTRY_OFFSET);
        return new Applied(buffer.getLong(offset + POSITION_OFFSET), buffer.getLong(offset + TIME_OFFSET),
            OUTCOMES[buffer.getByte(offset + OUTCOME_OFFSET)], reason < 0 ? null : REASONS[reason],
            buffer.getLong(offset + PRIOR_OFFSET), sheetEntry < 0 ? null : SHEET_ENTRIES[sheetEntry],
            buffer.getInt(offset + ADDED_ITEM_OFFSET));
    }
}
