package org.urne.cli.harness;

/**
 * One ballot a client will post, with what the model needs to count it if it is journaled: the counted unit (the
 * voter; for opinion polls the voter and the proposal), the platform's {@code castAt} that orders a unit's ballots,
 * the channel and the cells it adds one to while it is its unit's current ballot (none for a withdrawal). Every
 * retry sends the same planned ballot, so the same {@code ballotId} and body.
 *
 * @param poll         the poll's shape.
 * @param ballotId     the client-chosen id, the same for every retry.
 * @param unit         the counted unit's key within the poll.
 * @param castAtMicros the platform's time, unique within a planner so a unit's latest ballot is never a tie.
 * @param channel      the channel's index in the poll's channels.
 * @param cells        the cell indexes of {@link PollShape#cell} the ballot counts in; empty for a withdrawal.
 * @param argueItem    the item index an opinion's argument is about, or -1 without an argument.
 * @param withdrawal   whether it withdraws its unit's ballot (counted in nothing, not even ballots).
 * @param body         the request body.
 */
public record PlannedBallot(PollShape poll, String ballotId, String unit, long castAtMicros, int channel, int[] cells,
    int argueItem, boolean withdrawal, byte[] body)
{
    /** Paper ballots are entered by operators: they need the operator token. */
    public boolean paper()
    {
        return "paper".equals(poll.channels().get(channel));
    }
}
