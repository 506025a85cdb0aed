package org.urne.tally.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Stand;
import org.urne.tally.domain.TallySheet;

/**
 * A poll's paper channel as its stands enter it: which way each stand's box was entered (typed ballots or tally
 * sheets, never both), each typed ballot's stand and what it replaced (so that "cancel the last one" restores the
 * voter's previous state), each tally sheet's entries under single or double entry, and each stand's share of the
 * counts. Part of the pure core: it decides, {@link PollTally} applies the counts.
 *
 * <p>Double entry: a sheet counts once two different tokens' latest entries since its last agreement give the same
 * figures; the same token entering again replaces its own entry; until the next agreement the last agreed figures
 * count. Paper is a few thousand records a poll, so plain maps serve.
 */
final class PaperBook
{
    /** A stand's valid ballots, blank, spoiled and signatures over its counted sheets, before any; never written. */
    private static final long[] NO_FIGURES = {0, TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN};

    private PollDefinition definition;
    private int itemCount;
    private final int cells;
    private final List<StandTally> stands = new ArrayList<>();
    private final Map<String, StandTally> standsById = new HashMap<>();
    private final Map<Key128, TypedBallot> typed = new HashMap<>();
    private final Map<String, SheetLedger> ledgers = new LinkedHashMap<>();
    /** Unit rows an annulment left without a ballot (any receipt value is some voter's, so a set marks them). */
    private final Set<Integer> emptyUnits = new HashSet<>();
    /** The sheets' part of the last {@link #view}; null once an entry or an added item changed it. */
    private SheetSums sheetSums;

    /**
     * Every sheet's view, and per stand its sheets' states and the sums of its counted sheets, as the last view had
     * them. A typed ballot changes none of it, so publishing after one no longer walks every sheet.
     */
    private record SheetSums(
        Map<String, PaperView.SheetView> sheets,
        Map<StandTally, List<PaperView.SheetStatus>> statuses,
        Map<StandTally, long[]> cells,
        Map<StandTally, long[]> figures)
    {
    }

    /** One stand's box and counts. */
    static final class StandTally
    {
        final Stand stand;
        /** Grows when an item is added to the poll (item-major, so the new item's cells come last). */
        long[] typedCells;
        PaperView.BoxMode mode = PaperView.BoxMode.NONE;
        long typedBallots;
        /** Its view in the last {@link #view}, handed out again while nothing in it changed. */
        PaperView.StandView lastView;

        StandTally(final Stand stand, final int cellCount)
        {
            this.stand = stand;
            this.typedCells = new long[cellCount];
        }
    }

    /**
     * A typed paper ballot: its stand, and the unit row it replaced (null when its voter had none), which an
     * annulment writes back.
     */
    static final class TypedBallot
    {
        final StandTally stand;
        long[] replacedRow;
        boolean annulled;

        TypedBallot(final StandTally stand, final long[] replacedRow)
        {
            this.stand = stand;
            this.replacedRow = replacedRow;
        }
    }

    /** One sheet id's entries. */
    private static final class SheetLedger
    {
        final String sheetId;
        final Map<String, PaperView.Entry> pending = new LinkedHashMap<>();
        TallySheet counted;
        SheetEntry entry;
        /** Its view in the last {@link #view}; null once an entry changed the ledger. */
        PaperView.SheetView lastView;

        SheetLedger(final String sheetId)
        {
            this.sheetId = sheetId;
        }
    }

    PaperBook(final PollDefinition definition)
    {
        this.definition = definition;
        this.itemCount = definition.items().size();
        this.cells = definition.cellsPerItem();
        for (final Stand stand : definition.stands())
        {
            add(stand);
        }
    }

    /** The poll took an added item: {@code definition} lists it last. */
    void itemAdded(final PollDefinition withItem)
    {
        definition = withItem;
        itemCount = withItem.items().size();
        sheetSums = null;
        for (final StandTally stand : stands)
        {
            stand.typedCells = Arrays.copyOf(stand.typedCells, itemCount * cells);
        }
    }

    /**
     * The stand a paper record names: a declared one, or when the poll declares none, the free-text stand (added on
     * first sight). Null for an unknown stand of a poll that declares its stands.
     */
    StandTally stand(final String standId)
    {
        final StandTally stand = standsById.get(standId);
        if (stand != null || !definition.stands().isEmpty())
        {
            return stand;
        }
        return add(new Stand(standId, standId, null));
    }

    private StandTally add(final Stand stand)
    {
        final StandTally tally = new StandTally(stand, itemCount * cells);
        stands.add(tally);
        standsById.put(stand.id(), tally);
        return tally;
    }

    boolean isEmptyUnit(final int row)
    {
        return !emptyUnits.isEmpty() && emptyUnits.contains(row);
    }

    void emptied(final int row)
    {
        emptyUnits.add(row);
    }

    void filled(final int row)
    {
        emptyUnits.remove(row);
    }

    /** Whether any typed ballot named its stand: else no count needs a look-up here. */
    boolean hasTyped()
    {
        return !typed.isEmpty();
    }

    TypedBallot typed(final long receiptHi, final long receiptLo)
    {
        return typed.get(new Key128(receiptHi, receiptLo));
    }

    /** Records a typed ballot before it is applied, so that counting it finds its stand. */
    TypedBallot addTyped(final Key128 receipt, final StandTally stand, final long[] replacedRow)
    {
        final TypedBallot ballot = new TypedBallot(stand, replacedRow);
        typed.put(receipt, ballot);
        return ballot;
    }

    /** Forgets a typed ballot the core refused: there is nothing of it to annul. */
    void removeTyped(final Key128 receipt)
    {
        typed.remove(receipt);
    }

    Collection<TypedBallot> typedBallots()
    {
        return typed.values();
    }

    /**
     * Enters a validated sheet whose stand's box is not typed. Returns the figures that count from now on when they
     * changed (the caller swaps the counts), else null; {@link #lastEntry} says where the sheet stands.
     */
    TallySheet enter(final TallySheet sheet, final long position, final long timeMicros)
    {
        final SheetLedger ledger = ledgers.computeIfAbsent(sheet.sheetId(), SheetLedger::new);
        ledger.lastView = null;
        sheetSums = null;
        stand(sheet.stand()).mode = PaperView.BoxMode.SHEETS;
        if (definition.paperEntry() == PaperEntry.SINGLE)
        {
            return agree(ledger, sheet);
        }
        final String by = String.valueOf(sheet.enteredBy());
        ledger.pending.remove(by);
        for (final PaperView.Entry other : ledger.pending.values())
        {
            if (other.sheet().sameFigures(sheet))
            {
                return agree(ledger, sheet);
            }
        }
        if (ledger.pending.isEmpty() && ledger.counted != null && ledger.counted.sameFigures(sheet))
        {
            ledger.entry = SheetEntry.COUNTED; // the counted figures entered again: nothing changes
            return null;
        }
        ledger.pending.put(by, new PaperView.Entry(by, position, timeMicros, sheet));
        ledger.entry = ledger.pending.size() > 1 ? SheetEntry.IN_DISPUTE : SheetEntry.AWAITING_SECOND_ENTRY;
        return null;
    }

    private static TallySheet agree(final SheetLedger ledger, final TallySheet sheet)
    {
        ledger.pending.clear();
        ledger.counted = sheet;
        ledger.entry = SheetEntry.COUNTED;
        return sheet;
    }

    /** The state of the sheet entered last. */
    SheetEntry lastEntry(final String sheetId)
    {
        return ledgers.get(sheetId).entry;
    }

    /** The paper channel's state beyond what the counts hold, hashed without regard to order; 0 when none. */
    long hash()
    {
        long sum = 0;
        for (final Map.Entry<Key128, TypedBallot> ballot : typed.entrySet())
        {
            long h = StateHash.mix(ballot.getKey().hi(), ballot.getKey().lo());
            h = StateHash.mix(h, StateHash.of(ballot.getValue().stand.stand.id()));
            h = StateHash.mix(h, ballot.getValue().annulled ? 1 : 0);
            if (ballot.getValue().replacedRow != null)
            {
                h = StateHash.mix(h, ballot.getValue().replacedRow);
            }
            sum += h;
        }
        for (final SheetLedger ledger : ledgers.values())
        {
            for (final PaperView.Entry entry : ledger.pending.values())
            {
                sum += StateHash.mix(StateHash.mix(StateHash.of(ledger.sheetId), StateHash.of(entry.by())),
                    entry.position());
            }
        }
        return sum;
    }

    /**
     * A detached view at {@code position}; {@code contributions} gives a counted sheet's contribution per item and
     * cell (judgment sheets fill the missing grade), from the caller's own bookkeeping. It is read only when the
     * sheets' sums were dropped: the caller changes it only for a sheet {@link #enter} has just taken, which drops
     * them.
     */
    PaperView view(final long position, final Map<String, SheetContribution> contributions)
    {
        if (sheetSums == null)
        {
            sheetSums = sumSheets(contributions);
        }
        final List<PaperView.StandView> views = new ArrayList<>(stands.size());
        for (final StandTally stand : stands)
        {
            final long[] fromSheets = sheetSums.cells.get(stand);
            final long[] figures = sheetSums.figures.getOrDefault(stand, NO_FIGURES);
            final List<PaperView.SheetStatus> statuses = sheetSums.statuses.getOrDefault(stand, List.of());
            // The view is published after every batch that touched paper, and a typed ballot touches one stand:
            // the others' views are handed out again rather than copied (their counts are item x cell arrays).
            if (stand.lastView == null || !shows(stand.lastView, stand, fromSheets, figures, statuses))
            {
                stand.lastView = standView(stand, fromSheets, figures, statuses);
            }
            views.add(stand.lastView);
        }
        return new PaperView(position, definition.paperEntry(), views, sheetSums.sheets);
    }

    private SheetSums sumSheets(final Map<String, SheetContribution> contributions)
    {
        final Map<StandTally, List<PaperView.SheetStatus>> sheetsByStand = new HashMap<>();
        final Map<StandTally, long[]> sheetCells = new HashMap<>();
        final Map<StandTally, long[]> sheetFigures = new HashMap<>();
        final Map<String, PaperView.SheetView> sheets = new HashMap<>();
        for (final SheetLedger ledger : ledgers.values())
        {
            if (ledger.lastView == null)
            {
                ledger.lastView = new PaperView.SheetView(ledger.sheetId, ledger.entry, ledger.counted,
                    new ArrayList<>(ledger.pending.values()), differences(ledger));
            }
            final PaperView.SheetView sheet = ledger.lastView;
            sheets.put(ledger.sheetId, sheet);
            final StandTally stand = standsById.get(sheet.stand());
            if (stand == null)
            {
                continue;
            }
            sheetsByStand.computeIfAbsent(stand, s -> new ArrayList<>())
                .add(new PaperView.SheetStatus(ledger.sheetId, ledger.entry));
            if (ledger.counted != null)
            {
                final long[] cellsOfStand = sheetCells.computeIfAbsent(stand, s -> new long[itemCount * cells]);
                contributions.get(ledger.sheetId).addCells(cellsOfStand);
                final long[] figures = sheetFigures.computeIfAbsent(stand, s -> NO_FIGURES.clone());
                figures[0] += ledger.counted.ballots();
                figures[1] = addGiven(figures[1], ledger.counted.blank());
                figures[2] = addGiven(figures[2], ledger.counted.spoiled());
                figures[3] = addGiven(figures[3], ledger.counted.signatures());
            }
        }
        return new SheetSums(Map.copyOf(sheets), sheetsByStand, sheetCells, sheetFigures);
    }

    private PaperView.StandView standView(final StandTally stand, final long[] fromSheets, final long[] figures,
        final List<PaperView.SheetStatus> statuses)
    {
        final long[][] counts = new long[itemCount][cells];
        for (int item = 0; item < itemCount; item++)
        {
            for (int cell = 0; cell < cells; cell++)
            {
                counts[item][cell] = countOf(stand, fromSheets, item * cells + cell);
            }
        }
        return new PaperView.StandView(stand.stand.id(), stand.stand.name(), stand.stand.neighbourhood(),
            stand.mode, stand.typedBallots, statuses, stand.typedBallots + figures[0], figures[1], figures[2],
            figures[3], counts);
    }

    /** Whether {@code view} is what {@link #standView} would build now. */
    private boolean shows(final PaperView.StandView view, final StandTally stand, final long[] fromSheets,
        final long[] figures, final List<PaperView.SheetStatus> statuses)
    {
        if (view.mode() != stand.mode || view.typed() != stand.typedBallots ||
            view.ballots() != stand.typedBallots + figures[0] || view.blank() != figures[1] ||
            view.spoiled() != figures[2] || view.signatures() != figures[3] || !view.sheets().equals(statuses))
        {
            return false;
        }
        final long[][] counts = view.counts();
        if (counts.length != itemCount)
        {
            return false;
        }
        for (int item = 0; item < itemCount; item++)
        {
            final long[] row = counts[item];
            for (int cell = 0; cell < cells; cell++)
            {
                if (row[cell] != countOf(stand, fromSheets, item * cells + cell))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static long countOf(final StandTally stand, final long[] fromSheets, final int at)
    {
        return stand.typedCells[at] + (fromSheets == null ? 0 : fromSheets[at]);
    }

    private static long addGiven(final long sum, final long value)
    {
        if (value == TallySheet.NOT_GIVEN)
        {
            return sum;
        }
        return sum == TallySheet.NOT_GIVEN ? value : sum + value;
    }

    /** Where the pending entries differ among themselves, or the one pending entry from the counted figures. */
    private List<String> differences(final SheetLedger ledger)
    {
        final List<PaperView.Entry> pending = new ArrayList<>(ledger.pending.values());
        final List<TallySheet> compared = new ArrayList<>();
        if (ledger.counted != null && pending.size() == 1)
        {
            compared.add(ledger.counted);
        }
        for (final PaperView.Entry entry : pending)
        {
            compared.add(entry.sheet());
        }
        final List<String> fields = new ArrayList<>();
        for (int i = 1; i < compared.size(); i++)
        {
            for (final String field : differences(compared.get(0), compared.get(i)))
            {
                if (!fields.contains(field))
                {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private List<String> differences(final TallySheet a, final TallySheet b)
    {
        final List<String> fields = new ArrayList<>();
        differ(fields, "stand", !a.stand().equals(b.stand()));
        differ(fields, "channel", !a.channel().equals(b.channel()));
        differ(fields, "ballots", a.ballots() != b.ballots());
        differ(fields, "blank", a.blank() != b.blank());
        differ(fields, "spoiled", a.spoiled() != b.spoiled());
        differ(fields, "signatures", a.signatures() != b.signatures());
        for (final Item item : definition.items())
        {
            final long[] left = cellsOf(a, item.id());
            final long[] right = cellsOf(b, item.id());
            for (int cell = 0; cell < cells; cell++)
            {
                if (left[cell] != right[cell])
                {
                    fields.add("counts." + item.id() + cellSuffix(cell));
                }
            }
        }
        return fields;
    }

    private long[] cellsOf(final TallySheet sheet, final int item)
    {
        final int at = sheet.indexOf(item);
        return at < 0 ? new long[cells] : sheet.counts()[at];
    }

    private String cellSuffix(final int cell)
    {
        if (definition.kind() == PollKind.PRIORITY)
        {
            return "";
        }
        return "." + (definition.kind() == PollKind.OPINION ? Choice.values()[cell].wireName() : cell);
    }

    private static void differ(final List<String> fields, final String field, final boolean differs)
    {
        if (differs)
        {
            fields.add(field);
        }
    }
}
