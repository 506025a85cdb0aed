package org.urne.cli.bench;

/**
 * One ballot the generator will post, with what the model needs to count it if it is acknowledged: the counted
 * unit (the voter; for opinion polls the voter and the proposal), the platform's {@code castAt} that orders a
 * voter's ballots, the channel and the cells it adds one to.
 *
 * @param poll         the poll's shape.
 * @param ballotId     the client-chosen id, the same for every retry.
 * @param unit         the counted unit's key.
 * @param castAtMicros the platform's time, unique within a run so the latest ballot is never a tie.
 * @param channel      the channel's index in the poll's channels.
 * @param cells        the cell indexes of {@link PollShape#cell} the ballot counts in.
 * @param argueItem    the item index an opinion's argument is about, or -1 without an argument.
 * @param body         the request body.
 */
record PlannedBallot(PollShape poll, String ballotId, String unit, long castAtMicros, int channel, int[] cells,
    int argueItem, byte[] body)
{
}
