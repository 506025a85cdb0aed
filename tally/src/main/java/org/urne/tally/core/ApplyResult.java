package org.urne.tally.core;

/** The outcome of the last record applied, reused so the hot path allocates nothing. */
final class ApplyResult
{
    private Outcome outcome = Outcome.ACCEPTED;
    private RejectReason reason;

    void set(final Outcome outcome, final RejectReason reason)
    {
        this.outcome = outcome;
        this.reason = reason;
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
