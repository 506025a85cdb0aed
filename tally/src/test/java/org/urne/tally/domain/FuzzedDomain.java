package org.urne.tally.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Domain values shaped by fuzzer data, with a null wherever the type allows one: what the journal decoder can hand
 * the core, since its encoding of every value, nulls included, is total. Lists cannot hold nulls (the records copy
 * them with {@code List.copyOf}), so they never do here either.
 */
public final class FuzzedDomain
{
    private static final List<String> CHANNELS = List.of("digital", "paper", "kiosk");

    private FuzzedDomain()
    {
    }

    /** Any definition, valid or not. */
    public static PollDefinition anyPoll(final FuzzedDataProvider data)
    {
        final List<String> channels = new ArrayList<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--)
        {
            channels.add(data.consumeString(40));
        }
        final List<Item> items = new ArrayList<>();
        for (int i = data.consumeInt(0, 8); i > 0; i--)
        {
            items.add(new Item(data.consumeInt(), nullable(data), nullable(data), nullable(data), nullable(data),
                nullable(data)));
        }
        final List<String> grades = new ArrayList<>();
        for (int i = data.consumeInt(0, 8); i > 0; i--)
        {
            grades.add(data.consumeString(20));
        }
        return new PollDefinition(nullable(data), nullable(data), pickOrNull(data, PollKind.values()), channels,
            time(data), time(data), pickOrNull(data, RevotePolicy.values()), data.consumeInt(), data.consumeInt(),
            items, grades, data.consumeInt(), data.consumeInt());
    }

    /** A definition {@link PollDefinitionValidator} accepts, of any kind, shaped by the data. */
    public static PollDefinition validPoll(final FuzzedDataProvider data)
    {
        final PollKind kind = data.pickValue(PollKind.values());
        final Set<String> channels = new LinkedHashSet<>();
        for (int i = data.consumeInt(1, CHANNELS.size()); i > 0; i--)
        {
            channels.add(data.pickValue(CHANNELS));
        }
        final Set<Integer> ids = new LinkedHashSet<>();
        for (int i = data.consumeInt(1, 8); i > 0; i--)
        {
            ids.add(data.consumeInt(0, 50));
        }
        final List<Item> items = new ArrayList<>();
        for (final int id : ids)
        {
            items.add(new Item(id, "item " + id, data.consumeBoolean() ? null : "group", null));
        }
        final List<String> grades = new ArrayList<>();
        if (kind == PollKind.JUDGMENT)
        {
            for (int i = data.consumeInt(2, 7); i > 0; i--)
            {
                grades.add("grade " + i);
            }
        }
        final int min = kind == PollKind.PRIORITY ? data.consumeInt(1, items.size()) : 0;
        final int max = kind == PollKind.PRIORITY ? data.consumeInt(min, items.size()) : 0;
        final int missingGrade = kind == PollKind.JUDGMENT ? data.consumeInt(0, grades.size() - 1) : 0;
        final int maxArgument = kind == PollKind.OPINION ? data.consumeInt(0, 50) : 0;
        return new PollDefinition("poll", "a poll", kind, List.copyOf(channels), null, null,
            data.pickValue(RevotePolicy.values()), min, max, items, grades, missingGrade, maxArgument);
    }

    /** A ballot for {@code poll}, any field possibly null, wrong or out of range. */
    public static Ballot ballot(final FuzzedDataProvider data, final PollDefinition poll)
    {
        return new Ballot(data.consumeBoolean() ? poll.id() : nullable(data), ballotId(data), key(data), key(data),
            channel(data, poll), data.consumeLong(), content(data, poll));
    }

    /** A tally sheet for {@code poll}, any field possibly null, wrong or out of range. */
    public static TallySheet sheet(final FuzzedDataProvider data, final PollDefinition poll)
    {
        final int[] items = data.consumeBoolean() ? null : itemIds(data, poll);
        long[][] counts = null;
        if (data.consumeBoolean())
        {
            counts = new long[data.consumeInt(0, 10)][];
            for (int i = 0; i < counts.length; i++)
            {
                counts[i] = data.consumeBoolean() ? null : data.consumeLongs(data.consumeInt(0, 8));
            }
        }
        return new TallySheet(data.consumeBoolean() ? poll.id() : nullable(data), ballotId(data), nullable(data),
            channel(data, poll), data.consumeLong(), items, counts);
    }

    private static BallotContent content(final FuzzedDataProvider data, final PollDefinition poll)
    {
        return switch (data.consumeInt(0, 4))
        {
            case 0 -> null;
            case 1 -> new BallotContent.Selection(data.consumeBoolean() ? null : itemIds(data, poll));
            case 2 -> new BallotContent.Opinion(itemId(data, poll), pickOrNull(data, Choice.values()), nullable(data));
            case 3 -> new BallotContent.Grades(data.consumeBoolean() ? null : itemIds(data, poll),
                data.consumeBoolean() ? null : data.consumeInts(data.consumeInt(0, 10)));
            default -> new BallotContent.Withdrawal(data.consumeBoolean() ? BallotContent.NO_ITEM : itemId(data, poll));
        };
    }

    private static int[] itemIds(final FuzzedDataProvider data, final PollDefinition poll)
    {
        final int[] ids = new int[data.consumeInt(0, 10)];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = itemId(data, poll);
        }
        return ids;
    }

    private static int itemId(final FuzzedDataProvider data, final PollDefinition poll)
    {
        return data.consumeBoolean() && !poll.items().isEmpty() ? data.pickValue(poll.items()).id() : data.consumeInt();
    }

    private static String channel(final FuzzedDataProvider data, final PollDefinition poll)
    {
        return data.consumeBoolean() && !poll.channels().isEmpty() ? data.pickValue(poll.channels()) : nullable(data);
    }

    private static String ballotId(final FuzzedDataProvider data)
    {
        return data.consumeBoolean() ? "b-" + data.consumeInt(0, 20) : nullable(data);
    }

    private static Key128 key(final FuzzedDataProvider data)
    {
        return data.consumeInt(0, 7) == 0 ? null : new Key128(data.consumeInt(0, 3), data.consumeLong());
    }

    private static OffsetDateTime time(final FuzzedDataProvider data)
    {
        return data.consumeBoolean() ? null : OffsetDateTime.ofInstant(
            Instant.ofEpochSecond(data.consumeLong(0, 4_102_444_800L)), ZoneOffset.ofHours(data.consumeInt(-12, 14)));
    }

    private static String nullable(final FuzzedDataProvider data)
    {
        return data.consumeInt(0, 5) == 0 ? null : data.consumeString(80);
    }

    private static <E> E pickOrNull(final FuzzedDataProvider data, final E[] values)
    {
        return data.consumeInt(0, values.length) == values.length ? null : values[data.consumeInt(0, values.length - 1)];
    }
}
