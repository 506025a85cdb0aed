package org.urne.tally.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * The aggregated count of one stand's paper ballot box, as one agent entered it. Under single entry a later sheet
 * with the same {@code sheetId} replaces the earlier one in the counts (a correction); under double entry a sheet
 * counts once two different tokens entered the same figures ({@link #sameFigures}). The journal keeps every entry.
 *
 * @param pollId     the poll.
 * @param sheetId    the operator's id for the sheet, 1-64 characters of {@code [A-Za-z0-9_-]}.
 * @param stand      where the box stood: a declared stand's id, or free text when the poll declares none.
 * @param channel    the channel it counts for (usually {@code paper}).
 * @param ballots    how many valid ballots the box held.
 * @param items      the item ids the sheet has counts for.
 * @param counts     {@code counts[i]} are the counts for {@code items[i]}: one number (priority), for/mixed/against
 *                   (opinion), or one per grade, worst first (judgment).
 * @param blank      blank ballots, or {@link #NOT_GIVEN}.
 * @param spoiled    spoiled ballots, or {@link #NOT_GIVEN}.
 * @param signatures signatures on the stand's list, or {@link #NOT_GIVEN}.
 * @param enteredBy  the name of the token that entered it (the record's author), or null in journals from before
 *                   attribution.
 */
public record TallySheet(String pollId, String sheetId, String stand, String channel, long ballots, int[] items,
    long[][] counts, long blank, long spoiled, long signatures, String enteredBy)
{
    /** An optional figure the sheet does not give. */
    public static final long NOT_GIVEN = -1;

    /** A sheet with counts only, as format versions 1 and 2 stored them. */
    public TallySheet(final String pollId, final String sheetId, final String stand, final String channel,
        final long ballots, final int[] items, final long[][] counts)
    {
        this(pollId, sheetId, stand, channel, ballots, items, counts, NOT_GIVEN, NOT_GIVEN, NOT_GIVEN, null);
    }

    /** The same sheet as entered by {@code by}. */
    public TallySheet enteredBy(final String by)
    {
        return new TallySheet(pollId, sheetId, stand, channel, ballots, items, counts, blank, spoiled, signatures, by);
    }

    /**
     * Whether two entries give the same figures (stand, channel, every count, blank, spoiled, signatures), whoever
     * entered them and in whatever order their items come; an item one entry leaves out counts as zeros, as an
     * entry of zeros for it would.
     */
    public boolean sameFigures(final TallySheet other)
    {
        if (!stand.equals(other.stand) || !channel.equals(other.channel) || ballots != other.ballots ||
            blank != other.blank || spoiled != other.spoiled || signatures != other.signatures)
        {
            return false;
        }
        return countsWithin(other) && other.countsWithin(this);
    }

    /** Whether each item's counts here are the other's, or zeros where the other leaves the item out. */
    private boolean countsWithin(final TallySheet other)
    {
        for (int i = 0; i < items.length; i++)
        {
            final int j = other.indexOf(items[i]);
            if (j >= 0 ? !Arrays.equals(counts[i], other.counts[j]) : Arrays.stream(counts[i]).anyMatch(c -> c != 0))
            {
                return false;
            }
        }
        return true;
    }

    /** The index of an item in {@link #items()}, or -1. */
    public int indexOf(final int item)
    {
        for (int i = 0; i < items.length; i++)
        {
            if (items[i] == item)
            {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof TallySheet other && pollId.equals(other.pollId) && sheetId.equals(other.sheetId) &&
            stand.equals(other.stand) && channel.equals(other.channel) && ballots == other.ballots &&
            Arrays.equals(items, other.items) && Arrays.deepEquals(counts, other.counts) && blank == other.blank &&
            spoiled == other.spoiled && signatures == other.signatures && Objects.equals(enteredBy, other.enteredBy);
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
            Arrays.toString(items) + "=" + Arrays.deepToString(counts) + " blank=" + blank + " spoiled=" + spoiled +
            " signatures=" + signatures + " by=" + enteredBy + "]";
    }
}
