package org.urne.cli.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.urne.tally.core.PollResults;

/**
 * One poll's counts in its {@link PollShape}: per channel the counted ballots and every item's cells, and per item
 * the arguments of counted opinions. Built from the server's results JSON, from a replayed {@code TallyCore}'s
 * results or from the client's {@link BallotModel}, so any two of them compare count by count.
 */
public final class PollCounts
{
    private final PollShape shape;
    private final long[] ballots;
    private final long[][] cells;
    private final long[] arguments;

    /** All zero. */
    public PollCounts(final PollShape shape)
    {
        this.shape = shape;
        this.ballots = new long[shape.channels().size()];
        this.cells = new long[shape.channels().size()][shape.itemIds().length * shape.cellsPerItem()];
        this.arguments = new long[shape.itemIds().length];
    }

    /** The counts of a {@code GET /v1/polls/{id}/results} answer. */
    public static PollCounts fromResults(final PollShape shape, final JsonNode results)
    {
        final PollCounts counts = new PollCounts(shape);
        for (int channel = 0; channel < counts.ballots.length; channel++)
        {
            final String name = shape.channels().get(channel);
            counts.ballots[channel] = results.get("ballots").get(name).asLong();
            for (final JsonNode item : results.get("items"))
            {
                final int index = shape.itemIndex().get(item.get("id").asInt());
                for (int cell = 0; cell < shape.cellsPerItem(); cell++)
                {
                    counts.cells[channel][shape.cell(index, cell)] = switch (shape.kind())
                    {
                        case "priority" -> item.get("votes").get(name).asLong();
                        case "opinion" -> item.get(PollShape.CHOICES.get(cell)).get(name).asLong();
                        default -> item.get("profile").get(name).get(cell).asLong();
                    };
                }
                if (shape.countsPerItem())
                {
                    counts.arguments[index] = item.get("arguments").asLong();
                }
            }
        }
        return counts;
    }

    /** The counts of a core's results (counts by item, cell and channel, as {@code TallyCore.results} gives them). */
    public static PollCounts fromCore(final PollShape shape, final PollResults results)
    {
        final PollCounts counts = new PollCounts(shape);
        for (int channel = 0; channel < counts.ballots.length; channel++)
        {
            counts.ballots[channel] = results.ballots()[channel];
            for (int item = 0; item < shape.itemIds().length; item++)
            {
                for (int cell = 0; cell < shape.cellsPerItem(); cell++)
                {
                    counts.cells[channel][shape.cell(item, cell)] = results.counts()[item][cell][channel];
                }
            }
        }
        for (int item = 0; item < counts.arguments.length; item++)
        {
            counts.arguments[item] = results.arguments()[item];
        }
        return counts;
    }

    /** Adds a counted ballot: one to its channel's ballots, its cells and its argument's item. */
    void count(final PlannedBallot ballot)
    {
        ballots[ballot.channel()]++;
        for (final int cell : ballot.cells())
        {
            cells[ballot.channel()][cell]++;
        }
        if (ballot.argueItem() >= 0)
        {
            arguments[ballot.argueItem()]++;
        }
    }

    /** These counts less {@code before}: what a run added to a server that already held ballots. */
    public PollCounts minus(final PollCounts before)
    {
        final PollCounts delta = new PollCounts(shape);
        for (int channel = 0; channel < ballots.length; channel++)
        {
            delta.ballots[channel] = ballots[channel] - before.ballots[channel];
            for (int cell = 0; cell < cells[channel].length; cell++)
            {
                delta.cells[channel][cell] = cells[channel][cell] - before.cells[channel][cell];
            }
        }
        for (int item = 0; item < arguments.length; item++)
        {
            delta.arguments[item] = arguments[item] - before.arguments[item];
        }
        return delta;
    }

    /** Every count that differs from {@code expected}, said as "poll: what: expected N, server M". */
    public List<String> differencesFrom(final PollCounts expected)
    {
        final List<String> differences = new ArrayList<>();
        for (int channel = 0; channel < ballots.length; channel++)
        {
            if (ballots[channel] != expected.ballots[channel])
            {
                differences.add(shape.id() + ": ballots, " + shape.channels().get(channel) + ": expected " +
                    expected.ballots[channel] + ", server " + ballots[channel]);
            }
            for (int cell = 0; cell < cells[channel].length; cell++)
            {
                if (cells[channel][cell] != expected.cells[channel][cell])
                {
                    differences.add(shape.id() + ": " + shape.describe(cell, channel) + ": expected " +
                        expected.cells[channel][cell] + ", server " + cells[channel][cell]);
                }
            }
        }
        for (int item = 0; item < arguments.length; item++)
        {
            if (arguments[item] != expected.arguments[item])
            {
                differences.add(shape.id() + ": item " + shape.itemIds()[item] + ", arguments: expected " +
                    expected.arguments[item] + ", server " + arguments[item]);
            }
        }
        return differences;
    }

    public long totalBallots()
    {
        return Arrays.stream(ballots).sum();
    }

    /** Counted ballots of a channel (by index). */
    public long ballots(final int channel)
    {
        return ballots[channel];
    }

    /** A cell's count in a channel (both by index; the cell as {@link PollShape#cell} gives it). */
    public long cell(final int channel, final int cell)
    {
        return cells[channel][cell];
    }

    /** Counted opinions with an argument about an item (by index). */
    public long arguments(final int item)
    {
        return arguments[item];
    }

    public PollShape shape()
    {
        return shape;
    }
}
