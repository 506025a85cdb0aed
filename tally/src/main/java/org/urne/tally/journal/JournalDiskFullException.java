package org.urne.tally.journal;

/**
 * The journal's filesystem has less free space than the journal keeps in reserve, so the writer refused the record
 * without writing it. Not a failure of the writer: it takes records again as soon as space is freed.
 */
public final class JournalDiskFullException extends JournalException
{
    private static final long serialVersionUID = 1L;

    public JournalDiskFullException(final String message)
    {
        super(message);
    }
}
