package org.urne.tally.core;

import org.urne.tally.domain.PollDefinition;

/**
 * One poll's counts at one journal position, detached from the live core: safe to read from any thread. The
 * arrays are the holder's own copies; readers treat them as read-only.
 *
 * @param definition     the poll.
 * @param status         the poll's status at the time the results were taken.
 * @param position       the position of the last journal record the counts reflect (-1 when none).
 * @param ballots        counted ballots per channel index (one per counted unit, plus sheets' ballots).
 * @param counts         {@code counts[item][cell][channel]} by item index in definition order; a cell is the
 *                       single vote (priority), a choice (opinion) or a grade (judgment).
 * @param arguments      opinion polls: counted votes that carry an argument, per item index.
 * @param ranking        the result order and ranks (definition order and rank 0 for opinion polls).
 * @param majorityGrades judgment polls: each item's majority grade, or {@link MajorityJudgment#NO_GRADE}.
 * @param argumentsByStance opinion polls: {@code arguments} per item index and choice (for, mixed, against); empty
 *                       rows for other kinds.
 */
public record PollResults(
    PollDefinition definition,
    PollStatus status,
    long position,
    long[] ballots,
    long[][][] counts,
    long[] arguments,
    Ranking ranking,
    int[] majorityGrades,
    long[][] argumentsByStance)
{
    /** The total over channels of one item's cell. */
    public long total(final int item, final int cell)
    {
        long total = 0;
        for (final long count : counts[item][cell])
        {
            total += count;
        }
        return total;
    }

    /** The total over channels of counted ballots. */
    public long totalBallots()
    {
        long total = 0;
        for (final long count : ballots)
        {
            total += count;
        }
        return total;
    }
}
