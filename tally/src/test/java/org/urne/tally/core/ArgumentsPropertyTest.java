package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.RevotePolicy;

/**
 * Which arguments are served, against a plain model: for random opinion journals full of revotes, withdrawals,
 * stale ballots, retries, typed ballots annulled, hides and erasures, after every record the arguments served per
 * item and stance (newest first, page after page) are exactly those of the ballots that count now, neither hidden
 * nor erased, and the counts per stance those of every counted argument. The model takes from the core only whether
 * a ballot or an annulment was accepted (what decides that is {@link TallyCorePropertyTest}'s); from there it keeps
 * each unit's accepted ballots in a list and reads the current one off it: the last one not annulled (revote
 * replace), the first vote not annulled (revote first). Each view is checked again once the journal is over: the
 * tally agent publishes a view and goes on changing the lists it was taken from, so a view must never change after.
 */
class ArgumentsPropertyTest
{
    @Property(tries = 400)
    void servedArgumentsAreThoseOfTheCountedVotes(@ForAll final long seed,
        @ForAll @IntRange(min = 2, max = 160) final int length)
    {
        final List<RandomJournal.Timed> journal = ArgumentJournals.generate(seed, length);
        final TallyCore core = new TallyCore();
        final Model model = new Model(((JournalEntry.PollDefined)journal.get(0).entry()).definition());
        final List<Seen> seen = new ArrayList<>();
        for (int position = 0; position < journal.size(); position++)
        {
            final RandomJournal.Timed timed = journal.get(position);
            timed.entry().dispatch(position, timed.timeMicros(), core);
            model.apply(position, timed, core.lastOutcome());
            final Seen now = assertServed(core, model, position);
            if (now != null)
            {
                seen.add(now);
            }
        }
        for (final Seen earlier : seen)
        {
            assertSame(earlier);
        }
    }

    /** A view as it was checked: at a position, with what each item and stance served and each argument's state. */
    private record Seen(ArgumentView view, int position, List<List<ArgumentView.Argument>> served,
        Map<Long, ArgumentView.Known> known)
    {
    }

    private static Seen assertServed(final TallyCore core, final Model model, final int position)
    {
        final ArgumentView view = core.arguments(RandomJournal.POLL);
        if (view == null)
        {
            return null;
        }
        final PollResults results = core.results(RandomJournal.POLL, 0);
        final List<List<ArgumentView.Argument>> served = new ArrayList<>();
        for (int item = 0; item < ArgumentJournals.ITEM_IDS.length; item++)
        {
            long counted = 0;
            for (final Choice stance : Choice.values())
            {
                final List<ArgumentView.Argument> expected = model.served(item, stance);
                served.add(expected);
                assertThat(allPages(view, item, stance, 1 + position % 3)).as("at %d, item %d, %s", position, item, stance)
                    .isEqualTo(expected);
                final long count = model.counted(item, stance);
                assertThat(results.argumentsByStance()[item][stance.ordinal()])
                    .as("count at %d, item %d, %s", position, item, stance).isEqualTo(count);
                counted += count;
            }
            assertThat(results.arguments()[item]).as("arguments = the sum per stance").isEqualTo(counted);
        }
        final Map<Long, ArgumentView.Known> known = model.known();
        assertKnown(view, known, position);
        return new Seen(view, position, served, known);
    }

    private static void assertSame(final Seen seen)
    {
        int slot = 0;
        for (int item = 0; item < ArgumentJournals.ITEM_IDS.length; item++)
        {
            for (final Choice stance : Choice.values())
            {
                assertThat(allPages(seen.view(), item, stance, 1 + seen.position() % 3))
                    .as("the view of %d later, item %d, %s", seen.position(), item, stance)
                    .isEqualTo(seen.served().get(slot++));
            }
        }
        assertKnown(seen.view(), seen.known(), seen.position());
    }

    private static void assertKnown(final ArgumentView view, final Map<Long, ArgumentView.Known> known,
        final int position)
    {
        for (final ArgumentView.Known expected : known.values())
        {
            assertThat(view.find(expected.id())).as("argument %d at %d", expected.id(), position).isEqualTo(expected);
        }
        assertThat(view.find(position + 1L)).as("no argument at %d yet", position + 1).isNull();
    }

    private static List<ArgumentView.Argument> allPages(final ArgumentView view, final int item, final Choice stance,
        final int size)
    {
        final List<ArgumentView.Argument> all = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true)
        {
            final ArgumentView.Page page = view.page(item, stance, before, size);
            assertThat(page.arguments()).hasSizeLessThanOrEqualTo(size);
            all.addAll(page.arguments());
            if (page.next() < 0)
            {
                return all;
            }
            assertThat(page.arguments()).hasSize(size);
            before = page.next();
        }
    }

    /** The plain model: each unit's accepted ballots, the annulled receipts, the hidden and erased ids. */
    private static final class Model
    {
        private final PollDefinition definition;
        private final Map<List<Object>, List<Accepted>> units = new LinkedHashMap<>();
        private final Set<Key128> annulled = new HashSet<>();
        private final Map<Long, Accepted> arguments = new HashMap<>();
        /** Hidden arguments, with the reason the core keeps ("" for none). */
        private final Map<Long, String> hidden = new HashMap<>();
        private final Set<Long> erased = new HashSet<>();

        record Accepted(long position, long timeMicros, Ballot ballot)
        {
        }

        Model(final PollDefinition definition)
        {
            this.definition = definition;
        }

        void apply(final int position, final RandomJournal.Timed timed, final Outcome outcome)
        {
            final JournalEntry entry = timed.entry();
            if (entry instanceof JournalEntry.BallotCast cast && outcome == Outcome.ACCEPTED)
            {
                final Accepted accepted = new Accepted(position, timed.timeMicros(), cast.ballot());
                units.computeIfAbsent(unit(cast.ballot()), u -> new ArrayList<>()).add(accepted);
                if (cast.ballot().content() instanceof BallotContent.Opinion opinion && opinion.argued())
                {
                    arguments.put((long)position, accepted);
                }
            }
            else if (entry instanceof JournalEntry.BallotAnnulled annul && outcome == Outcome.ACCEPTED)
            {
                annulled.add(annul.receipt());
            }
            else if (entry instanceof JournalEntry.ArgumentHidden hide)
            {
                final boolean takes = arguments.containsKey(hide.argument()) && !hidden.containsKey(hide.argument());
                assertThat(outcome).as("hiding %d at %d", hide.argument(), position)
                    .isEqualTo(takes ? Outcome.ACCEPTED : Outcome.REJECTED);
                if (takes)
                {
                    hidden.put(hide.argument(), hide.reason() == null ? "" : hide.reason());
                }
            }
            else if (entry instanceof JournalEntry.ArgumentErased erase)
            {
                final boolean takes = arguments.containsKey(erase.argument()) && !erased.contains(erase.argument());
                assertThat(outcome).as("erasing %d at %d", erase.argument(), position)
                    .isEqualTo(takes ? Outcome.ACCEPTED : Outcome.REJECTED);
                erased.add(erase.argument());
            }
        }

        private static List<Object> unit(final Ballot ballot)
        {
            final int item = ballot.content() instanceof BallotContent.Opinion opinion ? opinion.item() :
                ((BallotContent.Withdrawal)ballot.content()).item();
            return List.of(ballot.voter(), item);
        }

        /** The opinions that count now: each unit's current ballot, when it is not a withdrawal. */
        private List<Accepted> counted()
        {
            final List<Accepted> counted = new ArrayList<>();
            for (final List<Accepted> accepted : units.values())
            {
                Accepted current = null;
                for (final Accepted candidate : accepted)
                {
                    if (annulled.contains(candidate.ballot().receipt()))
                    {
                        continue;
                    }
                    if (definition.revote() == RevotePolicy.REPLACE)
                    {
                        current = candidate;
                    }
                    else if (!(candidate.ballot().content() instanceof BallotContent.Withdrawal))
                    {
                        current = candidate;
                        break;
                    }
                }
                if (current != null && current.ballot().content() instanceof BallotContent.Opinion)
                {
                    counted.add(current);
                }
            }
            return counted;
        }

        List<ArgumentView.Argument> served(final int itemIndex, final Choice stance)
        {
            final List<ArgumentView.Argument> served = new ArrayList<>();
            for (final Accepted accepted : counted())
            {
                final BallotContent.Opinion opinion = (BallotContent.Opinion)accepted.ballot().content();
                if (opinion.argued() && opinion.item() == ArgumentJournals.ITEM_IDS[itemIndex] &&
                    opinion.choice() == stance && !hidden.containsKey(accepted.position()) &&
                    !erased.contains(accepted.position()))
                {
                    served.add(new ArgumentView.Argument(accepted.position(), stance, opinion.argument(),
                        accepted.timeMicros()));
                }
            }
            served.sort(Comparator.comparingLong(ArgumentView.Argument::id).reversed());
            return served;
        }

        /** What moderation knows of each argument: counted, hidden (with the reason), erased. */
        Map<Long, ArgumentView.Known> known()
        {
            final Set<Long> counted = new HashSet<>();
            for (final Accepted accepted : counted())
            {
                counted.add(accepted.position());
            }
            final Map<Long, ArgumentView.Known> known = new HashMap<>();
            for (final Map.Entry<Long, Accepted> argument : arguments.entrySet())
            {
                final long id = argument.getKey();
                final BallotContent.Opinion opinion = (BallotContent.Opinion)argument.getValue().ballot().content();
                known.put(id, new ArgumentView.Known(id, itemIndex(opinion.item()), counted.contains(id),
                    hidden.get(id), erased.contains(id)));
            }
            return known;
        }

        private static int itemIndex(final int itemId)
        {
            for (int index = 0; index < ArgumentJournals.ITEM_IDS.length; index++)
            {
                if (ArgumentJournals.ITEM_IDS[index] == itemId)
                {
                    return index;
                }
            }
            throw new IllegalArgumentException("no item " + itemId);
        }

        long counted(final int itemIndex, final Choice stance)
        {
            return counted().stream().map(a -> (BallotContent.Opinion)a.ballot().content())
                .filter(o -> o.argued() && o.item() == ArgumentJournals.ITEM_IDS[itemIndex] && o.choice() == stance)
                .count();
        }
    }
}
