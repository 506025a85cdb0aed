package org.urne.tally.agent;

import java.util.function.IntConsumer;

import org.urne.tally.domain.TallyIn;
import org.urne.tally.journal.JournalReader;
import org.urne.tally.journal.JournalRecord;

/** The journal's reader as the tally agent's source, with the author and chain value of each record it dispatches. */
public final class JournalRecordSource implements RecordSource
{
    private final JournalReader reader;
    private final IntConsumer onRead;

    public JournalRecordSource(final JournalReader reader)
    {
        this(reader, read -> { });
    }

    /** A source that tells {@code onRead} how many records each poll dispatched: for a progress bar. */
    public JournalRecordSource(final JournalReader reader, final IntConsumer onRead)
    {
        this.reader = reader;
        this.onRead = onRead;
    }

    @Override
    public int poll(final TallyIn handler, final int limit)
    {
        final int read = reader.poll(handler, limit);
        onRead.accept(read);
        return read;
    }

    @Override
    public JournalRecord current()
    {
        return reader.current();
    }
}
