package org.urne.ingest.parse;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.urne.tally.domain.ItemStatus;

/**
 * The bodies of the item routes of an opinion poll: {@code POST /v1/polls/{pollId}/items} ({@code {"title",
 * "group"?, "subject"?, "description"?, "link"?, "voter"?}}) and {@code POST .../items/{itemId}/status}
 * ({@code {"status", "reason"?}}). Wrong types and unknown fields are 400s; the texts' rules are left to
 * {@code PollDefinitionValidator.validateAdded} (422).
 */
public final class ItemRequestParser
{
    private static final Set<String> ITEM_FIELDS = Set.of("title", "group", "subject", "description", "link", "voter");
    private static final Map<String, String> FORBIDDEN = Map.of("id", "is given by the server as it journals the item",
        "status", "is published for a new item; change it with POST .../items/{itemId}/status");
    private static final Set<String> STATUS_FIELDS = Set.of("status", "reason");

    private ItemRequestParser()
    {
    }

    /** An item to add and, for a citizen's proposal, the proposer's raw voter id (null otherwise). */
    public record ItemRequest(String title, String group, String subject, String description, String link,
        String voter)
    {
    }

    /** A status to set, with the reason given (or null). */
    public record StatusRequest(ItemStatus status, String reason)
    {
    }

    public static ItemRequest parseItem(final JsonNode json)
    {
        final JsonFields fields = JsonFields.of(json, "", ITEM_FIELDS, FORBIDDEN);
        final String title = fields.text("title", true);
        final String group = fields.text("group", false);
        final String subject = fields.text("subject", false);
        final String description = fields.text("description", false);
        final String link = fields.text("link", false);
        final String voter = fields.text("voter", false);
        if (voter != null && (voter.isEmpty() || voter.length() > BallotParser.MAX_VOTER_LENGTH))
        {
            fields.error("voter", "must be 1 to " + BallotParser.MAX_VOTER_LENGTH + " characters");
        }
        fields.throwIfInvalid();
        return new ItemRequest(title, group, subject, description, link, voter);
    }

    public static StatusRequest parseStatus(final JsonNode json)
    {
        final JsonFields fields = JsonFields.of(json, "", STATUS_FIELDS, Map.of());
        final String name = fields.text("status", true);
        final ItemStatus status = name == null ? null : ItemStatus.fromWire(name);
        if (name != null && status == null)
        {
            fields.error("status", "must be one of published, hidden, withdrawn");
        }
        final String reason = fields.text("reason", false);
        if (reason != null && reason.length() > 1_000)
        {
            fields.error("reason", "must be at most 1000 characters");
        }
        fields.throwIfInvalid();
        return new StatusRequest(status, reason);
    }
}
