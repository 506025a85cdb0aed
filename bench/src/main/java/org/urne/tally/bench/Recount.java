package org.urne.tally.bench;

import java.util.Arrays;

import org.urne.tally.core.PollResults;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.PollDefinition;

/**
 * The expected counts of a run of first ballots (one per voter, all valid), counted the naive way, independently
 * of the core: what each benchmark compares its answer with, so a benchmark that stopped doing the work fails
 * instead of getting faster.
 */
public final class Recount
{
    private final long[] ballots;
    private final long[][][] counts;
    private final long[] arguments;

    private Recount(final PollDefinition poll)
    {
        final int items = poll.items().size();
        this.ballots = new long[poll.channels().size()];
        this.counts = new long[items][poll.cellsPerItem()][poll.channels().size()];
        this.arguments = new long[items];
    }

    /** The counts of {@code ballots[0, count)}. */
    public static Recount of(final PollDefinition poll, final Ballot[] ballots, final int count)
    {
        final Recount recount = new Recount(poll);
        final int[] indexById = indexById(poll);
        for (int b = 0; b < count; b++)
        {
            final Ballot ballot = ballots[b];
            final int channel = poll.channelIndex(ballot.channel());
            recount.ballots[channel]++;
            if (ballot.content() instanceof BallotContent.Selection selection)
            {
                for (final int id : selection.items())
                {
                    recount.counts[indexById[id]][0][channel]++;
                }
            }
            else if (ballot.content() instanceof BallotContent.Grades grades)
            {
                for (int i = 0; i < grades.items().length; i++)
                {
                    recount.counts[indexById[grades.items()[i]]][grades.grades()[i]][channel]++;
                }
            }
            else if (ballot.content() instanceof BallotContent.Opinion opinion)
            {
                final int item = indexById[opinion.item()];
                recount.counts[item][opinion.choice().ordinal()][channel]++;
                if (opinion.argument() != null && !opinion.argument().isBlank())
                {
                    recount.arguments[item]++;
                }
            }
            else
            {
                throw new IllegalArgumentException("a first ballot cannot be " + ballot.content());
            }
        }
        return recount;
    }

    public long totalBallots()
    {
        return Arrays.stream(ballots).sum();
    }

    /** @throws IllegalStateException naming the first difference when the results are not these counts. */
    public void requireMatches(final PollResults results)
    {
        if (!Arrays.equals(ballots, results.ballots()))
        {
            throw new IllegalStateException("ballots per channel: expected " + Arrays.toString(ballots) + ", got " +
                Arrays.toString(results.ballots()));
        }
        for (int item = 0; item < counts.length; item++)
        {
            if (!Arrays.deepEquals(counts[item], results.counts()[item]))
            {
                throw new IllegalStateException("counts of item index " + item + ": expected " +
                    Arrays.deepToString(counts[item]) + ", got " + Arrays.deepToString(results.counts()[item]));
            }
        }
        if (!Arrays.equals(arguments, results.arguments()))
        {
            throw new IllegalStateException("arguments: expected " + Arrays.toString(arguments) + ", got " +
                Arrays.toString(results.arguments()));
        }
    }

    private static int[] indexById(final PollDefinition poll)
    {
        final int maxId = poll.items().stream().mapToInt(item -> item.id()).max().orElse(0);
        final int[] indexById = new int[maxId + 1];
        Arrays.fill(indexById, -1);
        for (int i = 0; i < poll.items().size(); i++)
        {
            indexById[poll.items().get(i).id()] = i;
        }
        return indexById;
    }
}
