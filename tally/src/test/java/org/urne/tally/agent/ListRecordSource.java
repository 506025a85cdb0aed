package org.urne.tally.agent;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.urne.tally.core.RandomJournal;
import org.urne.tally.domain.TallyIn;

/** A journal in a list; {@link #release} makes more of it readable, as appends do for a real tailer. */
final class ListRecordSource implements RecordSource
{
    private final List<RandomJournal.Timed> journal;
    private final AtomicInteger readable;
    private int next;

    ListRecordSource(final List<RandomJournal.Timed> journal, final int initiallyReadable)
    {
        this.journal = journal;
        this.readable = new AtomicInteger(initiallyReadable);
    }

    void release(final int count)
    {
        readable.addAndGet(count);
    }

    @Override
    public int poll(final TallyIn handler, final int limit)
    {
        int dispatched = 0;
        while (dispatched < limit && next < readable.get())
        {
            final RandomJournal.Timed timed = journal.get(next);
            timed.entry().dispatch(next, timed.timeMicros(), handler);
            next++;
            dispatched++;
        }
        return dispatched;
    }
}
