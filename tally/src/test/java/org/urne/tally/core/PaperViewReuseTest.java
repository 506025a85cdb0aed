package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The paper view hands out a stand's or a sheet's previous view again while nothing in it changed: after every
 * record of random paper journals (typed ballots, annulments, sheets entered twice, agreeing or not) and item
 * journals (items added under a stand's counts), the view equals the one a core that never built a view before
 * builds for the same records, and unchanged stands' and sheets' views are the same objects as before.
 */
class PaperViewReuseTest
{
    private static final int RECORDS = 240;
    /** How often the view is checked against a fresh core's (each check replays the prefix). */
    private static final int CHECK_EVERY = 5;

    @Test
    void everyViewEqualsAFreshCoresAndUnchangedPartsAreHandedOutAgain()
    {
        final long[] reused = new long[3];
        for (long seed = 1; seed <= 12; seed++)
        {
            check(RandomJournal.generatePaper(seed, RECORDS), RandomJournal.POLL, "paper seed " + seed, reused);
            check(ItemJournals.generate(seed, RECORDS), ItemJournals.POLL, "item seed " + seed, reused);
        }
        assertThat(reused[0]).as("stand views handed out again").isPositive();
        assertThat(reused[1]).as("sheet views handed out again").isPositive();
        assertThat(reused[2]).as("whole sheet maps handed out again (no walk over the sheets)").isPositive();
    }

    /**
     * Adds to {@code reused} how many stand views, sheet views, then whole sheet maps the journal's views handed out
     * again.
     */
    private static void check(final List<RandomJournal.Timed> journal, final String pollId, final String what,
        final long[] reused)
    {
        final TallyCore core = new TallyCore();
        PaperView previous = null;
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
                    reused[0] += view.stands().get(stand) == previous.stands().get(stand) ? 1 : 0;
                }
                for (final Map.Entry<String, PaperView.SheetView> sheet : view.sheets().entrySet())
                {
                    reused[1] += sheet.getValue() == previous.sheets().get(sheet.getKey()) ? 1 : 0;
                }
                reused[2] += !view.sheets().isEmpty() && view.sheets() == previous.sheets() ? 1 : 0;
            }
            previous = view;
        }
    }
}
