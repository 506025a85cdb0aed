package org.urne.tally.journal;

/** The root of everything the journal throws, so a caller can tell journal trouble from its own. */
public class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalException(final String message)
    {
        super(message);
    }

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
