package org.urne.tally.core;

/** What applying one journal record did. */
public enum Outcome
{
    /** The record changed the state as asked (a ballot counts, or replaced or withdrew an earlier one). */
    ACCEPTED,
    /** The record repeats one already applied (a retried ballotId, a same definition, a second close). */
    DUPLICATE,
    /** A ballot cast before the voter's current one: it changes nothing. */
    STALE,
    /** The record changes nothing, for the {@link RejectReason} given alongside. */
    REJECTED
}
