package org.urne.ingest.parse;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.Proposals;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Publication;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Stand;

/**
 * Turns a poll definition's JSON (docs/api.md, "Polls") into a {@link PollDefinition}. Wrong types and unknown fields
 * are 400s; values are left to {@code PollDefinitionValidator} (422). Unknown kind, revote or publication names
 * become null so the validator reports them. Without {@code sheetsUntil}, nothing is taken after the close; without
 * {@code stands}, a paper record's stand is free text; without {@code paperEntry}, sheets are entered once.
 */
public final class PollDefinitionParser
{
    private static final Set<String> ALLOWED = Set.of("id", "title", "kind", "channels", "opensAt", "closesAt",
        "revote", "minSelections", "maxSelections", "items", "grades", "missingGrade", "maxArgumentLength", "sheetsUntil",
        "publication", "commitEvery", "stands", "paperEntry", "proposals");
    private static final Map<String, String> FORBIDDEN = Map.of("status", "is computed by the server",
        "orderSeedSha256", "is set by the server", "orderSeed", "is revealed by the server at close");
    private static final Set<String> ITEM_FIELDS = Set.of("id", "title", "group", "subject", "description",
        "link");
    private static final Set<String> STAND_FIELDS = Set.of("id", "name", "neighbourhood");

    private PollDefinitionParser()
    {
    }

    /** Parses a definition; {@code pathId} is the id from the URL, or null when the id must come from the body. */
    public static PollDefinition parse(final JsonNode json, final String pathId)
    {
        final JsonFields fields = JsonFields.of(json, "", ALLOWED, FORBIDDEN);
        final String bodyId = fields.text("id", pathId == null);
        final String title = fields.text("title", true);
        final String kindName = fields.text("kind", true);
        final List<String> channels = fields.texts("channels", false);
        final OffsetDateTime opensAt = time(fields, "opensAt");
        final OffsetDateTime closesAt = time(fields, "closesAt");
        final OffsetDateTime sheetsUntil = time(fields, "sheetsUntil");
        final String publicationName = fields.text("publication", false);
        final int commitEvery = fields.integer("commitEvery", false, PollDefinition.DEFAULT_COMMIT_EVERY);
        final String revoteName = fields.text("revote", false);
        final int minSelections = fields.integer("minSelections", false, 0);
        final int maxSelections = fields.integer("maxSelections", false, 0);
        final List<Item> items = items(fields);
        final List<Stand> stands = stands(fields);
        final String paperEntryName = fields.text("paperEntry", false);
        final String proposalsName = fields.text("proposals", false);
        final List<String> grades = fields.texts("grades", false);
        final int missingGrade = fields.integer("missingGrade", false, 0);
        final PollKind kind = kindName == null ? null : PollKind.fromWire(kindName);
        final int maxArgumentLength = fields.integer("maxArgumentLength", false,
            kind == PollKind.OPINION ? PollDefinition.DEFAULT_MAX_ARGUMENT_LENGTH : 0);
        if (pathId != null && bodyId != null && !pathId.equals(bodyId))
        {
            fields.error("id", "must match the poll id in the URL");
        }
        fields.throwIfInvalid();
        return new PollDefinition(bodyId == null ? pathId : bodyId, title, kind,
            channels == null ? List.of(BallotParser.DEFAULT_CHANNEL) : channels, opensAt, closesAt,
            revoteName == null ? RevotePolicy.REPLACE : RevotePolicy.fromWire(revoteName), minSelections,
            maxSelections, items, grades == null ? List.of() : grades, missingGrade, maxArgumentLength, sheetsUntil,
            publicationName == null ? Publication.LIVE : Publication.fromWire(publicationName), commitEvery, stands,
            paperEntryName == null ? PaperEntry.SINGLE : PaperEntry.fromWire(paperEntryName),
            proposalsName == null ? Proposals.OPERATORS : Proposals.fromWire(proposalsName));
    }

    private static List<Stand> stands(final JsonFields fields)
    {
        final JsonNode array = fields.array("stands", false);
        final List<Stand> stands = new ArrayList<>();
        if (array == null)
        {
            return stands;
        }
        for (int i = 0; i < array.size(); i++)
        {
            final JsonFields stand = fields.child(array.get(i), "stands[" + i + "]", STAND_FIELDS);
            if (stand != null)
            {
                stands.add(new Stand(stand.text("id", true), stand.text("name", true),
                    stand.text("neighbourhood", false)));
            }
        }
        return stands;
    }

    private static List<Item> items(final JsonFields fields)
    {
        final JsonNode array = fields.array("items", true);
        final List<Item> items = new ArrayList<>();
        if (array == null)
        {
            return items;
        }
        for (int i = 0; i < array.size(); i++)
        {
            final JsonFields item = fields.child(array.get(i), "items[" + i + "]", ITEM_FIELDS);
            if (item == null)
            {
                continue;
            }
            final int id = item.integer("id", true, 0);
            final String title = item.text("title", true);
            final String group = item.text("group", false);
            final String subject = item.text("subject", false);
            items.add(new Item(id, title, group, subject, item.text("description", false), item.text("link", false)));
        }
        return items;
    }

    private static OffsetDateTime time(final JsonFields fields, final String name)
    {
        final String text = fields.text(name, false);
        if (text == null)
        {
            return null;
        }
        try
        {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        catch (final DateTimeParseException e)
        {
            fields.error(name, "must be an RFC 3339 time with an offset, such as 2022-06-01T00:00:00+02:00");
            return null;
        }
    }
}
