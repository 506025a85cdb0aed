package org.urne.cli;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.assembly.Card;
import org.urne.tally.assembly.Member;
import org.urne.tally.assembly.RoundOption;
import org.urne.tally.domain.Key128;

/**
 * The decoded fields of an assembly record (types 20 to 28) in the auditors' record, under the API's names
 * (docs/journal-format.md, "The auditors' record"). A decoded record may hold nulls anywhere.
 */
final class AssemblyRecordJson
{
    private AssemblyRecordJson()
    {
    }

    /** The {@code type} of the record's line. */
    static String typeName(final AssemblyEvent event)
    {
        if (event instanceof AssemblyEvent.AssemblyDefined)
        {
            return "assembly-defined";
        }
        if (event instanceof AssemblyEvent.PresenceRecorded)
        {
            return "presence-recorded";
        }
        if (event instanceof AssemblyEvent.RoundOpened)
        {
            return "round-opened";
        }
        if (event instanceof AssemblyEvent.CardRaised)
        {
            return "card-raised";
        }
        if (event instanceof AssemblyEvent.GradesGiven)
        {
            return "grades-given";
        }
        if (event instanceof AssemblyEvent.ChoicesMade)
        {
            return "choices-made";
        }
        if (event instanceof AssemblyEvent.DecisionPublished)
        {
            return "decision-published";
        }
        return event instanceof AssemblyEvent.RoundClosed ? "round-closed" : "device-code-set";
    }

    static void write(final JsonGenerator json, final AssemblyEvent event) throws IOException
    {
        json.writeStringField("assembly", event.assemblyId());
        if (event instanceof AssemblyEvent.AssemblyDefined defined)
        {
            json.writeStringField("name", defined.name());
            json.writeArrayFieldStart("members");
            for (final Member member : defined.members())
            {
                json.writeStartObject();
                json.writeStringField("id", member.id());
                json.writeStringField("name", member.name());
                json.writeStringField("role", member.role());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("cards");
            for (final Card card : defined.cards())
            {
                json.writeStartObject();
                json.writeStringField("id", card.id());
                json.writeStringField("meaning", card.meaning());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("consentCard", defined.consentCard());
            strings(json, "speakingOrder", defined.speakingOrder());
        }
        else if (event instanceof AssemblyEvent.PresenceRecorded presence)
        {
            strings(json, "present", presence.present());
        }
        else if (event instanceof AssemblyEvent.RoundOpened round)
        {
            round(json, round);
        }
        else
        {
            vote(json, event);
        }
    }

    private static void round(final JsonGenerator json, final AssemblyEvent.RoundOpened round) throws IOException
    {
        json.writeStringField("round", round.roundId());
        json.writeStringField("kind", round.kind() == null ? null : round.kind().wireName());
        json.writeStringField("item", round.item());
        json.writeNumberField("version", round.version());
        json.writeStringField("text", round.text());
        json.writeStringField("answers", round.answers());
        json.writeArrayFieldStart("options");
        for (final RoundOption option : round.options())
        {
            json.writeStartObject();
            json.writeStringField("id", option.id());
            json.writeStringField("title", option.title());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("choose", round.choose());
        strings(json, "grades", round.grades());
    }

    private static void vote(final JsonGenerator json, final AssemblyEvent event) throws IOException
    {
        if (event instanceof AssemblyEvent.CardRaised card)
        {
            json.writeStringField("round", card.roundId());
            json.writeStringField("member", card.member());
            json.writeStringField("card", card.card());
        }
        else if (event instanceof AssemblyEvent.GradesGiven grades)
        {
            json.writeStringField("round", grades.roundId());
            json.writeStringField("voter", hex(grades.voter()));
            numbers(json, "grades", grades.grades());
        }
        else if (event instanceof AssemblyEvent.ChoicesMade choices)
        {
            json.writeStringField("round", choices.roundId());
            json.writeStringField("voter", hex(choices.voter()));
            numbers(json, "choices", choices.choices());
        }
        else if (event instanceof AssemblyEvent.RoundClosed close)
        {
            json.writeStringField("round", close.roundId());
        }
        else if (event instanceof AssemblyEvent.DecisionPublished published)
        {
            json.writeStringField("round", published.roundId());
        }
        else if (event instanceof AssemblyEvent.DeviceCodeSet device)
        {
            json.writeStringField("member", device.member());
            json.writeStringField("codeKey", hex(device.codeKey()));
        }
    }

    private static String hex(final Key128 key)
    {
        return key == null ? null : key.toHex();
    }

    private static void strings(final JsonGenerator json, final String field, final List<String> values)
        throws IOException
    {
        json.writeArrayFieldStart(field);
        for (final String value : values)
        {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void numbers(final JsonGenerator json, final String field, final List<Integer> values)
        throws IOException
    {
        json.writeArrayFieldStart(field);
        for (final int value : values)
        {
            json.writeNumber(value);
        }
        json.writeEndArray();
    }
}
