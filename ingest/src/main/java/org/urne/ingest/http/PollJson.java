package org.urne.ingest.http;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.urne.tally.core.PollState;
import org.urne.tally.core.PollStatus;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.Stand;
import org.urne.tally.journal.VoterKeys;

/** Poll definitions as docs/api.md shows them: the full definition, or the summary {@code GET /v1/polls} lists. */
public final class PollJson
{
    private PollJson()
    {
    }

    static JsonObject summary(final PollState poll, final long nowMicros)
    {
        final PollDefinition definition = poll.definition();
        return new JsonObject()
            .put("id", definition.id())
            .put("title", definition.title())
            .put("kind", definition.kind().wireName())
            .put("status", poll.statusAt(nowMicros).wireName())
            .put("sealed", poll.sealed())
            .put("opensAt", time(definition.opensAt()))
            .put("closesAt", time(definition.closesAt()));
    }

    /**
     * The definition with its status; once the poll is closed, with its display-order seed revealed (its SHA-256 was
     * journaled with the definition), so that anyone can recompute every voter's order.
     */
    static JsonObject full(final PollState poll, final long nowMicros, final VoterKeys keys)
    {
        final PollDefinition definition = poll.definition();
        final JsonArray items = new JsonArray();
        for (int i = 0; i < definition.items().size(); i++)
        {
            final Item item = definition.items().get(i);
            final ItemStatus status = poll.moderated().getOrDefault(item.id(), ItemStatus.PUBLISHED);
            final JsonObject json = new JsonObject().put("id", item.id());
            if (i >= poll.definedItems())
            {
                json.put("added", true);
            }
            if (status != ItemStatus.PUBLISHED)
            {
                json.put("status", status.wireName());
            }
            if (status == ItemStatus.HIDDEN)
            {
                // Taken down by moderation: its number stays (its opinions still count), its texts are not served.
                items.add(json);
                continue;
            }
            json.put("title", item.title());
            if (item.group() != null)
            {
                json.put("group", item.group());
            }
            if (item.subject() != null)
            {
                json.put("subject", item.subject());
            }
            if (item.description() != null)
            {
                json.put("description", item.description());
            }
            if (item.link() != null)
            {
                json.put("link", item.link());
            }
            items.add(json);
        }
        final JsonObject json = new JsonObject()
            .put("id", definition.id())
            .put("title", definition.title())
            .put("kind", definition.kind().wireName())
            .put("channels", new JsonArray(definition.channels()))
            .put("opensAt", time(definition.opensAt()))
            .put("closesAt", time(definition.closesAt()))
            .put("sheetsUntil", time(definition.sheetsUntil()))
            .put("publication", definition.publication().wireName())
            .put("commitEvery", definition.commitEvery())
            .put("revote", definition.revote().wireName())
            .put("paperEntry", definition.paperEntry().wireName());
        if (definition.kind() == PollKind.OPINION)
        {
            json.put("proposals", definition.proposals().wireName());
        }
        if (!definition.stands().isEmpty())
        {
            final JsonArray stands = new JsonArray();
            for (final Stand stand : definition.stands())
            {
                final JsonObject standJson = new JsonObject().put("id", stand.id()).put("name", stand.name());
                if (stand.neighbourhood() != null)
                {
                    standJson.put("neighbourhood", stand.neighbourhood());
                }
                stands.add(standJson);
            }
            json.put("stands", stands);
        }
        if (definition.kind() == PollKind.PRIORITY)
        {
            json.put("minSelections", definition.minSelections()).put("maxSelections", definition.maxSelections());
        }
        if (definition.kind() == PollKind.JUDGMENT)
        {
            json.put("grades", new JsonArray(definition.grades())).put("missingGrade", definition.missingGrade());
        }
        if (definition.kind() == PollKind.OPINION)
        {
            json.put("maxArgumentLength", definition.maxArgumentLength());
        }
        if (definition.orderSeedSha256() != null)
        {
            json.put("orderSeedSha256", definition.orderSeedSha256());
            if (poll.statusAt(nowMicros) == PollStatus.CLOSED)
            {
                json.put("orderSeed", Sha256.hex(keys.orderSeed(definition.id())));
            }
        }
        return json.put("items", items).put("status", poll.statusAt(nowMicros).wireName()).put("sealed", poll.sealed());
    }

    private static String time(final OffsetDateTime time)
    {
        return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
