package org.urne.tally.journal;

/**
 * A record that is not what the writer wrote: torn, overwritten, out of sequence or garbage. The only exception
 * decoding throws, whatever the bytes.
 */
public final class JournalCorruptException extends JournalException
{
    private static final long serialVersionUID = 1L;

    private final long position;
    private final String reason;

    /**
     * @param position the journal position the bad record was expected to hold, or -1 when the record was decoded
     *                 without a context that knows it.
     * @param reason   what is wrong with it.
     */
    public JournalCorruptException(final long position, final String reason)
    {
        super("corrupt journal record" + (position >= 0 ? " at position " + position : "") + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** The position the bad record was expected to hold, or -1 when unknown. */
    public long position()
    {
        return position;
    }

    public String reason()
    {
        return reason;
    }
}
