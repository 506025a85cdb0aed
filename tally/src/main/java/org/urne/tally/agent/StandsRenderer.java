package org.urne.tally.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonGenerator;
import org.urne.tally.core.PaperView;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * Renders a poll's paper channel per stand (docs/api.md, "Results per stand"): each stand's counted ballots and
 * votes per item, from its typed ballots and its counted sheets, which add up to the paper channel.
 */
public final class StandsRenderer
{
    private StandsRenderer()
    {
    }

    /** Writes {@code "stands": [{"id", "name", "ballots", "items": [{"id", "votes"}]}]}. */
    static void writeStands(final JsonGenerator json, final PollDefinition poll, final PaperView paper)
        throws IOException
    {
        json.writeArrayFieldStart("stands");
        for (final PaperView.StandView stand : paper.stands())
        {
            json.writeStartObject();
            json.writeStringField("id", stand.id());
            json.writeStringField("name", stand.name());
            json.writeNumberField("ballots", stand.ballots());
            json.writeArrayFieldStart("items");
            for (int item = 0; item < poll.items().size(); item++)
            {
                json.writeStartObject();
                json.writeNumberField("id", poll.items().get(item).id());
                json.writeFieldName("votes");
                writeVotes(json, poll.kind(), stand.counts()[item]);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeVotes(final JsonGenerator json, final PollKind kind, final long[] cells)
        throws IOException
    {
        switch (kind)
        {
            case PRIORITY -> json.writeNumber(cells[0]);
            case OPINION ->
            {
                json.writeStartObject();
                for (final Choice choice : Choice.values())
                {
                    json.writeNumberField(choice.wireName(), cells[choice.ordinal()]);
                }
                json.writeEndObject();
            }
            case JUDGMENT ->
            {
                json.writeStartArray();
                for (final long count : cells)
                {
                    json.writeNumber(count);
                }
                json.writeEndArray();
            }
        }
    }

    /**
     * The CSV per stand: {@code stand,stand_name,ballots,item,title} then the cells ({@code votes}; {@code for},
     * {@code mixed}, {@code against}; or the grades' labels), one row per stand and item, text fields and line
     * ends as in the results CSV.
     */
    public static byte[] csv(final PollDefinition poll, final PaperView paper)
    {
        final StringBuilder csv = new StringBuilder(1024).append("stand,stand_name,ballots,item,title");
        switch (poll.kind())
        {
            case PRIORITY -> csv.append(",votes");
            case OPINION ->
            {
                for (final Choice choice : Choice.values())
                {
                    csv.append(',').append(choice.wireName());
                }
            }
            case JUDGMENT ->
            {
                for (final String grade : poll.grades())
                {
                    csv.append(',');
                    Csv.appendText(csv, grade);
                }
            }
        }
        csv.append('\n');
        for (final PaperView.StandView stand : paper.stands())
        {
            for (int item = 0; item < poll.items().size(); item++)
            {
                final Item definition = poll.items().get(item);
                Csv.appendText(csv, stand.id());
                csv.append(',');
                Csv.appendText(csv, stand.name());
                csv.append(',').append(stand.ballots()).append(',').append(definition.id()).append(',');
                Csv.appendText(csv, definition.title());
                for (final long count : stand.counts()[item])
                {
                    csv.append(',').append(count);
                }
                csv.append('\n');
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
