package org.urne.tally.journal;

import org.urne.tally.domain.JournalEntry;

/**
 * One decoded journal record.
 *
 * @param position   its sequence number.
 * @param timeMicros the server time the writer recorded with it.
 * @param entry      what it says.
 */
public record JournalRecord(long position, long timeMicros, JournalEntry entry)
{
}
