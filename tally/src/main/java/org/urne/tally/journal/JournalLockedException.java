package org.urne.tally.journal;

/** Another writer, in this process or another, holds the journal directory. */
public final class JournalLockedException extends JournalException
{
    private static final long serialVersionUID = 1L;

    public JournalLockedException(final String message)
    {
        super(message);
    }
}
