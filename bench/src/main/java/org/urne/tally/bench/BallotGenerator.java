package org.urne.tally.bench;

import java.util.List;
import java.util.SplittableRandom;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;

/**
 * Pre-generates ballots, so no benchmark spends its measured time on a random number generator.
 *
 * <p>Voter keys and receipts are random 128-bit values: the real ones are HMAC outputs, uniform in the same way, and
 * computing 10 million HMACs would make set-up slower without changing what the core sees. Contents are drawn
 * from a pool of {@link #CONTENT_POOL} shared objects: the core reads them, never keeps them, and a replay decodes
 * each one fresh into cache anyway, so a pool measures the same work in a fraction of the heap that 10 million
 * judgment ballots of 40 grades each would take.
 */
public final class BallotGenerator
{
    /** 2022-06-01T08:00:00Z, the votation's first morning, in microseconds since the epoch. */
    public static final long FIRST_CAST_AT = 1_654_070_400_000_000L;
    /** The ballotId of every ballot: the core keys a ballot by its receipt, and the journal encodes any id alike. */
    public static final String BALLOT_ID = "5f0c6a7e-3b1d-4c2a-9e8f-1a2b3c4d5e6f";

    private static final int CONTENT_POOL = 4096;
    private static final String ARGUMENT = "Indispensable pour les quartiers nord, et peu coûteux.";

    private BallotGenerator()
    {
    }

    /**
     * One valid ballot from each of {@code voters} distinct voters, a quarter of them on paper, cast one microsecond
     * apart. The same seed gives the same ballots.
     */
    public static Ballot[] firstBallots(final PollDefinition poll, final int voters, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final BallotContent[] pool = new BallotContent[CONTENT_POOL];
        for (int i = 0; i < pool.length; i++)
        {
            pool[i] = content(poll, random);
        }
        final Ballot[] ballots = new Ballot[voters];
        for (int v = 0; v < voters; v++)
        {
            final Key128 voter = new Key128(random.nextLong(), random.nextLong());
            final Key128 receipt = new Key128(random.nextLong(), random.nextLong());
            final String channel = random.nextInt(4) == 0 ? ClermontPolls.PAPER : ClermontPolls.DIGITAL;
            ballots[v] = new Ballot(poll.id(), BALLOT_ID, voter, receipt, channel, FIRST_CAST_AT + v,
                pool[random.nextInt(CONTENT_POOL)]);
        }
        return ballots;
    }

    private static BallotContent content(final PollDefinition poll, final SplittableRandom random)
    {
        final List<Item> items = poll.items();
        return switch (poll.kind())
        {
            case PRIORITY ->
            {
                final int[] selected = new int[1 + random.nextInt(poll.maxSelections())];
                final boolean[] taken = new boolean[items.size()];
                for (int i = 0; i < selected.length; i++)
                {
                    int index;
                    do
                    {
                        index = random.nextInt(items.size());
                    }
                    while (taken[index]);
                    taken[index] = true;
                    selected[i] = items.get(index).id();
                }
                yield new BallotContent.Selection(selected);
            }
            case OPINION -> new BallotContent.Opinion(items.get(random.nextInt(items.size())).id(),
                Choice.fromOrdinal(random.nextInt(Choice.values().length)),
                random.nextInt(10) == 0 ? ARGUMENT : null);
            case JUDGMENT ->
            {
                final int[] ids = new int[items.size()];
                final int[] grades = new int[items.size()];
                for (int i = 0; i < ids.length; i++)
                {
                    ids[i] = items.get(i).id();
                    grades[i] = random.nextInt(poll.grades().size());
                }
                yield new BallotContent.Grades(ids, grades);
            }
        };
    }
}
