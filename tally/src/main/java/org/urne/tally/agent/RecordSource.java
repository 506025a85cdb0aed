package org.urne.tally.agent;

import org.urne.tally.domain.TallyIn;
import org.urne.tally.journal.JournalRecord;

/** Where the tally agent reads journal records from: the journal's reader, or a list in tests. */
public interface RecordSource
{
    /**
     * Dispatches up to {@code limit} next records, in journal order, to the handler.
     *
     * @return how many were dispatched; 0 when none is available yet.
     */
    int poll(TallyIn handler, int limit);

    /**
     * The record being dispatched, for its author and chain value, which {@link TallyIn} does not carry; null when
     * the source does not follow a journal (a list in tests).
     */
    default JournalRecord current()
    {
        return null;
    }
}
