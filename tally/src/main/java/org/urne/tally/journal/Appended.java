package org.urne.tally.journal;

/**
 * What an acknowledged append got: its journal position and the server time recorded with it.
 *
 * @param position   the record's sequence number, 0, 1, 2, ...
 * @param timeMicros the writer's time of receipt in microseconds since the epoch, never less than the previous
 *                   record's.
 * @param chain      the record's chain value.
 */
public record Appended(long position, long timeMicros, byte[] chain)
{
}
