package org.urne.tally.core;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batching changes nothing: a random journal applied through the {@link PrefetchingApplier} tells every record's
 * position, outcome and reason in journal order, as applying each record directly does, and ends in the same state.
 */
class PrefetchingApplierTest
{
    @Property(tries = 300)
    void theApplierTellsTheOutcomesAndEndsInTheStateOfADirectApplication(
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 300) final int length)
    {
        final List<RandomJournal.Timed> journal = RandomJournal.generate(seed, length);
        final TallyCore direct = new TallyCore();
        final List<String> expected = new ArrayList<>();
        for (int position = 0; position < journal.size(); position++)
        {
            journal.get(position).entry().dispatch(position, journal.get(position).timeMicros(), direct);
            expected.add(position + " " + direct.lastOutcome() + " " + direct.lastRejectReason());
        }

        final TallyCore batched = new TallyCore();
        final List<String> told = new ArrayList<>();
        final PrefetchingApplier applier = new PrefetchingApplier(batched,
            (position, outcome, reason) -> told.add(position + " " + outcome + " " + reason));
        for (int position = 0; position < journal.size(); position++)
        {
            journal.get(position).entry().dispatch(position, journal.get(position).timeMicros(), applier);
        }
        applier.flush();

        assertThat(told).containsExactlyElementsOf(expected);
        assertThat(batched.stateHash()).isEqualTo(direct.stateHash());
    }
}
