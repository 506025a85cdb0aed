package org.urne.tally.journal;

import java.util.concurrent.CompletableFuture;

import org.urne.tally.domain.JournalEntry;

/**
 * One producer keeping up to {@code outstanding} appends in flight on a journal, as an event loop with that many
 * requests waiting for their acks does: before each append, it waits for the acknowledgement of the append made
 * {@code outstanding} appends earlier, and checks that acknowledgement carries that append's position.
 */
final class AppendWindow
{
    private final Journal journal;
    private final CompletableFuture<Appended>[] inFlight;
    private long appended;

    @SuppressWarnings("unchecked")
    AppendWindow(final Journal journal, final int outstanding)
    {
        this.journal = journal;
        this.inFlight = new CompletableFuture[outstanding];
    }

    /** Appends one entry once there is room in the window; a failed append (backpressure, I/O) throws. */
    CompletableFuture<Appended> append(final JournalEntry entry)
    {
        final int slot = (int)(appended % inFlight.length);
        if (appended >= inFlight.length)
        {
            requireAck(inFlight[slot], appended - inFlight.length);
        }
        final CompletableFuture<Appended> future = journal.append(entry);
        inFlight[slot] = future;
        appended++;
        return future;
    }

    /**
     * Waits for every append in flight, then checks the journal acknowledged exactly the records appended.
     *
     * @return how many records were appended through this window.
     */
    long drain()
    {
        for (long position = Math.max(0, appended - inFlight.length); position < appended; position++)
        {
            requireAck(inFlight[(int)(position % inFlight.length)], position);
        }
        if (journal.nextPosition() != appended)
        {
            throw new IllegalStateException("journal acknowledged up to " + journal.nextPosition() + " after " +
                appended + " appends");
        }
        return appended;
    }

    private static void requireAck(final CompletableFuture<Appended> future, final long expectedPosition)
    {
        final long position = future.join().position();
        if (position != expectedPosition)
        {
            throw new IllegalStateException("acknowledged position " + position + ", expected " + expectedPosition);
        }
    }
}
