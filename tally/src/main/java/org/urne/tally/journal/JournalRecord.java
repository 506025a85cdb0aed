package org.urne.tally.journal;

import java.util.Objects;

import org.urne.tally.domain.JournalEntry;

/**
 * One decoded journal record.
 *
 * @param position   its sequence number.
 * @param timeMicros the server time the writer recorded with it.
 * @param entry      what it says.
 * @param by         the name of the token that made it, or null: the server's own record, or format version 1,
 *                   which did not say.
 * @param chain      its chain value ({@link RecordChain}): stored in a version 2 record, derived by a reader that
 *                   follows the chain for a version 1 record; null where no chain was followed (a record decoded on
 *                   its own, or one still to be journaled).
 */
public record JournalRecord(long position, long timeMicros, JournalEntry entry, String by, byte[] chain)
{
    /** A record as a test or a copy states it: nobody's, no chain yet. */
    public JournalRecord(final long position, final long timeMicros, final JournalEntry entry)
    {
        this(position, timeMicros, entry, null, null);
    }

    /** The same record with its chain value. */
    public JournalRecord withChain(final byte[] value)
    {
        return new JournalRecord(position, timeMicros, entry, by, value);
    }

    /** Equal when position, time, entry and author are: the chain is a function of the journal, not of the record. */
    @Override
    public boolean equals(final Object o)
    {
        return o instanceof JournalRecord other && position == other.position && timeMicros == other.timeMicros &&
            entry.equals(other.entry) && Objects.equals(by, other.by);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(position) * 31 + entry.hashCode();
    }
}
