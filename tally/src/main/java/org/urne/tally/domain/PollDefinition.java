package org.urne.tally.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A poll as an operator defines it. Immutable once journaled: redefining a poll with a different definition is
 * refused, so every ballot is always read against the definition it was cast under.
 *
 * @param id                the poll's id, 1-64 characters of {@code [A-Za-z0-9_-]} (it appears in URLs).
 * @param title             what the poll is called.
 * @param kind              opinion, priority or judgment.
 * @param channels          the channels ballots may come from, in the order results list them.
 * @param opensAt           when the poll opens by itself, or null to wait for an explicit open.
 * @param closesAt          the last instant a ballot is accepted (inclusive), or null to wait for an explicit close.
 * @param revote            what a later ballot of the same voter does.
 * @param minSelections     priority polls: the fewest items a ballot selects; 0 for the other kinds.
 * @param maxSelections     priority polls: the most items a ballot selects; 0 for the other kinds.
 * @param items             what the poll asks about, in definition order.
 * @param grades            judgment polls: the scale's labels, worst first; empty for the other kinds.
 * @param missingGrade      judgment polls: the grade an item gets when a ballot leaves it out; 0 otherwise.
 * @param maxArgumentLength opinion polls: the longest argument text, in characters; 0 otherwise.
 * @param sheetsUntil       the last instant (inclusive) a tally sheet or typed paper ballot is taken after the poll
 *                          closed, or null: none after the close.
 * @param publication       when the public may see counts.
 * @param commitEvery       seconds between two commitments to the journal's chain while the results are not public.
 * @param stands            the stands paper ballots come from, or empty: then a paper record's stand is free text.
 * @param paperEntry        whether a tally sheet counts once entered, or once two tokens entered the same figures.
 * @param orderSeedSha256   the SHA-256, in hex, of the poll's display-order seed, which the server adds as it
 *                          journals the definition (the seed is revealed at close, so anyone can recompute every
 *                          voter's order); null in definitions from before, and in a client's.
 * @param proposals         opinion polls: who may add items while the poll runs (operators, or also citizens
 *                          through the platform); operators for the other kinds, whose items are fixed.
 */
public record PollDefinition(
    String id,
    String title,
    PollKind kind,
    List<String> channels,
    OffsetDateTime opensAt,
    OffsetDateTime closesAt,
    RevotePolicy revote,
    int minSelections,
    int maxSelections,
    List<Item> items,
    List<String> grades,
    int missingGrade,
    int maxArgumentLength,
    OffsetDateTime sheetsUntil,
    Publication publication,
    int commitEvery,
    List<Stand> stands,
    PaperEntry paperEntry,
    String orderSeedSha256,
    Proposals proposals)
{
    /** Marks the absence of an automatic opening or closing time in microsecond form. */
    public static final long NO_TIME = Long.MIN_VALUE;
    public static final int DEFAULT_MAX_ARGUMENT_LENGTH = 2000;
    /** A minute between commitments: a garant comparing them needs a handful per hour, not thousands. */
    public static final int DEFAULT_COMMIT_EVERY = 60;

    public PollDefinition
    {
        channels = List.copyOf(channels);
        items = List.copyOf(items);
        grades = List.copyOf(grades);
        stands = List.copyOf(stands);
    }

    /**
     * The {@code sheetsUntil} of every poll of record format version 1, which took tally sheets whenever the poll
     * was defined and typed paper ballots only while it was open: with this value the core counts them the same
     * way, so those journals replay as they did.
     */
    public static final OffsetDateTime SHEETS_ANY_TIME = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000,
        ZoneOffset.UTC);
    /** {@link #SHEETS_ANY_TIME} in microseconds since the epoch. */
    public static final long SHEETS_ANY_TIME_MICROS = Times.toMicros(SHEETS_ANY_TIME);

    /**
     * A definition as format version 1 knew it: sheets at any time ({@link #SHEETS_ANY_TIME}), live results, the
     * default commitments.
     */
    public PollDefinition(
        final String id, final String title, final PollKind kind, final List<String> channels,
        final OffsetDateTime opensAt, final OffsetDateTime closesAt, final RevotePolicy revote, final int minSelections,
        final int maxSelections, final List<Item> items, final List<String> grades, final int missingGrade,
        final int maxArgumentLength)
    {
        this(id, title, kind, channels, opensAt, closesAt, revote, minSelections, maxSelections, items, grades,
            missingGrade, maxArgumentLength, SHEETS_ANY_TIME, Publication.LIVE, DEFAULT_COMMIT_EVERY);
    }

    /** A definition as format version 2 knew it: no declared stands, single entry of tally sheets. */
    public PollDefinition(
        final String id, final String title, final PollKind kind, final List<String> channels,
        final OffsetDateTime opensAt, final OffsetDateTime closesAt, final RevotePolicy revote, final int minSelections,
        final int maxSelections, final List<Item> items, final List<String> grades, final int missingGrade,
        final int maxArgumentLength, final OffsetDateTime sheetsUntil, final Publication publication,
        final int commitEvery)
    {
        this(id, title, kind, channels, opensAt, closesAt, revote, minSelections, maxSelections, items, grades,
            missingGrade, maxArgumentLength, sheetsUntil, publication, commitEvery, List.of(), PaperEntry.SINGLE, (String)null);
    }

    /** A definition as format version 3 knew it: items added only by operators. */
    public PollDefinition(
        final String id, final String title, final PollKind kind, final List<String> channels,
        final OffsetDateTime opensAt, final OffsetDateTime closesAt, final RevotePolicy revote, final int minSelections,
        final int maxSelections, final List<Item> items, final List<String> grades, final int missingGrade,
        final int maxArgumentLength, final OffsetDateTime sheetsUntil, final Publication publication,
        final int commitEvery, final List<Stand> stands, final PaperEntry paperEntry, final String orderSeedSha256)
    {
        this(id, title, kind, channels, opensAt, closesAt, revote, minSelections, maxSelections, items, grades,
            missingGrade, maxArgumentLength, sheetsUntil, publication, commitEvery, stands, paperEntry, orderSeedSha256,
            Proposals.OPERATORS);
    }

    /** A definition as a client of format version 3 gave it: items added only by operators. */
    public PollDefinition(
        final String id, final String title, final PollKind kind, final List<String> channels,
        final OffsetDateTime opensAt, final OffsetDateTime closesAt, final RevotePolicy revote, final int minSelections,
        final int maxSelections, final List<Item> items, final List<String> grades, final int missingGrade,
        final int maxArgumentLength, final OffsetDateTime sheetsUntil, final Publication publication,
        final int commitEvery, final List<Stand> stands, final PaperEntry paperEntry)
    {
        this(id, title, kind, channels, opensAt, closesAt, revote, minSelections, maxSelections, items, grades,
            missingGrade, maxArgumentLength, sheetsUntil, publication, commitEvery, stands, paperEntry, (String)null,
            Proposals.OPERATORS);
    }

    /** A definition as a client gives it: everything but the order seed's digest, which the server adds. */
    public PollDefinition(
        final String id, final String title, final PollKind kind, final List<String> channels,
        final OffsetDateTime opensAt, final OffsetDateTime closesAt, final RevotePolicy revote, final int minSelections,
        final int maxSelections, final List<Item> items, final List<String> grades, final int missingGrade,
        final int maxArgumentLength, final OffsetDateTime sheetsUntil, final Publication publication,
        final int commitEvery, final List<Stand> stands, final PaperEntry paperEntry, final Proposals proposals)
    {
        this(id, title, kind, channels, opensAt, closesAt, revote, minSelections, maxSelections, items, grades,
            missingGrade, maxArgumentLength, sheetsUntil, publication, commitEvery, stands, paperEntry, null, proposals);
    }

    /** The same definition with the digest of its order seed, as the server journals it. */
    public PollDefinition withOrderSeedSha256(final String digest)
    {
        return new PollDefinition(id, title, kind, channels, opensAt, closesAt, revote, minSelections, maxSelections,
            items, grades, missingGrade, maxArgumentLength, sheetsUntil, publication, commitEvery, stands, paperEntry,
            digest, proposals);
    }

    /**
     * The same definition with {@code all} as its items: the defined ones, then those added while the poll ran, which
     * is how the core and the readers see an opinion poll that took proposals.
     */
    public PollDefinition withItems(final List<Item> all)
    {
        return new PollDefinition(id, title, kind, channels, opensAt, closesAt, revote, minSelections, maxSelections,
            all, grades, missingGrade, maxArgumentLength, sheetsUntil, publication, commitEvery, stands, paperEntry,
            orderSeedSha256, proposals);
    }

    /**
     * Whether {@code requested}, as a client or a poll file states it today, is this definition: equal but for the
     * order seed's digest (which only the server adds), or this is a version 1 poll ({@link #SHEETS_ANY_TIME}) and
     * {@code requested} is the same without a {@code sheetsUntil}, which is how the definition that made it reads
     * now. Keeps the files and clients of a deployment upgraded from version 1 from being refused as redefinitions.
     */
    public boolean sameAs(final PollDefinition given)
    {
        final PollDefinition requested = given.withOrderSeedSha256(orderSeedSha256);
        return equals(requested) || sheetsUntilMicros() == SHEETS_ANY_TIME_MICROS && requested.sheetsUntil() == null &&
            equals(new PollDefinition(requested.id(), requested.title(), requested.kind(), requested.channels(),
                requested.opensAt(), requested.closesAt(), requested.revote(), requested.minSelections(),
                requested.maxSelections(), requested.items(), requested.grades(), requested.missingGrade(),
                requested.maxArgumentLength(), sheetsUntil, requested.publication(), requested.commitEvery(),
                requested.stands(), requested.paperEntry(), orderSeedSha256, requested.proposals()));
    }

    /** {@link #sheetsUntil()} in microseconds since the epoch, or {@link #NO_TIME}. */
    public long sheetsUntilMicros()
    {
        return Times.toMicros(sheetsUntil);
    }

    /** {@link #opensAt()} in microseconds since the epoch, or {@link #NO_TIME}. */
    public long opensAtMicros()
    {
        return Times.toMicros(opensAt);
    }

    /** {@link #closesAt()} in microseconds since the epoch, or {@link #NO_TIME}. */
    public long closesAtMicros()
    {
        return Times.toMicros(closesAt);
    }

    /** How many counters an item has per channel: 1 (priority), 3 choices (opinion) or one per grade (judgment). */
    public int cellsPerItem()
    {
        return switch (kind)
        {
            case PRIORITY -> 1;
            case OPINION -> Choice.values().length;
            case JUDGMENT -> grades.size();
        };
    }

    /** The index of a channel in {@link #channels()}, or -1 (also for null, which the immutable list refuses). */
    public int channelIndex(final String channel)
    {
        return channel == null ? -1 : channels.indexOf(channel);
    }

    /**
     * The item of {@code subject} (null: the items without one) whose title is {@code title} but for case and the
     * spaces and control characters around it ({@link String#trim}), or null: a proposal made twice is refused.
     */
    public Item itemTitled(final String subject, final String title)
    {
        final String wanted = title.trim().toLowerCase(Locale.ROOT);
        for (final Item item : items)
        {
            if (Objects.equals(item.subject(), subject) && item.title().trim().toLowerCase(Locale.ROOT).equals(wanted))
            {
                return item;
            }
        }
        return null;
    }

    /** The index of a declared stand in {@link #stands()}, or -1 (also for null). */
    public int standIndex(final String standId)
    {
        for (int i = 0; i < stands.size(); i++)
        {
            if (stands.get(i).id().equals(standId))
            {
                return i;
            }
        }
        return -1;
    }
}
