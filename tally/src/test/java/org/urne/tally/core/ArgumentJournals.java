package org.urne.tally.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.SealedArgument;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.Stand;

/**
 * Random journals of an opinion poll with arguments (issue 16), built to hit what decides which arguments are
 * served: few voters and items (revotes and withdrawals are common), castAt out of order (stale ballots), retries,
 * ballots typed at a stand and annulled (which brings an earlier argument back), blank and over-long arguments,
 * and the argument records: hides and erasures of arguments that exist, of unknown ids, and twice.
 *
 * <p>{@code ArgumentJournals.generate(seed, length)} gives the records with their times (a record's position is its
 * index); each argument's text is {@code "arg <ballotId>"}, so a test can look for it anywhere. Write them with
 * {@code Journal.append} (the journal's writer encrypts the texts, record format 4) for journal-level tests.
 */
public final class ArgumentJournals
{
    /** The item ids of the poll. */
    public static final int[] ITEM_IDS = {3, 7, 11, 20, 41};
    private static final String STAND = "jaude";
    private static final int VOTERS = 8;

    private ArgumentJournals()
    {
    }

    /** The opinion poll the journals define: items of {@link RandomJournal#definition}, one stand that types. */
    public static PollDefinition definition(final RevotePolicy revote)
    {
        final PollDefinition base = RandomJournal.definition(PollKind.OPINION, revote, false);
        return new PollDefinition(RandomJournal.POLL, base.title(), PollKind.OPINION, base.channels(), null, null,
            revote, 0, 0, base.items(), List.of(), 0, base.maxArgumentLength(), null, base.publication(),
            base.commitEvery(), List.of(new Stand(STAND, "Place de Jaude", null)), PaperEntry.SINGLE);
    }

    /** A journal of {@code length} records (at least 2: the definition and the opening). */
    public static List<RandomJournal.Timed> generate(final long seed, final int length)
    {
        final Random random = new Random(seed);
        final RevotePolicy revote = random.nextInt(3) == 0 ? RevotePolicy.FIRST : RevotePolicy.REPLACE;
        final List<RandomJournal.Timed> journal = new ArrayList<>();
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollDefined(definition(revote))));
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollOpened(RandomJournal.POLL)));
        final List<Ballot> sent = new ArrayList<>();
        final List<Ballot> typed = new ArrayList<>();
        final List<Integer> ballotPositions = new ArrayList<>();
        long time = 0;
        while (journal.size() < length)
        {
            time += 1 + random.nextInt(10_000);
            final int dice = random.nextInt(100);
            final JournalEntry entry;
            if (dice < 8 && !typed.isEmpty())
            {
                entry = new JournalEntry.BallotAnnulled(RandomJournal.POLL, typed.get(random.nextInt(typed.size()))
                    .receipt());
            }
            else if (dice < 16)
            {
                entry = new JournalEntry.ArgumentHidden(RandomJournal.POLL, argumentId(random, ballotPositions),
                    random.nextBoolean() ? "insult" : "off topic");
            }
            else if (dice < 20)
            {
                entry = new JournalEntry.ArgumentErased(RandomJournal.POLL, argumentId(random, ballotPositions));
            }
            else if (dice < 26 && !sent.isEmpty())
            {
                entry = new JournalEntry.BallotCast(sent.get(random.nextInt(sent.size())));
            }
            else
            {
                final String ballotId = "b" + journal.size();
                final boolean paper = random.nextInt(3) == 0;
                final Ballot ballot = new Ballot(RandomJournal.POLL, ballotId,
                    RandomJournal.voter(random.nextInt(VOTERS)), RandomJournal.receipt(ballotId),
                    paper ? "paper" : "digital", time + random.nextInt(40_000) - 20_000, content(random, ballotId),
                    paper ? STAND : null);
                sent.add(ballot);
                if (paper)
                {
                    typed.add(ballot);
                }
                ballotPositions.add(journal.size());
                entry = new JournalEntry.BallotCast(ballot);
            }
            journal.add(new RandomJournal.Timed(time, entry));
        }
        return journal;
    }

    /** Mostly a ballot's position (an argument's id when it carried one), now and then one that is nobody's. */
    private static long argumentId(final Random random, final List<Integer> ballotPositions)
    {
        return ballotPositions.isEmpty() || random.nextInt(8) == 0 ? 100_000 + random.nextInt(10) :
            ballotPositions.get(random.nextInt(ballotPositions.size()));
    }

    private static BallotContent content(final Random random, final String ballotId)
    {
        final int item = ITEM_IDS[random.nextInt(2 + random.nextInt(ITEM_IDS.length - 1))];
        final int dice = random.nextInt(100);
        if (dice < 12)
        {
            return new BallotContent.Withdrawal(item);
        }
        final String argument = dice < 40 ? null : dice < 45 ? "   " :
            dice < 48 ? "far too long an argument for this poll" : "arg " + ballotId;
        // Tagged as an edge tags them (a keyed digest of the text; here an unkeyed one, for tests).
        return new BallotContent.Opinion(item, Choice.values()[random.nextInt(3)], argument, argument == null ? null :
            SealedArgument.of(argument, Arrays.copyOf(Sha256.ofUtf8("tag " + argument), SealedArgument.TAG_LENGTH)));
    }
}
