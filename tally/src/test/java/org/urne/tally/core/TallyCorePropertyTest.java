package org.urne.tally.core;

import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core against the naive model: for random journals full of revotes, withdrawals, retries, reused ballot ids,
 * stale ballots, window edges, sheets and corrections, the counts per item, cell and channel, the ballots per
 * channel, the arguments and every receipt's status are the model's.
 */
class TallyCorePropertyTest
{
    @Property(tries = 1500)
    void coreCountsEqualTheNaiveModel(@ForAll final long seed, @ForAll @IntRange(min = 1, max = 150) final int length)
    {
        final List<RandomJournal.Timed> journal = RandomJournal.generate(seed, length);
        final TallyCore core = replay(journal);
        final NaiveTallyModel model = new NaiveTallyModel(journal, RandomJournal.POLL);
        if (model.definition() == null)
        {
            assertThat(core.results(RandomJournal.POLL, 0)).isNull();
            return;
        }

        final PollResults results = core.results(RandomJournal.POLL, 0);
        assertThat(results.counts()).as("counts[item][cell][channel]").isDeepEqualTo(model.counts());
        assertThat(results.ballots()).as("ballots per channel").containsExactly(model.ballots());
        assertThat(results.arguments()).as("arguments per item").containsExactly(model.arguments());
        for (final Map.Entry<Object, ReceiptLookup> expected : model.receipts().entrySet())
        {
            assertThat(core.lookup(RandomJournal.POLL, (Key128)expected.getKey()))
                .as("receipt %s", expected.getKey()).isEqualTo(expected.getValue());
        }
    }

    /**
     * A replay told how many records to expect (exactly, or wrongly either way) sizes its grown indexes from it, and
     * nothing it answers changes: the results, every receipt's status and the state hash are those of a core told
     * nothing. The random journals are long enough for the indexes (64 slots at first) to grow.
     */
    @Property(tries = 500)
    void theRecordsExpectedChangeNoAnswer(
        @ForAll final long seed, @ForAll @IntRange(min = 60, max = 400) final int length,
        @ForAll @IntRange(min = 0, max = 2000) final int expected)
    {
        final List<RandomJournal.Timed> journal = RandomJournal.generate(seed, length);
        final TallyCore plain = replay(journal);
        final TallyCore sized = new TallyCore();
        sized.expectRecords(expected);
        replayInto(sized, journal);
        assertThat(sized.stateHash()).isEqualTo(plain.stateHash());
        assertThat(sized.results(RandomJournal.POLL, 0)).usingRecursiveComparison()
            .isEqualTo(plain.results(RandomJournal.POLL, 0));
        for (final RandomJournal.Timed timed : journal)
        {
            if (timed.entry() instanceof JournalEntry.BallotCast cast)
            {
                final Key128 receipt = cast.ballot().receipt();
                assertThat(sized.lookup(RandomJournal.POLL, receipt)).as("receipt %s", receipt)
                    .isEqualTo(plain.lookup(RandomJournal.POLL, receipt));
            }
        }
    }

    @Property(tries = 300)
    void replayingTheSameJournalGivesTheSameStateHash(@ForAll final long seed)
    {
        final List<RandomJournal.Timed> journal = RandomJournal.generate(seed, 120);
        final TallyCore first = replay(journal);
        final TallyCore second = replay(journal);
        assertThat(first.stateHash()).isEqualTo(second.stateHash());
        assertThat(replay(journal.subList(0, 60)).stateHash())
            .as("a prefix is a different state").isNotEqualTo(first.stateHash());
    }

    static TallyCore replay(final List<RandomJournal.Timed> journal)
    {
        final TallyCore core = new TallyCore();
        replayInto(core, journal);
        return core;
    }

    private static void replayInto(final TallyCore core, final List<RandomJournal.Timed> journal)
    {
        for (int position = 0; position < journal.size(); position++)
        {
            final RandomJournal.Timed timed = journal.get(position);
            timed.entry().dispatch(position, timed.timeMicros(), core);
        }
    }
}
