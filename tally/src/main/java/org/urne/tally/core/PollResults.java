package org.urne.tally.core;

import java.util.Arrays;

import org.urne.tally.domain.ItemStatus;
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
 * @param itemStatuses   each item's status, by item index (opinion polls moderate and withdraw items).
 * @param participants   opinion polls: the distinct voters with at least one counted opinion (typed and online
 *                       ballots; a tally sheet counts ballots, not voters); {@link #NOT_COUNTED} for the others.
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
    ItemStatus[] itemStatuses,
    long participants,
    long[][] argumentsByStance)
{
    /** The participants of a poll whose ballots are one per voter: its ballots say it. */
    public static final long NOT_COUNTED = -1;

    /** Results with every item published: those of a poll whose items never change. */
    public PollResults(final PollDefinition definition, final PollStatus status, final long position,
        final long[] ballots, final long[][][] counts, final long[] arguments, final Ranking ranking,
        final int[] majorityGrades, final long[][] argumentsByStance)
    {
        this(definition, status, position, ballots, counts, arguments, ranking, majorityGrades,
            published(definition.items().size()), NOT_COUNTED, argumentsByStance);
    }

    private static ItemStatus[] published(final int items)
    {
        final ItemStatus[] statuses = new ItemStatus[items];
        Arrays.fill(statuses, ItemStatus.PUBLISHED);
        return statuses;
    }

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
