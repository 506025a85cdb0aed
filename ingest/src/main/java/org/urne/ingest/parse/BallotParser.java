package org.urne.ingest.parse;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.Times;

/**
 * Turns one ballot's JSON into a {@link BallotRequest}. Types, unknown fields and server-side fields are 400s;
 * contradictory or missing content is recorded for a 422, alongside the poll-specific checks made later.
 */
public final class BallotParser
{
    static final int MAX_VOTER_LENGTH = 256;
    public static final String DEFAULT_CHANNEL = "digital";

    private static final Set<String> ALLOWED = Set.of(
        "ballotId", "voter", "channel", "castAt", "selections", "item", "choice", "argument", "grades", "withdraw",
        "stand");
    private static final String SERVER_SIDE = "is set by the server, not by clients";
    private static final Map<String, String> FORBIDDEN = Map.of(
        "position", SERVER_SIDE, "receipt", SERVER_SIDE, "receivedAt", SERVER_SIDE, "time", SERVER_SIDE,
        "timeMicros", SERVER_SIDE, "voterKey", SERVER_SIDE, "status", SERVER_SIDE, "reason", SERVER_SIDE,
        "pollId", "comes from the URL");

    private BallotParser()
    {
    }

    public static BallotRequest parse(final JsonNode json)
    {
        final JsonFields fields = JsonFields.of(json, "", ALLOWED, FORBIDDEN);
        final String ballotId = fields.text("ballotId", true);
        final String voter = fields.text("voter", true);
        final String channel = fields.text("channel", false);
        final String castAtText = fields.text("castAt", false);
        final String stand = fields.text("stand", false);
        final Boolean withdraw = fields.bool("withdraw");
        final int item = fields.integer("item", false, BallotContent.NO_ITEM);
        final String choice = fields.text("choice", false);
        final String argument = fields.text("argument", false);
        final int[] selections = selections(fields);
        final int[][] grades = grades(fields);
        final long castAt = castAt(fields, castAtText);
        fields.throwIfInvalid();

        final List<FieldError> invalid = new ArrayList<>();
        if (voter.isEmpty() || voter.length() > MAX_VOTER_LENGTH)
        {
            invalid.add(new FieldError("voter", "must be 1 to " + MAX_VOTER_LENGTH + " characters"));
        }
        final BallotContent content = content(fields, withdraw, item, choice, argument, selections, grades, invalid);
        return new BallotRequest(ballotId, voter, channel == null ? DEFAULT_CHANNEL : channel, castAt, content,
            invalid, stand);
    }

    private static BallotContent content(final JsonFields fields, final Boolean withdraw, final int item,
        final String choice, final String argument, final int[] selections, final int[][] grades,
        final List<FieldError> invalid)
    {
        final int shapes = (selections != null ? 1 : 0) + (grades != null ? 1 : 0) +
            (choice != null || argument != null ? 1 : 0) + (withdraw != null ? 1 : 0);
        if (shapes > 1)
        {
            invalid.add(new FieldError("$", "a ballot gives exactly one of selections, item and choice, grades, " +
                "or withdraw"));
        }
        if (withdraw != null)
        {
            if (!withdraw)
            {
                invalid.add(new FieldError("withdraw", "must be true when present"));
            }
            return new BallotContent.Withdrawal(item);
        }
        if (selections != null)
        {
            return new BallotContent.Selection(selections);
        }
        if (grades != null)
        {
            return new BallotContent.Grades(grades[0], grades[1]);
        }
        if (choice != null || fields.has("item"))
        {
            if (item == BallotContent.NO_ITEM)
            {
                invalid.add(new FieldError("item", "an opinion ballot names the proposal it is about"));
            }
            return new BallotContent.Opinion(item, Choice.fromWire(choice), argument);
        }
        invalid.add(new FieldError("$", "a ballot gives selections, item and choice, grades, or withdraw"));
        return new BallotContent.Selection(new int[0]);
    }

    private static int[] selections(final JsonFields fields)
    {
        final JsonNode array = fields.array("selections", false);
        if (array == null)
        {
            return null;
        }
        final int[] items = new int[array.size()];
        for (int i = 0; i < items.length; i++)
        {
            items[i] = fields.toIntAt(array.get(i), "selections", i, 0);
        }
        return items;
    }

    /** {@code [items, grades]}, in the order the client listed them. */
    private static int[][] grades(final JsonFields fields)
    {
        if (!fields.has("grades"))
        {
            return null;
        }
        final JsonNode object = fields.raw("grades");
        if (!object.isObject())
        {
            fields.error("grades", "must be an object from item id to grade index");
            return null;
        }
        final int[] items = new int[object.size()];
        final int[] grades = new int[object.size()];
        final Iterator<Map.Entry<String, JsonNode>> entries = object.properties().iterator();
        for (int i = 0; entries.hasNext(); i++)
        {
            final Map.Entry<String, JsonNode> entry = entries.next();
            items[i] = itemId(fields, "grades", entry.getKey());
            grades[i] = fields.toIntOf(entry.getValue(), "grades", entry.getKey(), 0);
        }
        return new int[][] {items, grades};
    }

    /**
     * The item id a key of the object {@code object} names, or 0 after recording an error for the member, named
     * {@code object.key}: the name is made for an error only, a judgment ballot grades up to 40 items.
     */
    static int itemId(final JsonFields fields, final String object, final String key)
    {
        try
        {
            if (key.isEmpty() || key.length() > 10 || !(Character.isDigit(key.charAt(0)) || key.charAt(0) == '-'))
            {
                throw new NumberFormatException(key);
            }
            return Integer.parseInt(key);
        }
        catch (final NumberFormatException e)
        {
            fields.error(object + "." + key, "the key must be an item id (an integer)");
            return 0;
        }
    }

    private static long castAt(final JsonFields fields, final String text)
    {
        if (text == null)
        {
            return BallotRequest.NO_CAST_AT;
        }
        final long common = CommonTimes.micros(text);
        if (common != CommonTimes.NOT_COMMON)
        {
            return common;
        }
        try
        {
            return Times.toMicros(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        catch (final DateTimeParseException | ArithmeticException e)
        {
            fields.error("castAt", "must be an RFC 3339 time with an offset, such as 2022-06-03T10:15:02+02:00");
            return BallotRequest.NO_CAST_AT;
        }
    }
}
