package org.urne.tally.core;

import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.TallySheet;

/**
 * What one tally sheet adds to a poll's counters, kept so a correcting sheet can take it out exactly. For judgment
 * polls, marks a sheet leaves out of an item count at the poll's missing grade, as for individual ballots, so
 * every item's profile has the same size.
 */
final class SheetContribution
{
    private final int channel;
    private final long ballots;
    private final int cells;
    private final long[] cellCounts;

    private SheetContribution(final int channel, final long ballots, final int cells, final long[] cellCounts)
    {
        this.channel = channel;
        this.ballots = ballots;
        this.cells = cells;
        this.cellCounts = cellCounts;
    }

    /** Builds the contribution of a sheet already validated against the definition. */
    static SheetContribution of(final PollDefinition definition, final ItemIndex itemIndexById,
        final TallySheet sheet)
    {
        final int cells = definition.cellsPerItem();
        final int itemCount = definition.items().size();
        final long[] cellCounts = new long[itemCount * cells];
        for (int i = 0; i < sheet.items().length; i++)
        {
            final int item = itemIndexById.indexOf(sheet.items()[i]);
            System.arraycopy(sheet.counts()[i], 0, cellCounts, item * cells, cells);
        }
        if (definition.kind() == PollKind.JUDGMENT)
        {
            for (int item = 0; item < itemCount; item++)
            {
                long marks = 0;
                for (int grade = 0; grade < cells; grade++)
                {
                    marks += cellCounts[item * cells + grade];
                }
                cellCounts[item * cells + definition.missingGrade()] += sheet.ballots() - marks;
            }
        }
        return new SheetContribution(definition.channelIndex(sheet.channel()), sheet.ballots(), cells, cellCounts);
    }

    void addTo(final long[] counts, final long[] ballotsByChannel, final int channelCount, final int sign)
    {
        ballotsByChannel[channel] += sign * ballots;
        for (int cell = 0; cell < cellCounts.length; cell++)
        {
            counts[cell * channelCount + channel] += sign * cellCounts[cell];
        }
    }

    /** Adds its counts per item and cell (all channels) to {@code cells}. */
    void addCells(final long[] cells)
    {
        for (int cell = 0; cell < cellCounts.length; cell++)
        {
            cells[cell] += cellCounts[cell];
        }
    }

    long hash()
    {
        return StateHash.mix(StateHash.mix(StateHash.mix(channel, ballots), cells), cellCounts);
    }
}
