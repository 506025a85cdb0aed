package org.urne.ingest.problem;

/** What a client may do after a problem: the same request again (same ballotId), or not as it is. */
public enum Retry
{
    /** Nothing was acknowledged and the cause is passing: send the same request, with the same ballotId, later. */
    SAME_REQUEST("Yes: send the same request again, with the same ballotId, after Retry-After seconds (or a backoff "
        + "of your own when there is none). A ballot retried this way is counted at most once."),
    /** The request never got as far as the ballot: fix what the detail names and send it, ballotId unchanged. */
    FIX_REQUEST("Not as it is: the same request gets the same answer. Fix what detail names (token, header, size, "
        + "syntax) and send it again; nothing was recorded, so a ballot keeps its ballotId."),
    /** The answer is final for this ballot or request. */
    NEVER("No: the same request gets the same answer. For a ballot, the answer is final; a corrected ballot is a "
        + "new ballot with a new ballotId.");

    private final String advice;

    Retry(final String advice)
    {
        this.advice = advice;
    }

    /** One sentence for integrators, shown on the type's page and in docs/api.md. */
    public String advice()
    {
        return advice;
    }

    /** Whether the same request, ballotId included, may simply be sent again. */
    public boolean sameBallotId()
    {
        return this == SAME_REQUEST;
    }
}
