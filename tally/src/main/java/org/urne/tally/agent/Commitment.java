package org.urne.tally.agent;

/**
 * A commitment the core accepted: the journal's chain value at a record made while the poll's results were not
 * public, so that anyone can later check that the published results come from that journal.
 *
 * @param position  the commitment record's journal position.
 * @param chainHead the commitment record's own chain value (32 bytes); zeros where the journal side did not say.
 * @param atMicros  the commitment record's time.
 */
public record Commitment(long position, byte[] chainHead, long atMicros)
{
}
