package org.urne.tally.core;

import java.util.List;
import java.util.Map;

import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.TallySheet;

/**
 * A poll's paper channel at one journal position, detached from the live core: each stand's status, counts and
 * reconciliation figures, and each tally sheet's entries. What the operator screens and the results per stand read,
 * from any thread.
 *
 * @param position   the position of the last journal record it reflects.
 * @param paperEntry single or double entry of tally sheets.
 * @param stands     the declared stands in definition order, or the free-text stands in the order first seen.
 * @param sheets     every tally sheet entered, by id.
 */
public record PaperView(long position, PaperEntry paperEntry, List<StandView> stands, Map<String, SheetView> sheets)
{
    /** How a stand's box was entered. */
    public enum BoxMode
    {
        /** Not yet: the stand has not reported. */
        NONE,
        /** As typed paper ballots, one by one. */
        TYPED,
        /** As tally sheets. */
        SHEETS
    }

    public PaperView
    {
        stands = List.copyOf(stands);
        sheets = Map.copyOf(sheets);
    }

    /** The stand with this id, or null. */
    public StandView stand(final String id)
    {
        for (final StandView stand : stands)
        {
            if (stand.id().equals(id))
            {
                return stand;
            }
        }
        return null;
    }

    /**
     * One stand.
     *
     * @param id            the declared id, or the free text.
     * @param name          the declared name, or the free text.
     * @param neighbourhood the declared neighbourhood, or null.
     * @param mode          how its box was entered.
     * @param typed         typed ballots of the stand that count now.
     * @param sheets        its sheets (id and entry state), in the order first entered.
     * @param ballots       valid ballots counted for the stand: typed ones and counted sheets' ballots.
     * @param blank         blank ballots over its counted sheets, or {@link TallySheet#NOT_GIVEN} when none gave it.
     * @param spoiled       spoiled ballots likewise.
     * @param signatures    signatures likewise.
     * @param counts        {@code counts[item][cell]}: its votes, by item index in definition order.
     */
    public record StandView(String id, String name, String neighbourhood, BoxMode mode, long typed,
        List<SheetStatus> sheets, long ballots, long blank, long spoiled, long signatures, long[][] counts)
    {
        public StandView
        {
            sheets = List.copyOf(sheets);
        }

        /** The stand's status for agents: not reported, typed, or its least advanced sheet's entry state. */
        public String status()
        {
            if (mode == BoxMode.NONE)
            {
                return "not-reported";
            }
            if (mode == BoxMode.TYPED)
            {
                return "typed";
            }
            SheetEntry least = SheetEntry.COUNTED;
            for (final SheetStatus sheet : sheets)
            {
                if (sheet.entry().ordinal() < least.ordinal())
                {
                    least = sheet.entry();
                }
            }
            return least.wireName();
        }
    }

    /** A sheet's id and entry state. */
    public record SheetStatus(String sheetId, SheetEntry entry)
    {
    }

    /**
     * One tally sheet.
     *
     * @param sheetId     its id.
     * @param entry       its state.
     * @param counted     the figures that count (the last agreed), or null before any.
     * @param entries     the entries since the last agreement (the latest per token), oldest first.
     * @param differences the fields where those entries differ (or where the one entry differs from the counted
     *                    figures): {@code ballots}, {@code counts.14}, {@code counts.3.for}, {@code counts.2.0}...
     */
    public record SheetView(String sheetId, SheetEntry entry, TallySheet counted, List<Entry> entries,
        List<String> differences)
    {
        public SheetView
        {
            entries = List.copyOf(entries);
            differences = List.copyOf(differences);
        }

        /** The stand of the figures that count, else of the latest entry. */
        public String stand()
        {
            return counted != null ? counted.stand() : entries.get(entries.size() - 1).sheet().stand();
        }
    }

    /** One entry of a sheet: who entered which figures, where in the journal. */
    public record Entry(String by, long position, long timeMicros, TallySheet sheet)
    {
    }
}
