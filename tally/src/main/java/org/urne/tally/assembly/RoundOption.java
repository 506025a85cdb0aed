package org.urne.tally.assembly;

/**
 * One option of a judgment or approval round (an action sheet, a subject).
 *
 * @param id    1-64 characters of {@code [A-Za-z0-9_-]}, unique in the round.
 * @param title what the room reads.
 */
public record RoundOption(String id, String title)
{
}
