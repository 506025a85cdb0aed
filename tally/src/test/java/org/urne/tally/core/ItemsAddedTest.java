package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Proposals;
import org.urne.tally.domain.Publication;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Stand;
import org.urne.tally.domain.TallySheet;

/**
 * Items added to an opinion poll while it runs: the journal numbers them, they count like the defined ones (online,
 * typed at a stand, on a sheet), moderation stops new opinions and keeps the counted ones, and a replay of the same
 * records reaches the same state.
 */
class ItemsAddedTest
{
    private static final String POLL = "consultation";
    private static final Key128 CITIZEN = RandomJournal.voter(99);

    private TallyCore core = new TallyCore();
    private final List<JournalEntry> journal = new ArrayList<>();
    private long position;

    @Test
    void theJournalNumbersAddedItemsAndTheyCountLikeTheDefinedOnes()
    {
        define(Proposals.CITIZENS, PollKind.OPINION);
        assertThat(add("Des fontaines", "Eau", null)).isEqualTo(8);
        assertThat(add("Des bancs", "Eau", CITIZEN)).isEqualTo(9);
        opinion("b1", 1, 8, Choice.FOR, null);
        opinion("b2", 2, 9, Choice.AGAINST, null);
        opinion("b3", 2, 9, Choice.MIXED, "stand-a");
        final PollResults results = core.results(POLL, 1_000);
        assertThat(results.definition().items()).extracting(Item::id).containsExactly(3, 7, 8, 9);
        assertThat(results.total(2, Choice.FOR.ordinal())).isEqualTo(1);
        assertThat(results.total(3, Choice.MIXED.ordinal())).as("the revote on the new item replaced").isEqualTo(1);
        assertThat(results.total(3, Choice.AGAINST.ordinal())).isZero();
        assertThat(core.paper(POLL).stand("stand-a").counts()[3][Choice.MIXED.ordinal()]).isEqualTo(1);

        sheet("s1", new int[] {9}, new long[][] {{4, 0, 1}});
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(core.results(POLL, 1_000).total(3, Choice.FOR.ordinal())).isEqualTo(4);
        assertThat(core.paper(POLL).stand("stand-b").counts()).hasNumberOfRows(4);

        final PollState state = core.state(POLL);
        assertThat(state.definedItems()).isEqualTo(2);
        assertThat(state.asDefined()).isEqualTo(definition(Proposals.CITIZENS, PollKind.OPINION));
        assertThat(replayedHash()).isEqualTo(core.stateHash());
    }

    @Test
    void whatAnItemCannotBeIsRefusedAndChangesNothing()
    {
        define(Proposals.OPERATORS, PollKind.OPINION);
        add("Des bancs", "Eau", CITIZEN);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.PROPOSALS_CLOSED);
        add("  des ARBRES ", "Nature", null);
        assertThat(core.lastRejectReason()).as("the same title in the subject").isEqualTo(RejectReason.DUPLICATE_ITEM);
        add(" ", "Nature", null);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.INVALID);
        apply(new JournalEntry.ItemAdded(POLL, "Lien", null, null, null, "javascript:alert(1)", null));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.INVALID);
        apply(new JournalEntry.ItemStatusChanged(POLL, 42, ItemStatus.HIDDEN, "no such item"));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.ITEM_UNKNOWN);
        assertThat(core.state(POLL).definition().items()).as("nothing added").hasSize(2);
        assertThat(core.state(POLL).moderated()).isEmpty();
        assertThat(add("Des arbres", "Ailleurs", null)).as("another subject may have the title").isEqualTo(8);

        apply(new JournalEntry.PollClosed(POLL));
        add("Trop tard", null, null);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_CLOSED);
    }

    @Test
    void aPriorityOrJudgmentPollKeepsItsDefinedItems()
    {
        define(Proposals.OPERATORS, PollKind.PRIORITY);
        add("Une de plus", null, null);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.ITEMS_FIXED);
        apply(new JournalEntry.ItemStatusChanged(POLL, 3, ItemStatus.HIDDEN, null));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.ITEMS_FIXED);
    }

    @Test
    void aHiddenItemTakesNoNewOpinionKeepsItsCountsAndTakesAWithdrawal()
    {
        define(Proposals.OPERATORS, PollKind.OPINION);
        final int added = add("Un texte injurieux", null, null);
        opinion("b1", 1, added, Choice.FOR, null);
        opinion("b2", 2, added, Choice.FOR, null);
        apply(new JournalEntry.ItemStatusChanged(POLL, added, ItemStatus.HIDDEN, "injurieux"));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        apply(new JournalEntry.ItemStatusChanged(POLL, added, ItemStatus.HIDDEN, "again"));
        assertThat(core.lastOutcome()).as("the same status again is a retry").isEqualTo(Outcome.DUPLICATE);
        assertThat(core.state(POLL).itemStatus(added)).isEqualTo(ItemStatus.HIDDEN);
        assertThat(core.state(POLL).itemStatus(3)).isEqualTo(ItemStatus.PUBLISHED);

        opinion("b3", 3, added, Choice.AGAINST, null);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.ITEM_NOT_PUBLISHED);
        apply(new JournalEntry.BallotCast(new Ballot(POLL, "w2", RandomJournal.voter(2), RandomJournal.receipt("w2"),
            "digital", 600, new BallotContent.Withdrawal(added), null)));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(core.results(POLL, 1_000).total(2, Choice.FOR.ordinal())).as("b1 still counts").isEqualTo(1);

        apply(new JournalEntry.ItemStatusChanged(POLL, added, ItemStatus.PUBLISHED, "appeal upheld"));
        opinion("b4", 3, added, Choice.AGAINST, null);
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
    }

    /**
     * Any mix of added items, status changes, opinions and withdrawals (revote: replace) counts as a model that
     * keeps, per voter and item, the last opinion given while the item was published (a withdrawal takes it out);
     * the participants are the voters with at least one.
     */
    @Property(tries = 200)
    void countsFollowTheModel(@ForAll("steps") final List<int[]> steps)
    {
        // jqwik runs every try on the same instance.
        core = new TallyCore();
        journal.clear();
        position = 0;
        define(Proposals.OPERATORS, PollKind.OPINION);
        final List<Integer> items = new ArrayList<>(List.of(3, 7));
        final Map<Integer, ItemStatus> statuses = new HashMap<>(Map.of(3, ItemStatus.PUBLISHED, 7,
            ItemStatus.PUBLISHED));
        final Map<String, Choice> model = new HashMap<>();
        int ballot = 0;
        for (final int[] step : steps)
        {
            final int item = items.get(step[1] % items.size());
            switch (step[0])
            {
                case 0 ->
                {
                    final int id = add("Proposition " + items.size(), null, null);
                    items.add(id);
                    statuses.put(id, ItemStatus.PUBLISHED);
                }
                case 1 ->
                {
                    final ItemStatus status = ItemStatus.values()[step[2] % 3];
                    apply(new JournalEntry.ItemStatusChanged(POLL, item, status, null));
                    statuses.put(item, status);
                }
                case 2 ->
                {
                    apply(new JournalEntry.BallotCast(new Ballot(POLL, "w" + ballot, RandomJournal.voter(step[3]),
                        RandomJournal.receipt("w" + ballot++), "digital", 100 + position,
                        new BallotContent.Withdrawal(item), null)));
                    model.remove(step[3] + "/" + item);
                }
                default ->
                {
                    final Choice choice = Choice.values()[step[2] % 3];
                    opinion("b" + ballot++, step[3], item, choice, null);
                    if (statuses.get(item) == ItemStatus.PUBLISHED)
                    {
                        model.put(step[3] + "/" + item, choice);
                    }
                }
            }
        }
        final PollResults results = core.results(POLL, 1_000);
        for (int index = 0; index < items.size(); index++)
        {
            final int item = items.get(index);
            assertThat(results.definition().items().get(index).id()).isEqualTo(item);
            for (final Choice choice : Choice.values())
            {
                final long expected = model.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/" + item) && e.getValue() == choice).count();
                assertThat(results.total(index, choice.ordinal())).as("item %d %s", item, choice).isEqualTo(expected);
            }
            assertThat(core.state(POLL).itemStatus(item)).isEqualTo(statuses.get(item));
        }
        assertThat(results.participants()).as("participants")
            .isEqualTo(model.keySet().stream().map(key -> key.split("/")[0]).distinct().count());
        assertThat(replayedHash()).isEqualTo(core.stateHash());
    }

    @Provide
    Arbitrary<List<int[]>> steps()
    {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 6))
            .as((kind, item, value, voter) -> new int[] {kind, item, value, voter})
            .list().ofMaxSize(60);
    }

    private static PollDefinition definition(final Proposals proposals, final PollKind kind)
    {
        final PollDefinition base = RandomJournal.definition(kind, RevotePolicy.REPLACE, false);
        return new PollDefinition(POLL, "Consultation", kind, List.of("digital", "paper"), null, null,
            RevotePolicy.REPLACE, base.minSelections(), Math.min(base.maxSelections(), 2),
            List.of(new Item(3, "Des arbres", null, "Nature"), new Item(7, "Moins de voitures", null, "Mobilité")),
            base.grades(), base.missingGrade(), base.maxArgumentLength(), null, Publication.LIVE, 60,
            List.of(new Stand("stand-a", "Stand A", null), new Stand("stand-b", "Stand B", null)), PaperEntry.SINGLE,
            null, proposals);
    }

    private void define(final Proposals proposals, final PollKind kind)
    {
        apply(new JournalEntry.PollDefined(definition(proposals, kind)));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        apply(new JournalEntry.PollOpened(POLL));
    }

    /** The id the journal gave the item, or -1 when refused. */
    private int add(final String title, final String subject, final Key128 proposer)
    {
        apply(new JournalEntry.ItemAdded(POLL, title, null, subject, null, null, proposer));
        return core.lastAddedItem();
    }

    private void opinion(final String ballotId, final int voter, final int item, final Choice choice,
        final String stand)
    {
        apply(new JournalEntry.BallotCast(new Ballot(POLL, ballotId, RandomJournal.voter(voter),
            RandomJournal.receipt(ballotId), stand == null ? "digital" : "paper", 100 + position,
            new BallotContent.Opinion(item, choice, null), stand)));
    }

    private void sheet(final String sheetId, final int[] items, final long[][] counts)
    {
        apply(new JournalEntry.TallySheetRecorded(new TallySheet(POLL, sheetId, "stand-b", "paper", 5, items, counts,
            TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN, "agent")));
    }

    private void apply(final JournalEntry entry)
    {
        journal.add(entry);
        entry.dispatch(position++, 1_000, core);
    }

    private long replayedHash()
    {
        final TallyCore replayed = new TallyCore();
        for (int i = 0; i < journal.size(); i++)
        {
            journal.get(i).dispatch(i, 1_000, replayed);
        }
        return replayed.stateHash();
    }
}
