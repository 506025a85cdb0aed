package org.urne.tally.journal;

/**
 * The writer's ring buffer is full: the journal is not keeping up. The caller is refused at once rather than
 * blocked (ingest answers 503 and the client retries with the same ballot id).
 */
public final class JournalBackpressureException extends JournalException
{
    private static final long serialVersionUID = 1L;

    public JournalBackpressureException(final String message)
    {
        super(message);
    }
}
