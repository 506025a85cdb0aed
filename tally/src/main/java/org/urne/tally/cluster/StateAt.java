package org.urne.tally.cluster;

/**
 * A node's applied state, named by the position of its last record and the core's state hash there: two nodes at
 * the same position have the same hash, or one of them counted differently.
 *
 * @param position  the last applied position (-1 before any record).
 * @param stateHash {@code TallyCore.stateHash()} at that position.
 */
public record StateAt(long position, long stateHash)
{
}
