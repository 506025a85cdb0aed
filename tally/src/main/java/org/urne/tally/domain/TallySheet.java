package org.urne.tally.domain;

import java.util.Arrays;

/**
 * The aggregated count of one stand's paper ballot box. A later sheet with the same {@code sheetId} replaces the
 * earlier one in the counts (a correction); the journal keeps both.
 *
 * @param pollId  the poll.
 * @param sheetId the operator's id for the sheet, 1-64 characters of {@code [A-Za-z0-9_-]}.
 * @param stand   where the box stood, free text.
 * @param channel the channel it counts for (usually {@code paper}).
 * @param ballots how many ballots the box held.
 * @param items   the item ids the sheet has counts for.
 * @param counts  {@code counts[i]} are the counts for {@code items[i]}: one number (priority), for/mixed/against
 *                (opinion), or one per grade, worst first (judgment).
 */
public record TallySheet(String pollId, String sheetId, String stand, String channel, long ballots, int[] items,
    long[][] counts)
{
    @Override
    public boolean equals(final Object o)
    {
        return o instanceof TallySheet other && pollId.equals(other.pollId) && sheetId.equals(other.sheetId) &&
            stand.equals(other.stand) && channel.equals(other.channel) && ballots == other.ballots &&
            Arrays.equals(items, other.items) && Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * pollId.hashCode() + sheetId.hashCode()) + Arrays.hashCode(items);
    }

    @Override
    public String toString()
    {
        return "TallySheet[" + pollId + "/" + sheetId + " " + stand + " " + channel + " ballots=" + ballots + " " +
            Arrays.toString(items) + "=" + Arrays.deepToString(counts) + "]";
    }
}
