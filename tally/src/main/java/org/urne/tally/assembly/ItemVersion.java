package org.urne.tally.assembly;

/**
 * One version of a consent item's text, as first put to the room.
 *
 * @param version  1, 2, ...: a reformulation is a higher version.
 * @param text     the proposal as the room read it.
 * @param answers  the objection this reformulation answers, or null.
 * @param roundId  the round that first put this version to the room.
 */
public record ItemVersion(int version, String text, String answers, String roundId)
{
}
