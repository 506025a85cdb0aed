package org.urne.tally.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Proposals;
import org.urne.tally.domain.Publication;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Stand;
import org.urne.tally.domain.TallySheet;

/**
 * Random journals of a consultation (issue 16): an opinion poll taking citizens' proposals, whose items are added
 * while it runs (titles drawn from a few, so some are refused as the same title in a subject; now and then one breaks
 * a rule), hidden, withdrawn and published again; opinions and withdrawals on defined and added items (some on
 * items hidden at the time, refused), revotes out of order, a tally sheet that counts an added item, a close and a
 * status change after it; and a priority poll that refuses every addition. Records are timed by the generator.
 */
public final class ItemJournals
{
    /** The consultation's id; the priority poll is {@link RandomJournal#POLL}. */
    public static final String POLL = "consultation";
    private static final String[] SUBJECTS = {"Nature", "Mobilité", null};
    private static final String[] TITLES = {"Des fontaines", "Des bancs", "Un jardin partagé", "DES FONTAINES "};
    private static final int VOTERS = 9;

    private ItemJournals()
    {
    }

    /** The consultation: two defined items with subjects, a stand, citizens' proposals. */
    public static PollDefinition definition()
    {
        return new PollDefinition(POLL, "Consultation", PollKind.OPINION, List.of("digital", "paper"), null, null,
            RevotePolicy.REPLACE, 0, 0, List.of(new Item(1, "Des arbres", null, "Nature", "Partout.", null),
                new Item(2, "Moins de voitures", null, "Mobilité", null, "https://example.org/2")), List.of(), 0,
            500, null, Publication.LIVE, 60, List.of(new Stand("jaude", "Place de Jaude", null)), PaperEntry.SINGLE,
            null, Proposals.CITIZENS);
    }

    /** A journal of {@code length} records (at least 4). */
    public static List<RandomJournal.Timed> generate(final long seed, final int length)
    {
        final Random random = new Random(seed);
        final List<RandomJournal.Timed> journal = new ArrayList<>();
        long time = 1_000_000;
        journal.add(new RandomJournal.Timed(time, new JournalEntry.PollDefined(definition())));
        journal.add(new RandomJournal.Timed(time, new JournalEntry.PollDefined(
            RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, false))));
        journal.add(new RandomJournal.Timed(time, new JournalEntry.PollOpened(POLL)));
        int ballots = 0;
        // Ids the items may have by now: the defined ones, and one more per addition (some are refused).
        int highest = 2;
        while (journal.size() < length - 2)
        {
            time += 1_000 + random.nextInt(5_000);
            final int dice = random.nextInt(100);
            final JournalEntry entry;
            if (dice < 10)
            {
                final String title = dice == 0 ? " " : TITLES[random.nextInt(TITLES.length)] + " " + random.nextInt(4);
                entry = new JournalEntry.ItemAdded(dice == 1 ? RandomJournal.POLL : POLL, title, null,
                    SUBJECTS[random.nextInt(SUBJECTS.length)], random.nextBoolean() ? "Pourquoi." : null,
                    dice == 2 ? "javascript:void(0)" : null,
                    random.nextBoolean() ? RandomJournal.voter(random.nextInt(VOTERS)) : null);
                highest++;
            }
            else if (dice < 16)
            {
                entry = new JournalEntry.ItemStatusChanged(POLL, 1 + random.nextInt(highest + 1),
                    ItemStatus.values()[random.nextInt(ItemStatus.values().length)], dice == 10 ? "charte" : null);
            }
            else if (dice < 18)
            {
                final int item = 1 + random.nextInt(highest);
                entry = new JournalEntry.TallySheetRecorded(new TallySheet(POLL, "sheet-" + random.nextInt(2), "jaude",
                    "paper", 20, new int[] {item}, new long[][] {{random.nextInt(8), random.nextInt(6), 3}},
                    TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN, "agent"));
            }
            else
            {
                final String ballotId = "b" + ballots++;
                final int item = 1 + random.nextInt(highest + 1);
                final BallotContent content = dice < 26 ? new BallotContent.Withdrawal(item) :
                    new BallotContent.Opinion(item, Choice.values()[random.nextInt(3)], null);
                // castAt a little behind now and then: a revote older than the voter's current ballot is stale.
                entry = new JournalEntry.BallotCast(new Ballot(POLL, ballotId,
                    RandomJournal.voter(random.nextInt(VOTERS)), RandomJournal.receipt(ballotId), "digital",
                    time - random.nextInt(10_000), content, null));
            }
            journal.add(new RandomJournal.Timed(time, entry));
        }
        journal.add(new RandomJournal.Timed(time + 1, new JournalEntry.PollClosed(POLL)));
        journal.add(new RandomJournal.Timed(time + 2, new JournalEntry.ItemStatusChanged(POLL, 1, ItemStatus.HIDDEN,
            "after the close")));
        return journal;
    }
}
