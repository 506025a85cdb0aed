package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The distinct voters of an opinion poll, against a map, through growth and backward-shift deletions. */
class ParticipantsTest
{
    /** Each step is a voter (few of them, so they collide and repeat) and whether to add or take out. */
    @Property(tries = 300)
    void countsTheVotersWithAtLeastOneOpinion(@ForAll("steps") final List<Integer> steps)
    {
        final Participants participants = new Participants();
        final Map<Integer, Integer> model = new HashMap<>();
        for (final int step : steps)
        {
            final int voter = Math.abs(step) % 300;
            // Halves that differ only in one of them, so equal high or low halves never make two voters one.
            final long hi = voter % 7;
            final long lo = voter / 7;
            if (step < 0 && model.getOrDefault(voter, 0) > 0)
            {
                participants.add(hi, lo, -1);
                model.merge(voter, -1, Integer::sum);
                model.remove(voter, 0);
            }
            else if (step >= 0)
            {
                participants.add(hi, lo, 1);
                model.merge(voter, 1, Integer::sum);
            }
            assertThat(participants.count()).isEqualTo(model.size());
        }
    }

    @Provide
    Arbitrary<List<Integer>> steps()
    {
        return Arbitraries.integers().between(-2_000, 2_000).list().ofMaxSize(2_000);
    }
}
