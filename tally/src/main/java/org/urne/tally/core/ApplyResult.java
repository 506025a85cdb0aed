package org.urne.tally.core;

/** The outcome of the last record applied, reused so the hot path allocates nothing. */
final class ApplyResult
{
    private Outcome outcome = Outcome.ACCEPTED;
    private RejectReason reason;
    private long replaced = -1;

    void set(final Outcome outcome, final RejectReason reason)
    {
        this.outcome = outcome;
        this.reason = reason;
    }

    /** Before {@link #set}: the accepted ballot replaces the unit's current one, journaled at this position. */
    void replaced(final long position)
    {
        this.replaced = position;
    }

    long replaced()
    {
        return replaced;
    }

    void reset()
    {
        replaced = -1;
    }

    Outcome outcome()
    {
        return outcome;
    }

    RejectReason reason()
    {
        return reason;
    }
}
