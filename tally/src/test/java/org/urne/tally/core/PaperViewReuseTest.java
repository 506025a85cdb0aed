package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The paper view hands out a stand's previous view again while nothing in it changed: after every record of random
 * paper journals (typed ballots, annulments, sheets entered twice, agreeing or not) and item journals (items added
 * under a stand's counts), the view equals the one a core that never built a view before builds for the same
 * records, and unchanged stands' views are the same objects as before.
 */
class PaperViewReuseTest
{
    private static final int RECORDS = 240;
    /** How often the view is checked against a fresh core's (each check replays the prefix). */
    private static final int CHECK_EVERY = 5;

    @Test
    void everyViewEqualsAFreshCoresAndUnchangedStandsAreHandedOutAgain()
    {
        long reused = 0;
        for (long seed = 1; seed <= 12; seed++)
        {
            reused += check(RandomJournal.generatePaper(seed, RECORDS), RandomJournal.POLL, "paper seed " + seed);
            reused += check(ItemJournals.generate(seed, RECORDS), ItemJournals.POLL, "item seed " + seed);
        }
        assertThat(reused).as("stand views handed out again").isPositive();
    }

    /** The number of stand views the journal's views handed out again. */
    private static long check(final List<RandomJournal.Timed> journal, final String pollId, final String what)
    {
        final TallyCore core = new TallyCore();
        PaperView previous = null;
        long reused = 0;
        for (int position = 0; position < journal.size(); position++)
        {
            final RandomJournal.Timed timed = journal.get(position);
            timed.entry().dispatch(position, timed.timeMicros(), core);
            final PaperView view = core.paper(pollId);
            if (view != null && position % CHECK_EVERY == 0)
            {
                final PaperView fresh = TallyCorePropertyTest.replay(journal.subList(0, position + 1)).paper(pollId);
                assertThat(view).as("%s, position %d", what, position).usingRecursiveComparison().isEqualTo(fresh);
            }
            if (view != null && previous != null)
            {
                for (int stand = 0; stand < Math.min(view.stands().size(), previous.stands().size()); stand++)
                {
                    reused += view.stands().get(stand) == previous.stands().get(stand) ? 1 : 0;
                }
            }
            previous = view;
        }
        return reused;
    }
}
