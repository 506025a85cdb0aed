package org.urne.tally.core;

/** Why a record changed nothing; the text is what receipts and logs say. */
public enum RejectReason
{
    POLL_UNKNOWN("unknown poll"),
    POLL_NOT_OPEN("the poll was not open when the ballot was received"),
    POLL_CLOSED("the poll is closed, and closing is final"),
    ALREADY_COUNTED("the poll counts each voter's first ballot, and this voter was already counted"),
    BALLOT_ID_CONFLICT("the ballotId was already used for a ballot with different content"),
    DEFINITION_CONFLICT("the poll is already defined differently"),
    INVALID("the record does not fit the poll's definition");

    private static final RejectReason[] VALUES = values();
    private final String description;

    RejectReason(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }

    static RejectReason fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
