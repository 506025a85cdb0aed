package org.urne.cli.faults;

import java.util.List;

/**
 * One ballot a client thread posts, with what the model needs to count it: its counted unit (the voter; for
 * opinion polls the voter and the proposal), its {@code castAt} (unique in a run, so a unit's latest ballot is never
 * a tie), and the count keys it adds one to while it is its unit's current ballot (none for a withdrawal).
 *
 * @param poll         the poll.
 * @param ballotId     the client-chosen id, the same for every retry.
 * @param unit         the counted unit.
 * @param castAtMicros the {@code castAt} the body carries.
 * @param token        the bearer token that may post its channel.
 * @param withdrawal   whether it withdraws the unit's ballot.
 * @param keys         the {@link Counts} keys it adds one to when counted.
 * @param body         the request body.
 */
record PlannedBallot(DemoPoll poll, String ballotId, String unit, long castAtMicros, String token,
    boolean withdrawal, List<String> keys, String body)
{
}
