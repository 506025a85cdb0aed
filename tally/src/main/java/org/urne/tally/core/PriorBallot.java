package org.urne.tally.core;

/**
 * A ballot already in the journal under the same receipt.
 *
 * @param position    where the journal holds it.
 * @param sameContent whether it says the same (a plain retry) or not (a reused ballotId).
 */
public record PriorBallot(long position, boolean sameContent)
{
}
