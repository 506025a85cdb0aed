package org.urne.tally.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.urne.tally.core.CanonicalResults;
import org.urne.tally.core.MajorityJudgment;
import org.urne.tally.core.PaperView;
import org.urne.tally.core.PollResults;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Times;

/**
 * Renders a poll's results as the API's JSON and CSV (docs/api.md, "Results"). Every count is given per channel,
 * in the poll's channel order, plus the total, as Clermont published them.
 */
public final class ResultsRenderer
{
    private static final JsonFactory JSON = new JsonFactory();

    private ResultsRenderer()
    {
    }

    /** The results JSON of a poll not sealed; {@code updatedAtMicros} is the time of the last record reflected. */
    public static byte[] json(final PollResults results, final long updatedAtMicros)
    {
        return json(results, updatedAtMicros, false);
    }

    /** The results JSON; {@code updatedAtMicros} is the recorded time of the last record reflected. */
    public static byte[] json(final PollResults results, final long updatedAtMicros, final boolean sealed)
    {
        return json(results, updatedAtMicros, sealed, null);
    }

    /**
     * The results JSON, and with {@code paper} the paper channel per stand after the items ({@code ?by=stand},
     * docs/api.md, "Results per stand").
     */
    public static byte[] json(final PollResults results, final long updatedAtMicros, final boolean sealed,
        final PaperView paper)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = JSON.createGenerator(out))
        {
            writeHead(json, results, updatedAtMicros, sealed, true);
            json.writeArrayFieldStart("items");
            for (final int item : results.ranking().order())
            {
                writeItem(json, results, item);
            }
            json.writeEndArray();
            if (results.definition().kind() == PollKind.OPINION)
            {
                SubjectsRenderer.writeSubjects(json, results);
            }
            if (paper != null)
            {
                StandsRenderer.writeStands(json, results.definition(), paper);
            }
            json.writeEndObject();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The results JSON the public gets before the poll's counts are published (docs/api.md, "Embargo"): status,
     * position, time and turnout (ballots per channel), the items in definition order without rank or count, and
     * {@code "countsPublished": false} with {@code "publication"} saying when they will be.
     */
    public static byte[] withheldJson(final PollResults results, final long updatedAtMicros)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = JSON.createGenerator(out))
        {
            final PollDefinition poll = results.definition();
            writeHead(json, results, updatedAtMicros, false, false);
            json.writeArrayFieldStart("items");
            for (int item = 0; item < poll.items().size(); item++)
            {
                json.writeStartObject();
                writeItemNames(json, poll.items().get(item), results.itemStatuses()[item]);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The fields before the items, up to and with the turnout (and the grades of a judgment poll). */
    private static void writeHead(final JsonGenerator json, final PollResults results, final long updatedAtMicros,
        final boolean sealed, final boolean countsPublished) throws IOException
    {
        final PollDefinition poll = results.definition();
        json.writeStartObject();
        json.writeStringField("poll", poll.id());
        json.writeStringField("title", poll.title());
        json.writeStringField("kind", poll.kind().wireName());
        json.writeStringField("status", results.status().wireName());
        json.writeBooleanField("sealed", sealed);
        json.writeStringField("publication", poll.publication().wireName());
        json.writeBooleanField("countsPublished", countsPublished);
        json.writeNumberField("position", results.position());
        if (updatedAtMicros == PollDefinition.NO_TIME)
        {
            json.writeNullField("updatedAt");
        }
        else
        {
            json.writeStringField("updatedAt", Times.toInstant(updatedAtMicros).toString());
        }
        json.writeArrayFieldStart("channels");
        for (final String channel : poll.channels())
        {
            json.writeString(channel);
        }
        json.writeEndArray();
        json.writeFieldName("ballots");
        writePerChannel(json, poll.channels(), results.ballots());
        if (results.participants() != PollResults.NOT_COUNTED)
        {
            json.writeNumberField("participants", results.participants());
        }
        if (poll.kind() == PollKind.JUDGMENT)
        {
            json.writeArrayFieldStart("grades");
            for (final String grade : poll.grades())
            {
                json.writeString(grade);
            }
            json.writeEndArray();
        }
    }

    /** The item's id, its status unless published, and its texts unless it is hidden by moderation. */
    private static void writeItemNames(final JsonGenerator json, final Item definition, final ItemStatus status)
        throws IOException
    {
        json.writeNumberField("id", definition.id());
        if (status != ItemStatus.PUBLISHED)
        {
            json.writeStringField("status", status.wireName());
        }
        if (status == ItemStatus.HIDDEN)
        {
            return;
        }
        json.writeStringField("title", definition.title());
        if (definition.group() != null)
        {
            json.writeStringField("group", definition.group());
        }
        if (definition.subject() != null)
        {
            json.writeStringField("subject", definition.subject());
        }
        if (definition.description() != null)
        {
            json.writeStringField("description", definition.description());
        }
        if (definition.link() != null)
        {
            json.writeStringField("link", definition.link());
        }
    }

    private static void writeItem(final JsonGenerator json, final PollResults results, final int item)
        throws IOException
    {
        final PollDefinition poll = results.definition();
        final Item definition = poll.items().get(item);
        json.writeStartObject();
        if (poll.kind() != PollKind.OPINION)
        {
            json.writeNumberField("rank", results.ranking().rank()[item]);
        }
        writeItemNames(json, definition, results.itemStatuses()[item]);
        final long[][] counts = results.counts()[item];
        switch (poll.kind())
        {
            case PRIORITY ->
            {
                json.writeFieldName("votes");
                writePerChannel(json, poll.channels(), counts[0]);
            }
            case OPINION ->
            {
                final long[] allChoices = new long[poll.channels().size()];
                for (final Choice choice : Choice.values())
                {
                    json.writeFieldName(choice.wireName());
                    writePerChannel(json, poll.channels(), counts[choice.ordinal()]);
                    for (int channel = 0; channel < allChoices.length; channel++)
                    {
                        allChoices[channel] += counts[choice.ordinal()][channel];
                    }
                }
                json.writeFieldName("total");
                writePerChannel(json, poll.channels(), allChoices);
                json.writeNumberField("arguments", results.arguments()[item]);
                json.writeObjectFieldStart("argumentsByStance");
                for (final Choice choice : Choice.values())
                {
                    json.writeNumberField(choice.wireName(), results.argumentsByStance()[item][choice.ordinal()]);
                }
                json.writeEndObject();
            }
            case JUDGMENT ->
            {
                final int majority = results.majorityGrades()[item];
                if (majority == MajorityJudgment.NO_GRADE)
                {
                    json.writeNullField("majorityGrade");
                    json.writeNullField("majorityGradeLabel");
                }
                else
                {
                    json.writeNumberField("majorityGrade", majority);
                    json.writeStringField("majorityGradeLabel", poll.grades().get(majority));
                }
                json.writeObjectFieldStart("profile");
                for (int channel = 0; channel < poll.channels().size(); channel++)
                {
                    json.writeArrayFieldStart(poll.channels().get(channel));
                    for (final long[] grade : counts)
                    {
                        json.writeNumber(grade[channel]);
                    }
                    json.writeEndArray();
                }
                json.writeArrayFieldStart("total");
                for (int grade = 0; grade < counts.length; grade++)
                {
                    json.writeNumber(results.total(item, grade));
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        }
        json.writeEndObject();
    }

    private static void writePerChannel(final JsonGenerator json, final List<String> channels, final long[] counts)
        throws IOException
    {
        json.writeStartObject();
        long total = 0;
        for (int channel = 0; channel < channels.size(); channel++)
        {
            json.writeNumberField(channels.get(channel), counts[channel]);
            total += counts[channel];
        }
        json.writeNumberField("total", total);
        json.writeEndObject();
    }

    /**
     * The results CSV: today the canonical version 1 ({@link CanonicalResults}), which a sealed poll keeps whatever
     * later releases make of the live CSV.
     */
    public static byte[] csv(final PollResults results)
    {
        return CanonicalResults.csv(results).getBytes(StandardCharsets.UTF_8);
    }
}
