package org.urne.tally.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The core against {@link LegacyTallyCore}, the implementation with two hash tables it replaced: on the same
 * journal, every record's outcome and reason, every {@code prior} answer (asked before each ballot, as ingest does),
 * every receipt's lookup, the results and the state hash are the same. The journals cover what the compact rows
 * must get right: both layouts (priority polls whose selections fit 32 bits and those that do not, opinion and
 * judgment with 2 to 64 grades, 1 to 16 channels), indexes growing many times, voters revoting dozens of times,
 * retries of superseded ballots, receipts reused by other voters, castAt at the ends of the long range, the zero key,
 * and positions with gaps. The new core is also given {@link TallyCore#prefetch} calls, which must change nothing.
 */
class CoreLayoutEquivalenceTest
{
    private static final String POLL = RandomJournal.POLL;

    @Property(tries = 500)
    void theCoreMatchesTheLegacyCoreOnRandomJournals(
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 300) final int length)
    {
        final List<RandomJournal.Timed> journal = RandomJournal.generate(seed, length);
        final long[] positions = new long[journal.size()];
        for (int i = 0; i < positions.length; i++)
        {
            positions[i] = i;
        }
        compare(journal, positions);
    }

    @Property(tries = 300)
    void theCoreMatchesTheLegacyCoreOnEveryPollShape(
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 600) final int length)
    {
        final Random random = new Random(seed);
        final List<RandomJournal.Timed> journal = shapedJournal(random, length, 1 + random.nextInt(40));
        compare(journal, positions(random, journal.size()));
    }

    @Property(tries = 5)
    void theCoreMatchesTheLegacyCoreThroughTableGrowth(@ForAll final long seed)
    {
        final Random random = new Random(seed);
        final List<RandomJournal.Timed> journal = shapedJournal(random, 30_000, 2_000 + random.nextInt(8_000));
        compare(journal, positions(random, journal.size()));
    }

    @Test
    void aCompactRowHoldsPositionsUpToTheLimitAndRefusesBeyondItLoudly()
    {
        final TallyCore core = new TallyCore();
        final long definedAt = 10;
        core.onPollDefined(definedAt, 0, RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, false));
        core.onPollOpened(definedAt + 1, 0, POLL);
        final long last = definedAt + UnitLayout.MAX_RELATIVE_POSITION;
        final Ballot first = ballot("b0", 1, 5, new BallotContent.Selection(new int[]{7, 3}));
        core.onBallot(last - 1, 0, first);
        final Ballot revote = ballot("b1", 1, 6, new BallotContent.Selection(new int[]{41}));
        core.onBallot(last, 0, revote);
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(core.lookup(POLL, revote.receipt()))
            .isEqualTo(new ReceiptLookup(revote.receipt(), last, ReceiptStatus.COUNTED, null));
        assertThat(core.lookup(POLL, first.receipt()))
            .isEqualTo(new ReceiptLookup(first.receipt(), last - 1, ReceiptStatus.SUPERSEDED, null));
        assertThat(core.prior(revote)).isEqualTo(new PriorBallot(last, true));
        final long hash = core.stateHash();

        assertThatThrownBy(() -> core.onBallot(last + 1, 0, ballot("b2", 1, 7, new BallotContent.Withdrawal(
            BallotContent.NO_ITEM)))).isInstanceOf(IllegalStateException.class).hasMessageContaining("compact layout");
        assertThat(core.lookup(POLL, revote.receipt()).status()).as("nothing changed").isEqualTo(ReceiptStatus.COUNTED);
        assertThat(core.results(POLL, 0).ballots()).containsExactly(0, 1);
        assertThat(core.stateHash()).as("only the position moved").isNotEqualTo(hash);
    }

    private static Ballot ballot(final String ballotId, final int voter, final long castAt, final BallotContent content)
    {
        return new Ballot(POLL, ballotId, RandomJournal.voter(voter), RandomJournal.receipt(ballotId), "digital",
            castAt, content);
    }

    private static void compare(final List<RandomJournal.Timed> journal, final long[] positions)
    {
        final TallyCore core = new TallyCore();
        final LegacyTallyCore legacy = new LegacyTallyCore();
        final List<Ballot> ballots = new ArrayList<>();
        for (int i = 0; i < journal.size(); i++)
        {
            final RandomJournal.Timed timed = journal.get(i);
            if (timed.entry() instanceof JournalEntry.BallotCast cast)
            {
                final PriorBallot prior = core.prior(cast.ballot());
                if (!Objects.equals(prior, legacy.prior(cast.ballot())))
                {
                    throw new AssertionError("prior before record " + i + ": " + prior + ", legacy " +
                        legacy.prior(cast.ballot()));
                }
                ballots.add(cast.ballot());
                // Prefetching changes nothing, whatever it is given: this ballot, and one applied long ago.
                core.prefetch(cast.ballot());
                core.prefetch(ballots.get(i % ballots.size()));
            }
            timed.entry().dispatch(positions[i], timed.timeMicros(), core);
            timed.entry().dispatch(positions[i], timed.timeMicros(), legacy);
            if (core.lastOutcome() != legacy.lastOutcome() || core.lastRejectReason() != legacy.lastRejectReason())
            {
                throw new AssertionError("record " + i + ": " + core.lastOutcome() + " " + core.lastRejectReason() +
                    ", legacy " + legacy.lastOutcome() + " " + legacy.lastRejectReason());
            }
        }
        for (final Ballot ballot : ballots)
        {
            final ReceiptLookup lookup = core.lookup(POLL, ballot.receipt());
            if (!Objects.equals(lookup, legacy.lookup(POLL, ballot.receipt())) ||
                !Objects.equals(core.prior(ballot), legacy.prior(ballot)))
            {
                throw new AssertionError("receipt " + ballot.receipt() + ": " + lookup + " " + core.prior(ballot) +
                    ", legacy " + legacy.lookup(POLL, ballot.receipt()) + " " + legacy.prior(ballot));
            }
        }
        assertThat(core.lookup(POLL, new Key128(42, 42))).isNull();
        final PollResults results = core.results(POLL, 0);
        final PollResults expected = legacy.results(POLL, 0);
        if (expected == null)
        {
            assertThat(results).isNull();
        }
        else
        {
            assertThat(results.counts()).isDeepEqualTo(expected.counts());
            assertThat(results.ballots()).containsExactly(expected.ballots());
            assertThat(results.arguments()).containsExactly(expected.arguments());
            assertThat(results.ranking().rank()).containsExactly(expected.ranking().rank());
            assertThat(results.majorityGrades()).containsExactly(expected.majorityGrades());
        }
        assertThat(core.stateHash()).as("state hash").isEqualTo(legacy.stateHash());
    }

    /** Increasing positions with gaps, a few of them large, staying well inside the compact layout's limit. */
    private static long[] positions(final Random random, final int count)
    {
        final long[] positions = new long[count];
        long position = random.nextInt(1_000);
        for (int i = 0; i < count; i++)
        {
            positions[i] = position;
            position += 1 + (random.nextInt(50) == 0 ? random.nextInt(1 << 20) : 0);
        }
        return positions;
    }

    private static List<RandomJournal.Timed> shapedJournal(final Random random, final int length, final int voters)
    {
        final PollDefinition definition = shape(random);
        final List<RandomJournal.Timed> journal = new ArrayList<>();
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollDefined(definition)));
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollOpened(POLL)));
        final Key128[] voterKeys = new Key128[voters];
        for (int v = 0; v < voters; v++)
        {
            voterKeys[v] = v == 0 ? new Key128(0, 0) : new Key128(random.nextLong(), random.nextLong());
        }
        final List<Ballot> sent = new ArrayList<>();
        long castAt = 1_654_070_400_000_000L;
        while (journal.size() < length)
        {
            castAt += random.nextInt(1_000) - 200;
            final int dice = random.nextInt(100);
            final Ballot ballot;
            if (dice < 15 && !sent.isEmpty())
            {
                ballot = sent.get(random.nextInt(sent.size()));
            }
            else if (dice < 19 && !sent.isEmpty())
            {
                final Ballot earlier = sent.get(random.nextInt(sent.size()));
                ballot = new Ballot(POLL, earlier.ballotId(), voterKeys[random.nextInt(voters)], earlier.receipt(),
                    earlier.channel(), castAt, content(random, definition));
            }
            else
            {
                final String ballotId = "b" + sent.size();
                final Key128 receipt = sent.isEmpty() && random.nextBoolean() ? new Key128(0, 0) :
                    new Key128(random.nextLong(), random.nextLong());
                ballot = new Ballot(POLL, ballotId, voterKeys[random.nextInt(voters)], receipt,
                    channel(random, definition), extremeOr(random, castAt), content(random, definition));
            }
            sent.add(ballot);
            journal.add(new RandomJournal.Timed(0, new JournalEntry.BallotCast(ballot)));
        }
        return journal;
    }

    private static PollDefinition shape(final Random random)
    {
        final PollKind kind = PollKind.values()[random.nextInt(3)];
        final int itemCount = new int[]{1, 5, 40, 70, 300}[random.nextInt(5)];
        final List<Item> items = new ArrayList<>();
        for (int i = 0; i < itemCount; i++)
        {
            items.add(new Item(1 + i * 3, "Item " + i, null, null));
        }
        final List<String> channels = new ArrayList<>();
        final int channelCount = new int[]{1, 2, 16}[random.nextInt(3)];
        for (int c = 0; c < channelCount; c++)
        {
            channels.add("channel" + c);
        }
        final int maxSelections = Math.min(itemCount, new int[]{1, 3, 5, 8, itemCount}[random.nextInt(5)]);
        final List<String> grades = new ArrayList<>();
        final int gradeCount = new int[]{2, 7, 64}[random.nextInt(3)];
        for (int g = 0; kind == PollKind.JUDGMENT && g < gradeCount; g++)
        {
            grades.add("g" + g);
        }
        final RevotePolicy revote = random.nextInt(4) == 0 ? RevotePolicy.FIRST : RevotePolicy.REPLACE;
        return new PollDefinition(POLL, "Poll", kind, channels, null, null, revote,
            kind == PollKind.PRIORITY ? 1 : 0, kind == PollKind.PRIORITY ? maxSelections : 0, items, grades,
            kind == PollKind.JUDGMENT ? random.nextInt(gradeCount) : 0, kind == PollKind.OPINION ? 20 : 0);
    }

    private static long extremeOr(final Random random, final long castAt)
    {
        return switch (random.nextInt(200))
        {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> -1;
            case 3 -> random.nextLong();
            default -> castAt;
        };
    }

    private static String channel(final Random random, final PollDefinition definition)
    {
        return random.nextInt(50) == 0 ? "fax" : definition.channels().get(random.nextInt(definition.channels().size()));
    }

    private static BallotContent content(final Random random, final PollDefinition definition)
    {
        final List<Item> items = definition.items();
        final int dice = random.nextInt(100);
        if (dice < 10)
        {
            return new BallotContent.Withdrawal(definition.kind() == PollKind.OPINION ?
                items.get(random.nextInt(items.size())).id() : BallotContent.NO_ITEM);
        }
        final boolean invalid = dice < 13;
        return switch (definition.kind())
        {
            case PRIORITY ->
            {
                final int count = invalid ? definition.maxSelections() + 1 : 1 + random.nextInt(definition.maxSelections());
                final List<Integer> pool = new ArrayList<>();
                items.forEach(item -> pool.add(item.id()));
                final int[] selected = new int[count];
                for (int i = 0; i < count; i++)
                {
                    selected[i] = pool.isEmpty() ? 1 : pool.remove(random.nextInt(pool.size()));
                }
                yield new BallotContent.Selection(selected);
            }
            case OPINION -> new BallotContent.Opinion(invalid ? 2 : items.get(random.nextInt(items.size())).id(),
                Choice.values()[random.nextInt(3)], random.nextBoolean() ? null : random.nextBoolean() ? "ok" : " ");
            case JUDGMENT ->
            {
                final int count = 1 + random.nextInt(items.size());
                final int[] ids = new int[count];
                final int[] grades = new int[count];
                for (int i = 0; i < count; i++)
                {
                    ids[i] = items.get(i).id();
                    grades[i] = invalid ? definition.grades().size() : random.nextInt(definition.grades().size());
                }
                yield new BallotContent.Grades(ids, grades);
            }
        };
    }
}
