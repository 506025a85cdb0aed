package org.urne.ingest.parse;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.TallySheet;

/**
 * Turns a tally sheet's JSON into a {@link TallySheet}. {@code counts} maps an item id to a number (priority), to
 * {@code {"for", "mixed", "against"}} (opinion) or to an array of counts per grade (judgment); whether the shape
 * fits the poll is {@code TallySheetValidator}'s call (422).
 */
public final class TallySheetParser
{
    static final String DEFAULT_CHANNEL = "paper";

    private static final Set<String> ALLOWED =
        Set.of("stand", "channel", "ballots", "counts", "blank", "spoiled", "signatures");
    private static final Map<String, String> FORBIDDEN = Map.of(
        "sheetId", "comes from the URL", "pollId", "comes from the URL", "position", "is set by the server",
        "entry", "is set by the server", "by", "is the token's name, set by the server");
    private static final Set<String> CHOICES = Set.of("for", "mixed", "against");

    private TallySheetParser()
    {
    }

    /**
     * @param enteredBy the name of the token entering it.
     */
    public static TallySheet parse(final JsonNode json, final String pollId, final String sheetId,
        final String enteredBy)
    {
        final JsonFields fields = JsonFields.of(json, "", ALLOWED, FORBIDDEN);
        final String stand = fields.text("stand", true);
        final String channel = fields.text("channel", false);
        final long ballots = fields.longInteger("ballots", true, 0);
        final long blank = optionalCount(fields, "blank");
        final long spoiled = optionalCount(fields, "spoiled");
        final long signatures = optionalCount(fields, "signatures");
        int[] items = new int[0];
        long[][] counts = new long[0][];
        if (!fields.has("counts"))
        {
            fields.error("counts", "is required");
        }
        else if (!fields.raw("counts").isObject())
        {
            fields.error("counts", "must be an object from item id to counts");
        }
        else
        {
            final JsonNode object = fields.raw("counts");
            items = new int[object.size()];
            counts = new long[object.size()][];
            final Iterator<Map.Entry<String, JsonNode>> entries = object.properties().iterator();
            for (int i = 0; entries.hasNext(); i++)
            {
                final Map.Entry<String, JsonNode> entry = entries.next();
                final String name = "counts." + entry.getKey();
                items[i] = BallotParser.itemId(fields, "counts", entry.getKey());
                counts[i] = cells(fields, name, entry.getValue());
            }
        }
        fields.throwIfInvalid();
        return new TallySheet(pollId, sheetId, stand, channel == null ? DEFAULT_CHANNEL : channel, ballots, items,
            counts, blank, spoiled, signatures, enteredBy);
    }

    /** An optional figure of the sheet: 0 or more, or {@link TallySheet#NOT_GIVEN} when absent. */
    private static long optionalCount(final JsonFields fields, final String name)
    {
        final long value = fields.longInteger(name, false, TallySheet.NOT_GIVEN);
        if (value < 0 && fields.has(name) && !fields.raw(name).isNull())
        {
            fields.error(name, "must be 0 or more");
        }
        return value;
    }

    private static long[] cells(final JsonFields fields, final String name, final JsonNode value)
    {
        if (value.isArray())
        {
            final long[] cells = new long[value.size()];
            for (int i = 0; i < cells.length; i++)
            {
                cells[i] = fields.toLong(value.get(i), name + "[" + i + "]", 0);
            }
            return cells;
        }
        if (value.isObject())
        {
            final long[] cells = new long[Choice.values().length];
            final Iterator<String> names = value.fieldNames();
            while (names.hasNext())
            {
                final String choice = names.next();
                if (!CHOICES.contains(choice))
                {
                    fields.error(name + "." + choice, "unknown field; give for, mixed and against");
                }
            }
            for (final Choice choice : Choice.values())
            {
                final JsonNode count = value.get(choice.wireName());
                if (count == null)
                {
                    fields.error(name + "." + choice.wireName(), "is required");
                }
                else
                {
                    cells[choice.ordinal()] = fields.toLong(count, name + "." + choice.wireName(), 0);
                }
            }
            return cells;
        }
        return new long[] {fields.toLong(value, name, 0)};
    }
}
