package org.urne.tally.cluster;

import java.nio.file.Path;
import java.util.ArrayDeque;

import io.aeron.cluster.client.ClusterException;
import org.agrona.concurrent.IdleStrategy;

import org.urne.tally.journal.AppendListener;
import org.urne.tally.journal.Journal;
import org.urne.tally.journal.JournalBackpressureException;
import org.urne.tally.journal.JournalRecord;

/**
 * A cluster node's journal in today's Chronicle format, derived from the committed log, so that {@code urne replay},
 * {@code verify} and {@code export} read a node like a single server. The service hands each applied record over
 * without waiting: the journal's own writer thread does the I/O, and what its ring cannot take yet waits here, in
 * order, for the next try. The log, not this copy, is the truth: a copy lost with its disk is rebuilt from the log
 * when the node replays it.
 */
final class JournalCopy implements AppendListener
{
    private final Journal journal;
    private final Path directory;
    private final ArrayDeque<JournalRecord> waiting = new ArrayDeque<>();
    private volatile Throwable failure;
    private boolean backPressured;

    /**
     * @param journal   the node's journal, open for writing.
     * @param directory its directory, for readers.
     */
    JournalCopy(final Journal journal, final Path directory)
    {
        this.journal = journal;
        this.directory = directory;
    }

    /** The journal's directory. */
    Path directory()
    {
        return directory;
    }

    /**
     * Waits until the journal holds every record below {@code nextPosition}: a snapshot reads them from there. Only
     * the service thread waits, while Aeron takes the snapshot anyway.
     *
     * @throws ClusterException if the copy has stopped (a full disk, a failed writer).
     */
    void awaitCopied(final long nextPosition, final IdleStrategy idle)
    {
        idle.reset();
        while (journal.nextPosition() < nextPosition)
        {
            if (failure != null)
            {
                throw new ClusterException("the node's journal copy stopped, so no snapshot can be taken: " + failure);
            }
            idle.idle(drain());
        }
    }

    /** Copies a record the service applied; a record the journal holds already (a replayed log) is skipped. */
    void onApplied(final JournalRecord record)
    {
        waiting.add(record);
        drain();
    }

    /** Offers what waits, in order, until the journal's ring is full; returns how many records it took. */
    int drain()
    {
        int taken = 0;
        JournalRecord next;
        while ((next = waiting.peek()) != null && failure == null)
        {
            if (next.position() >= journal.nextPosition())
            {
                backPressured = false;
                journal.appendCopy(next, this);
                if (backPressured)
                {
                    break;
                }
                taken++;
            }
            waiting.poll();
        }
        return taken;
    }

    /** Why the copy stopped (a refused record other than a full ring, which is tried again), or null. */
    Throwable failure()
    {
        return failure;
    }

    @Override
    public void onDurable(final long position, final long timeMicros, final byte[] chain)
    {
    }

    @Override
    public void onRefused(final Throwable cause)
    {
        // A full ring refuses at once, on the service thread; anything else (a full disk, a failed writer) stops the
        // copy, and the node says so (the log still has every record).
        if (cause instanceof JournalBackpressureException)
        {
            backPressured = true;
        }
        else
        {
            failure = cause;
        }
    }
}
