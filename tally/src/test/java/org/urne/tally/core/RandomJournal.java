package org.urne.tally.core;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.Stand;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.Utf8;

/**
 * Random journals built to hit the subtle cases: few voters (so revotes and withdrawals are common), retries of
 * earlier ballots, reused ballot ids with other content, castAt out of order (stale ballots), invalid ballots,
 * ballots outside the window, tally sheets and their corrections, redefinitions and unknown polls.
 */
public final class RandomJournal
{
    public static final String POLL = "p";
    private static final int[] ITEM_IDS = {3, 7, 11, 20, 41};
    private static final List<String> CHANNELS = List.of("paper", "digital");
    private static final List<Stand> STANDS = List.of(new Stand("jaude", "Place de Jaude", "Centre"),
        new Stand("marche", "Marché Saint-Joseph", null), new Stand("gare", "Gare", null));
    /** The stands typed at and named on sheets: the declared ones, and one never declared. */
    private static final String[] STAND_IDS = {"jaude", "marche", "gare", "nowhere"};
    private static final String[] AGENTS = {"agent-1", "agent-2", "operator"};
    /** A while after the timed poll opens: its typing stand has typed ballots by then. */
    private static final long TYPING_BEGUN_MICROS = 400_000;

    /** A journal entry with its recorded time; its position is its index. */
    public record Timed(long timeMicros, JournalEntry entry)
    {
    }

    private RandomJournal()
    {
    }

    public static PollDefinition definition(final PollKind kind, final RevotePolicy revote, final boolean timed)
    {
        final List<Item> items = new ArrayList<>();
        for (final int id : ITEM_IDS)
        {
            items.add(new Item(id, "Item " + id, id % 2 == 0 ? "even" : "odd", null));
        }
        final OffsetDateTime opensAt = timed ? OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 200_000_000, ZoneOffset.UTC) : null;
        final OffsetDateTime closesAt = timed ? OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 900_000_000, ZoneOffset.UTC) : null;
        return new PollDefinition(POLL, "Poll", kind, CHANNELS, opensAt, closesAt, revote,
            kind == PollKind.PRIORITY ? 1 : 0, kind == PollKind.PRIORITY ? 3 : 0, items,
            kind == PollKind.JUDGMENT ? List.of("bad", "fair", "good", "great") : List.of(),
            kind == PollKind.JUDGMENT ? 1 : 0, kind == PollKind.OPINION ? 20 : 0);
    }

    public static List<Timed> generate(final long seed, final int length)
    {
        final Random random = new Random(seed);
        final PollKind kind = PollKind.values()[random.nextInt(3)];
        final RevotePolicy revote = random.nextInt(4) == 0 ? RevotePolicy.FIRST : RevotePolicy.REPLACE;
        final boolean timed = random.nextInt(3) == 0;
        final PollDefinition definition = definition(kind, revote, timed);
        final List<Timed> journal = new ArrayList<>();
        final List<Ballot> sent = new ArrayList<>();
        long time = 0;
        if (random.nextInt(5) > 0)
        {
            journal.add(new Timed(time, new JournalEntry.PollDefined(definition)));
        }
        if (!timed)
        {
            journal.add(new Timed(time, new JournalEntry.PollOpened(POLL)));
        }
        int nextBallotId = 0;
        while (journal.size() < length)
        {
            time += random.nextInt(30_000);
            final int dice = random.nextInt(100);
            final JournalEntry entry;
            if (dice < 2)
            {
                entry = new JournalEntry.PollClosed(POLL);
            }
            else if (dice < 5)
            {
                entry = new JournalEntry.PollOpened(POLL);
            }
            else if (dice < 7)
            {
                entry = new JournalEntry.PollDefined(random.nextBoolean() ? definition :
                    definition(kind, revote == RevotePolicy.FIRST ? RevotePolicy.REPLACE : RevotePolicy.FIRST, timed));
            }
            else if (dice < 15)
            {
                entry = new JournalEntry.TallySheetRecorded(sheet(random, definition));
            }
            else if (dice < 30 && !sent.isEmpty())
            {
                entry = new JournalEntry.BallotCast(sent.get(random.nextInt(sent.size())));
            }
            else
            {
                final String ballotId = dice < 34 && nextBallotId > 0 ?
                    "b" + random.nextInt(nextBallotId) : "b" + nextBallotId++;
                final String pollId = dice == 34 ? "unknown" : POLL;
                final Ballot ballot = new Ballot(pollId, ballotId, voter(random.nextInt(6)), receipt(ballotId),
                    random.nextInt(8) == 0 ? "paper" : random.nextInt(20) == 0 ? "fax" : "digital",
                    random.nextInt(1_000_000), content(random, definition));
                sent.add(ballot);
                entry = new JournalEntry.BallotCast(ballot);
            }
            journal.add(new Timed(time, entry));
        }
        return journal;
    }

    /**
     * A journal of the paper channel (record format version 3): a poll declaring stands, its sheets entered twice;
     * ballots typed at its stands (some at an unknown stand, some not paper, some out of the window), online ballots
     * of the same voters, annulments of typed ballots (and of others, refused), tally sheets entered by three tokens
     * that agree or not, with blank, spoiled and signatures now and then.
     */
    public static List<Timed> generatePaper(final long seed, final int length)
    {
        final Random random = new Random(seed);
        final PollKind kind = PollKind.values()[random.nextInt(3)];
        final RevotePolicy revote = random.nextInt(4) == 0 ? RevotePolicy.FIRST : RevotePolicy.REPLACE;
        final PollDefinition base = definition(kind, revote, true);
        final PollDefinition definition = new PollDefinition(POLL, base.title(), kind, CHANNELS, base.opensAt(),
            base.closesAt(), revote, base.minSelections(), base.maxSelections(), base.items(), base.grades(),
            base.missingGrade(), base.maxArgumentLength(), base.closesAt().plusNanos(200_000_000),
            base.publication(), base.commitEvery(), STANDS, PaperEntry.DOUBLE)
            .withOrderSeedSha256(Sha256.hex(Sha256.of(Utf8.encode("order seed " + seed))));
        final List<Timed> journal = new ArrayList<>();
        final List<Ballot> typed = new ArrayList<>();
        final List<TallySheet> sheets = new ArrayList<>();
        journal.add(new Timed(0, new JournalEntry.PollDefined(definition)));
        long time = 0;
        while (journal.size() < length)
        {
            time += random.nextInt(3_000);
            final int dice = random.nextInt(100);
            final JournalEntry entry;
            if (dice < 25)
            {
                // Half the time an earlier entry's figures again, by any token: so that two tokens agree.
                final TallySheet sheet = !sheets.isEmpty() && random.nextBoolean() ?
                    sheets.get(random.nextInt(sheets.size())) : paperSheet(random, definition, time);
                sheets.add(sheet);
                entry = new JournalEntry.TallySheetRecorded(sheet.enteredBy(AGENTS[random.nextInt(AGENTS.length)]));
            }
            else if (dice < 33 && !typed.isEmpty())
            {
                entry = new JournalEntry.BallotAnnulled(POLL, random.nextInt(8) == 0 ? receipt("b" + dice) :
                    typed.get(random.nextInt(typed.size())).receipt());
            }
            else
            {
                final String ballotId = "b" + journal.size();
                final boolean paper = dice < 75;
                // Mostly typed at the stand that types; now and then at one whose box went as sheets, or unknown.
                final String stand = !paper ? null : random.nextInt(5) > 0 ? STAND_IDS[0] :
                    STAND_IDS[random.nextInt(STAND_IDS.length)];
                final Ballot ballot = new Ballot(POLL, ballotId, voter(random.nextInt(30)), receipt(ballotId),
                    paper || random.nextInt(30) == 0 ? "paper" : "digital",
                    time + random.nextInt(200_000) - 100_000, content(random, definition), stand);
                if (stand != null)
                {
                    typed.add(ballot);
                }
                entry = new JournalEntry.BallotCast(ballot);
            }
            journal.add(new Timed(time, entry));
        }
        return journal;
    }

    private static TallySheet paperSheet(final Random random, final PollDefinition definition, final long time)
    {
        final TallySheet counts = sheet(random, definition);
        // Mostly at the stands whose boxes go as sheets; now and then at an unknown one, or (once the typing has
        // begun) at the typing one.
        final int dice = random.nextInt(20);
        final String stand = dice > 1 ? STAND_IDS[1 + random.nextInt(2)] : dice == 1 ? STAND_IDS[3] :
            time > TYPING_BEGUN_MICROS ? STAND_IDS[0] : STAND_IDS[1];
        return new TallySheet(POLL, counts.sheetId(), stand, counts.channel(),
            counts.ballots(), counts.items(), counts.counts(), figure(random), figure(random), figure(random), null);
    }

    /** An optional figure of a sheet: mostly not given, or a count. */
    private static long figure(final Random random)
    {
        return random.nextInt(3) == 0 ? random.nextInt(10) : TallySheet.NOT_GIVEN;
    }

    public static Key128 voter(final int n)
    {
        return new Key128(0x1234_5678L * (n + 1), n == 0 ? 0 : ~n);
    }

    public static Key128 receipt(final String ballotId)
    {
        return new Key128(ballotId.hashCode(), 0xBA110L);
    }

    private static BallotContent content(final Random random, final PollDefinition definition)
    {
        final int dice = random.nextInt(100);
        if (dice < 10)
        {
            return new BallotContent.Withdrawal(definition.kind() == PollKind.OPINION ?
                randomItem(random) : BallotContent.NO_ITEM);
        }
        final boolean invalid = dice < 15;
        return switch (definition.kind())
        {
            case PRIORITY ->
            {
                final int count = invalid ? 4 : 1 + random.nextInt(3);
                final List<Integer> pool = new ArrayList<>(List.of(3, 7, 11, 20, 41));
                final int[] items = new int[count];
                for (int i = 0; i < count; i++)
                {
                    items[i] = pool.remove(random.nextInt(pool.size()));
                }
                yield new BallotContent.Selection(items);
            }
            case OPINION -> new BallotContent.Opinion(invalid ? 99 : randomItem(random),
                Choice.values()[random.nextInt(3)], random.nextBoolean() ? null : random.nextBoolean() ? "ok" : " ");
            case JUDGMENT ->
            {
                final int count = 1 + random.nextInt(ITEM_IDS.length);
                final int[] items = new int[count];
                final int[] grades = new int[count];
                for (int i = 0; i < count; i++)
                {
                    items[i] = ITEM_IDS[i];
                    grades[i] = invalid ? 4 : random.nextInt(4);
                }
                yield new BallotContent.Grades(items, grades);
            }
        };
    }

    private static TallySheet sheet(final Random random, final PollDefinition definition)
    {
        final long ballots = random.nextInt(50);
        final int count = random.nextInt(ITEM_IDS.length + 1);
        final int[] items = new int[count];
        final long[][] counts = new long[count][];
        for (int i = 0; i < count; i++)
        {
            items[i] = ITEM_IDS[i];
            final long[] cells = new long[definition.cellsPerItem()];
            long left = ballots + (random.nextInt(30) == 0 ? 1 : 0);
            for (int cell = 0; cell < cells.length; cell++)
            {
                cells[cell] = left == 0 ? 0 : random.nextInt((int)left + 1);
                left -= cells[cell];
            }
            counts[i] = cells;
        }
        return new TallySheet(POLL, "s" + random.nextInt(3), "Stand", random.nextInt(6) == 0 ? "digital" : "paper",
            ballots, items, counts);
    }

    private static int randomItem(final Random random)
    {
        return ITEM_IDS[random.nextInt(ITEM_IDS.length)];
    }
}
