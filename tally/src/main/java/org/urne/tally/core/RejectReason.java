package org.urne.tally.core;

/** Why a record changed nothing; the text is what receipts, logs and problems say. */
public enum RejectReason
{
    POLL_UNKNOWN("unknown poll"),
    POLL_NOT_OPEN("the poll was not open when the ballot was received"),
    POLL_CLOSED("the poll is closed, and closing is final"),
    ALREADY_COUNTED("the poll counts each voter's first ballot, and this voter was already counted"),
    BALLOT_ID_CONFLICT("the ballotId was already used for a ballot with different content"),
    DEFINITION_CONFLICT("the poll is already defined differently"),
    INVALID("the record does not fit the poll's definition"),
    // Issue 13's reasons come last: receipts store a reason by ordinal, and old journals must replay the same.
    POLL_SEALED("the poll is sealed"),
    POLL_NOT_CLOSED("the poll is not closed: only a closed poll can be sealed"),
    SHEETS_CLOSED("the poll is closed and takes no tally sheet or paper ballot after its sheetsUntil"),
    SEAL_OUTDATED("the results changed while sealing; retry"),
    RESULTS_PUBLIC("the poll's results are public: it needs no commitment"),
    COMMITMENT_TOO_SOON("the poll's last commitment is less than commitEvery seconds old"),
    // Issue 15's reasons (record format version 3), after those for the same reason.
    BOX_ENTERED_OTHERWISE("the stand's box is entered the other way (typed ballots or a tally sheet, not both)"),
    UNKNOWN_RECEIPT("no ballot of this poll has this receipt"),
    NOT_ANNULLABLE("only a typed paper ballot not annulled yet can be annulled"),
    ANNULLED("the typed paper ballot was annulled by its stand"),
    // Assemblies' reasons (issue 17), after every poll's: assembly records are never in a receipt.
    ASSEMBLY_UNKNOWN("unknown assembly"),
    ASSEMBLY_ROUND_OPEN("a round of the assembly is open: close it first"),
    ROUND_UNKNOWN("unknown round"),
    ROUND_EXISTS("the round id is already used in the assembly"),
    ROUND_CLOSED("the round is closed"),
    NOT_A_MEMBER("not a member of the assembly"),
    NOT_PRESENT("the member is not present in the room"),
    VERSION_SUPERSEDED("the item has a later version: open the round on it or on a new one"),
    // Issue 16's reasons (record format version 4), last: receipts store a reason by ordinal.
    ITEMS_FIXED("only an opinion poll takes items while it runs; a priority or judgment poll's are its definition's"),
    DUPLICATE_ITEM("the subject already has an item with this title"),
    PROPOSALS_CLOSED("the poll takes no citizens' proposals"),
    ITEM_UNKNOWN("the poll has no such item"),
    ITEM_NOT_PUBLISHED("the item is hidden or withdrawn: it takes no new opinion"),
    // Arguments' moderation and erasure (issue 16): these records are never in a receipt either.
    ARGUMENT_UNKNOWN("no opinion of this poll that counted carries an argument with this id"),
    ARGUMENT_HIDDEN("the argument is already hidden"),
    ARGUMENT_ERASED("the argument's text is already erased");

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
