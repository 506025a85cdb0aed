package org.urne.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Proposals;
import org.urne.tally.domain.Publication;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Stand;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.journal.AppendListener;
import org.urne.tally.journal.Durability;
import org.urne.tally.journal.Journal;
import org.urne.tally.journal.JournalContext;
import org.urne.tally.journal.JournalRecord;

/**
 * Seeded random journals over several polls of every kind, written to hit what a recount must get exactly right:
 * few voters (revotes and withdrawals are common), retries of earlier ballots, ballot ids reused with other content,
 * castAt out of order (stale ballots), invalid ballots and sheets, ballots outside the window (scheduled and explicit
 * opening and closing), tally sheets and their corrections, redefinitions, unknown polls, and texts a CSV must
 * escape or a length check must count in UTF-16 units. Records are numbered and timed here, so a seed always gives
 * the same journal.
 */
final class RandomPollJournal
{
    private static final long START_MICROS = 1_780_000_000_000_000L;
    private static final String[] TITLES = {"Plain", "Comma, inside", "\"Quoted\" text", "=SUM(A1)", "-minus",
        "@at", "Line\nbreak", "Arbre \uD83C\uDF33 planté", "Végétalisation", "+plus"};
    private static final String[] ARGUMENTS = {null, "ok", " ", "\u2003\t", "\u00A0", "\uD83C\uDF33\uD83C\uDF33\uD83C\uDF33",
        "twelve chars", "a much longer argument than allowed", ""};
    private static final String[] STANDS = {"Marché", " ", "Place de Jaude, \"nord\"", "=stand"};
    /** The stands a poll may declare, and one it never does. */
    private static final String[] STAND_IDS = {"jaude", "marche", "gare", "nowhere"};
    /** The tokens that enter sheets: two agree or not, a third settles it. */
    private static final String[] AGENTS = {"agent-1", "agent-2", "operator-mairie"};

    private final Random random;
    private final List<PollDefinition> polls;
    private final List<Ballot> sent = new ArrayList<>();
    private final List<JournalEntry> entries = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private long time = START_MICROS;

    private RandomPollJournal(final long seed, final List<PollDefinition> polls)
    {
        this.random = new Random(seed);
        this.polls = polls;
    }

    /** Three random polls, one of each kind, some with a schedule. */
    static List<PollDefinition> randomPolls(final long seed)
    {
        final Random random = new Random(seed ^ 0x5EEDL);
        final List<PollDefinition> polls = new ArrayList<>();
        for (final PollKind kind : PollKind.values())
        {
            polls.add(randomDefinition(random, kind, kind.wireName() + "-" + seed));
        }
        return polls;
    }

    private static PollDefinition randomDefinition(final Random random, final PollKind kind, final String id)
    {
        final List<Item> items = new ArrayList<>();
        final int count = 2 + random.nextInt(5);
        for (int i = 0; i < count; i++)
        {
            items.add(new Item(i * 7 + random.nextInt(7), TITLES[random.nextInt(TITLES.length)] + " " + i,
                random.nextBoolean() ? "group" : null, null,
                i % 3 == 0 ? "Ce que l'action " + i + " change.\n\nCe qu'elle coûte." : null,
                i % 2 == 0 ? "https://example.org/actions/" + i : null));
        }
        final List<String> channels = random.nextBoolean() ? List.of("paper", "digital") :
            List.of("digital", "paper", "kiosk");
        final boolean timed = random.nextInt(3) == 0;
        final ZoneOffset offset = ZoneOffset.ofHours(2);
        final OffsetDateTime opensAt = timed ? at(START_MICROS + 2_000_000, offset) : null;
        final OffsetDateTime closesAt = timed ? at(START_MICROS + 8_000_000 + random.nextInt(1_000), offset) : null;
        final List<String> grades = new ArrayList<>();
        if (kind == PollKind.JUDGMENT)
        {
            final String[] scale = {"À rejeter", "=insuffisant", "Passable", "Bien, sans plus", "Très bien", "Excellent"};
            for (int g = 0; g < 2 + random.nextInt(5); g++)
            {
                grades.add(scale[g]);
            }
        }
        // Sheets and typed paper ballots after the close: none, for a while, or at any time (as in version 1).
        final int sheets = random.nextInt(3);
        final OffsetDateTime sheetsUntil = sheets == 0 ? null : sheets == 1 ?
            at(START_MICROS + 14_000_000, offset) : PollDefinition.SHEETS_ANY_TIME;
        // Declared stands or free text; sheets entered once or twice.
        final List<Stand> stands = new ArrayList<>();
        if (random.nextBoolean())
        {
            for (int s = 0; s < STAND_IDS.length - 1; s++)
            {
                stands.add(new Stand(STAND_IDS[s], "Stand " + STAND_IDS[s], s == 0 ? "Centre" : null));
            }
        }
        return new PollDefinition(id, "Poll " + id, kind, channels, opensAt, closesAt,
            random.nextInt(4) == 0 ? RevotePolicy.FIRST : RevotePolicy.REPLACE,
            kind == PollKind.PRIORITY ? 1 : 0, kind == PollKind.PRIORITY ? 1 + random.nextInt(count) : 0, items,
            grades, kind == PollKind.JUDGMENT ? random.nextInt(grades.size()) : 0,
            kind == PollKind.OPINION ? 3 + random.nextInt(10) : 0, sheetsUntil,
            Publication.values()[random.nextInt(Publication.values().length)], 1 + random.nextInt(5), stands,
            random.nextBoolean() ? PaperEntry.DOUBLE : PaperEntry.SINGLE, null,
            kind == PollKind.OPINION && random.nextBoolean() ? Proposals.CITIZENS : Proposals.OPERATORS);
    }

    private static OffsetDateTime at(final long micros, final ZoneOffset offset)
    {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000), offset);
    }

    /** Writes a journal of about {@code length} records over {@code polls} into {@code directory}. */
    static void write(final Path directory, final long seed, final List<PollDefinition> polls, final int length)
        throws InterruptedException
    {
        generate(seed, polls, length).writeTo(directory);
    }

    /** A journal of about {@code length} records over {@code polls}, to add to before writing it. */
    static RandomPollJournal generate(final long seed, final List<PollDefinition> polls, final int length)
    {
        final RandomPollJournal journal = new RandomPollJournal(seed, polls);
        journal.generate(length);
        return journal;
    }

    /** The records so far, in position order. */
    List<JournalEntry> entries()
    {
        return List.copyOf(entries);
    }

    /** The recorded time of each record so far, in position order. */
    List<Long> times()
    {
        return List.copyOf(times);
    }

    private void generate(final int length)
    {
        for (final PollDefinition poll : polls)
        {
            add(new JournalEntry.PollDefined(poll));
            if (poll.opensAt() == null && random.nextInt(5) > 0)
            {
                add(new JournalEntry.PollOpened(poll.id()));
            }
        }
        while (entries.size() < length)
        {
            time += random.nextInt(40_000);
            final PollDefinition poll = polls.get(random.nextInt(polls.size()));
            // Closings come late, so that most of a poll's ballots find it open and some find it closed.
            final boolean late = entries.size() > length / 2;
            add(late && random.nextInt(150) == 0 ? new JournalEntry.PollClosed(poll.id()) : next(poll));
        }
    }

    private JournalEntry next(final PollDefinition poll)
    {
        final int dice = random.nextInt(1000);
        if (dice < 20)
        {
            return new JournalEntry.PollOpened(dice < 16 ? poll.id() : "unknown-poll");
        }
        if (dice >= 985)
        {
            return itemRecord(poll, dice);
        }
        if (dice < 25)
        {
            return new JournalEntry.CommitmentMade(poll.id());
        }
        if (dice < 27)
        {
            // A title of an em space is blank, one of a no-break space is not: the core counts as Java does.
            final PollDefinition base = randomDefinition(random, poll.kind(), "titled-" + entries.size());
            return new JournalEntry.PollDefined(new PollDefinition(base.id(), dice == 25 ? "\u2003" : "\u00A0",
                base.kind(), base.channels(), base.opensAt(), base.closesAt(), base.revote(), base.minSelections(),
                base.maxSelections(), base.items(), base.grades(), base.missingGrade(), base.maxArgumentLength()));
        }
        if (dice < 35)
        {
            final PollDefinition other = polls.get(random.nextInt(polls.size()));
            return new JournalEntry.PollDefined(random.nextBoolean() ? other :
                randomDefinition(random, other.kind(), random.nextBoolean() ? other.id() : "late-" + dice));
        }
        if (dice < 130)
        {
            return new JournalEntry.TallySheetRecorded(sheet(poll));
        }
        if (dice < 150 && !sent.isEmpty())
        {
            // Cancel a ballot: mostly a typed one, now and then one of another kind or an unknown receipt.
            final Ballot earlier = sent.get(random.nextInt(sent.size()));
            return new JournalEntry.BallotAnnulled(earlier.pollId(), random.nextInt(10) == 0 ?
                new Key128(random.nextLong(), random.nextLong()) : earlier.receipt());
        }
        if (dice < 280 && !sent.isEmpty())
        {
            final Ballot earlier = sent.get(random.nextInt(sent.size()));
            // A retry may carry another castAt (a platform stamping it anew); it is the same ballot all the same.
            return new JournalEntry.BallotCast(new Ballot(earlier.pollId(), earlier.ballotId(), earlier.voter(),
                earlier.receipt(), earlier.channel(), random.nextBoolean() ? earlier.castAt() : time,
                earlier.content(), earlier.stand()));
        }
        if (dice < 310 && !sent.isEmpty())
        {
            final Ballot earlier = sent.get(random.nextInt(sent.size()));
            return new JournalEntry.BallotCast(new Ballot(earlier.pollId(), earlier.ballotId(), earlier.voter(),
                earlier.receipt(), earlier.channel(), earlier.castAt(), content(poll), earlier.stand()));
        }
        final String pollId = dice < 315 ? "unknown-poll" : poll.id();
        final int voter = random.nextInt(8);
        // castAt is the platform's clock: mostly in order, now and then behind (stale against a later one).
        final long castAt = time - (random.nextInt(10) == 0 ? random.nextInt(2_000_000) : random.nextInt(1_000));
        final String channel = channel(poll);
        // Typed at a stand, mostly a paper ballot at a known stand; now and then not paper or an unknown stand.
        final String stand = "paper".equals(channel) || random.nextInt(30) == 0 ? stand(poll) : null;
        final Ballot ballot = new Ballot(pollId, "b" + sent.size(), dice == 316 ? null : voterKey(voter),
            new Key128(random.nextLong(), random.nextLong()), channel, castAt, dice == 317 ? null : content(poll),
            stand);
        sent.add(ballot);
        return new JournalEntry.BallotCast(ballot);
    }

    /**
     * An item added (titles repeat, so some are refused as duplicates; some name a proposer, some break a rule) or an
     * item's status changed, any of the poll's items or one past them; to a poll of any kind, which only an opinion
     * poll takes.
     */
    private JournalEntry itemRecord(final PollDefinition poll, final int dice)
    {
        if (dice < 995)
        {
            final String title = dice == 985 ? " " : "Proposition " + random.nextInt(6);
            return new JournalEntry.ItemAdded(poll.id(), title, null, random.nextBoolean() ? "Sujet" : null,
                random.nextBoolean() ? "Pourquoi.\n\nComment." : null,
                dice == 986 ? "javascript:void(0)" : null, random.nextBoolean() ? voterKey(random.nextInt(8)) : null);
        }
        return new JournalEntry.ItemStatusChanged(poll.id(), latestItem(poll) - random.nextInt(4),
            ItemStatus.values()[random.nextInt(ItemStatus.values().length)], dice == 999 ? "doublon" : null);
    }

    /** The highest item id the poll may have by now: its definition's, plus the additions journaled since. */
    private int latestItem(final PollDefinition poll)
    {
        final int defined = poll.items().stream().mapToInt(Item::id).max().orElse(0);
        final long added = entries.stream().filter(entry -> entry instanceof JournalEntry.ItemAdded
            && entry.pollId().equals(poll.id())).count();
        return defined + (int)Math.min(added, 3);
    }

    /** A stand for a typed ballot or sheet: one of the poll's (now and then an unknown one), or free text. */
    private String stand(final PollDefinition poll)
    {
        if (poll.stands().isEmpty())
        {
            return random.nextInt(3) == 0 ? null : STANDS[random.nextInt(STANDS.length)];
        }
        return STAND_IDS[random.nextInt(random.nextInt(20) == 0 ? STAND_IDS.length : STAND_IDS.length - 1)];
    }

    private static Key128 voterKey(final int voter)
    {
        return new Key128(0x1234_5678_9ABCL * (voter + 1), ~voter);
    }

    private String channel(final PollDefinition poll)
    {
        return random.nextInt(25) == 0 ? "fax" : poll.channels().get(random.nextInt(poll.channels().size()));
    }

    private BallotContent content(final PollDefinition poll)
    {
        final int dice = random.nextInt(100);
        final List<Item> items = poll.items();
        if (dice < 12)
        {
            return new BallotContent.Withdrawal(poll.kind() == PollKind.OPINION || dice == 0 ?
                itemId(items) : BallotContent.NO_ITEM);
        }
        final boolean invalid = dice < 17;
        return switch (poll.kind())
        {
            case PRIORITY ->
            {
                final List<Integer> pool = new ArrayList<>();
                items.forEach(item -> pool.add(item.id()));
                final int count = invalid ? poll.maxSelections() + 1 : 1 + random.nextInt(poll.maxSelections());
                final int[] selected = new int[Math.min(count, pool.size() + 1)];
                for (int i = 0; i < selected.length; i++)
                {
                    selected[i] = pool.isEmpty() ? 999 : pool.remove(random.nextInt(pool.size()));
                }
                yield new BallotContent.Selection(selected);
            }
            case OPINION -> new BallotContent.Opinion(invalid ? 999 : random.nextInt(5) == 0 ?
                latestItem(poll) - random.nextInt(3) : itemId(items),
                dice == 20 ? null : Choice.values()[random.nextInt(3)], ARGUMENTS[random.nextInt(ARGUMENTS.length)]);
            case JUDGMENT ->
            {
                final int count = 1 + random.nextInt(items.size());
                final int[] graded = new int[count];
                final int[] grades = new int[count];
                for (int i = 0; i < count; i++)
                {
                    graded[i] = items.get(i).id();
                    grades[i] = invalid ? poll.grades().size() : random.nextInt(poll.grades().size());
                }
                yield new BallotContent.Grades(graded, grades);
            }
        };
    }

    private int itemId(final List<Item> items)
    {
        return items.get(random.nextInt(items.size())).id();
    }

    private TallySheet sheet(final PollDefinition poll)
    {
        final long ballots = random.nextInt(60);
        final int count = random.nextInt(poll.items().size() + 1);
        final int[] items = new int[count];
        final long[][] counts = new long[count][];
        for (int i = 0; i < count; i++)
        {
            items[i] = poll.items().get(i).id();
            final long[] cells = new long[poll.cellsPerItem()];
            long left = ballots + (random.nextInt(40) == 0 ? 1 : 0);
            for (int cell = 0; cell < cells.length; cell++)
            {
                cells[cell] = left == 0 ? 0 : random.nextInt((int)left + 1);
                left -= cells[cell];
            }
            counts[i] = cells;
        }
        final String stand = stand(poll);
        return new TallySheet(poll.id(), "s" + random.nextInt(4), stand == null ? STANDS[0] : stand,
            channel(poll), ballots, items, counts, figure(), figure(), figure(),
            AGENTS[random.nextInt(AGENTS.length)]);
    }

    /** An optional figure of a sheet: mostly not given, now and then a count (or a negative one, refused). */
    private long figure()
    {
        final int dice = random.nextInt(10);
        return dice < 6 ? TallySheet.NOT_GIVEN : dice == 9 ? -2 : random.nextInt(5);
    }

    /** Adds a record, a moment after the last. */
    void add(final JournalEntry entry)
    {
        entries.add(entry);
        times.add(time);
    }

    /** Writes the records into a new journal in {@code directory}, with their positions and times. */
    void writeTo(final Path directory) throws InterruptedException
    {
        write(directory, true);
    }

    /**
     * Appends the records to the journal in {@code directory}, which may hold records already (of an earlier format
     * version, say): its writer numbers and times them.
     */
    void appendTo(final Path directory) throws InterruptedException
    {
        write(directory, false);
    }

    private void write(final Path directory, final boolean copies) throws InterruptedException
    {
        final CountDownLatch durable = new CountDownLatch(entries.size());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AppendListener listener = new AppendListener()
        {
            @Override
            public void onDurable(final long position, final long timeMicros, final byte[] chain)
            {
                durable.countDown();
            }

            @Override
            public void onRefused(final Throwable cause)
            {
                failure.set(cause);
                durable.countDown();
            }
        };
        try (Journal journal = Journal.open(new JournalContext().directory(directory)
            .durability(Durability.PAGE_CACHE)))
        {
            for (int position = 0; position < entries.size(); position++)
            {
                final JournalEntry entry = entries.get(position);
                // Attribution: the agent who entered a sheet; the platform's token for ballots, an operator's for the
                // rest, now and then the server.
                final String by = entry instanceof JournalEntry.TallySheetRecorded recorded ?
                    recorded.sheet().enteredBy() : position % 17 == 0 ? null :
                    entry instanceof JournalEntry.BallotCast ? "platform-main" : "operator-mairie";
                if (copies)
                {
                    journal.appendCopy(new JournalRecord(position, times.get(position), entry, by, null), listener);
                }
                else
                {
                    journal.append(entry, by, listener);
                }
            }
            if (!durable.await(30, TimeUnit.SECONDS) || failure.get() != null)
            {
                throw new IllegalStateException("the journal did not take every record", failure.get());
            }
        }
    }
}
