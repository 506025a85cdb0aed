package org.urne.tally.journal;

import java.util.ArrayList;
import java.util.List;

import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.assembly.Card;
import org.urne.tally.assembly.Member;
import org.urne.tally.assembly.RoundKind;
import org.urne.tally.assembly.RoundOption;

/**
 * The bodies of the assembly records, types 20 to 28 (docs/journal-format.md, "Assembly records"), after the
 * {@code by} field every body starts with. Kept apart from {@link JournalRecordCodec}, which frames them.
 */
final class AssemblyRecords
{
    static final int TYPE_DEFINED = 20;
    static final int TYPE_PRESENCE = 21;
    static final int TYPE_ROUND_OPENED = 22;
    static final int TYPE_CARD = 23;
    static final int TYPE_GRADES = 24;
    static final int TYPE_CHOICES = 25;
    static final int TYPE_ROUND_CLOSED = 26;
    static final int TYPE_DEVICE_CODE = 27;
    static final int TYPE_DECISION_PUBLISHED = 28;

    private AssemblyRecords()
    {
    }

    /** Writes the event's fields; the record type it is. */
    static int write(final JournalRecordCodec.BodyWriter body, final AssemblyEvent event)
    {
        body.writeString(event.assemblyId());
        if (event instanceof AssemblyEvent.AssemblyDefined defined)
        {
            body.writeString(defined.name());
            body.writeInt(defined.members().size());
            for (final Member member : defined.members())
            {
                body.writeString(member.id());
                body.writeString(member.name());
                body.writeString(member.role());
            }
            body.writeInt(defined.cards().size());
            for (final Card card : defined.cards())
            {
                body.writeString(card.id());
                body.writeString(card.meaning());
            }
            body.writeString(defined.consentCard());
            body.writeStrings(defined.speakingOrder());
            return TYPE_DEFINED;
        }
        if (event instanceof AssemblyEvent.PresenceRecorded presence)
        {
            body.writeStrings(presence.present());
            return TYPE_PRESENCE;
        }
        if (event instanceof AssemblyEvent.RoundOpened round)
        {
            writeRound(body, round);
            return TYPE_ROUND_OPENED;
        }
        return writeVote(body, event);
    }

    private static void writeRound(final JournalRecordCodec.BodyWriter body, final AssemblyEvent.RoundOpened round)
    {
        body.writeString(round.roundId());
        body.writeEnum(round.kind());
        body.writeString(round.item());
        body.writeInt(round.version());
        body.writeString(round.text());
        body.writeString(round.answers());
        body.writeInt(round.options().size());
        for (final RoundOption option : round.options())
        {
            body.writeString(option.id());
            body.writeString(option.title());
        }
        body.writeInt(round.choose());
        body.writeStrings(round.grades());
    }

    private static int writeVote(final JournalRecordCodec.BodyWriter body, final AssemblyEvent event)
    {
        if (event instanceof AssemblyEvent.CardRaised card)
        {
            body.writeString(card.roundId());
            body.writeString(card.member());
            body.writeString(card.card());
            return TYPE_CARD;
        }
        if (event instanceof AssemblyEvent.GradesGiven grades)
        {
            body.writeString(grades.roundId());
            body.writeKey(grades.voter());
            body.writeInts(toArray(grades.grades()));
            return TYPE_GRADES;
        }
        if (event instanceof AssemblyEvent.ChoicesMade choices)
        {
            body.writeString(choices.roundId());
            body.writeKey(choices.voter());
            body.writeInts(toArray(choices.choices()));
            return TYPE_CHOICES;
        }
        if (event instanceof AssemblyEvent.RoundClosed close)
        {
            body.writeString(close.roundId());
            return TYPE_ROUND_CLOSED;
        }
        if (event instanceof AssemblyEvent.DecisionPublished published)
        {
            body.writeString(published.roundId());
            return TYPE_DECISION_PUBLISHED;
        }
        final AssemblyEvent.DeviceCodeSet device = (AssemblyEvent.DeviceCodeSet)event;
        body.writeString(device.member());
        body.writeKey(device.codeKey());
        return TYPE_DEVICE_CODE;
    }

    /** Reads the body of a record of {@code type}, one of this class's types. */
    static AssemblyEvent read(final JournalRecordCodec.BodyReader body, final int type)
    {
        final String assemblyId = body.readString();
        return switch (type)
        {
            case TYPE_DEFINED -> new AssemblyEvent.AssemblyDefined(assemblyId, body.readString(), readMembers(body),
                readCards(body), body.readString(), body.readStrings("speakingOrder"));
            case TYPE_PRESENCE -> new AssemblyEvent.PresenceRecorded(assemblyId, body.readStrings("present"));
            case TYPE_ROUND_OPENED -> new AssemblyEvent.RoundOpened(assemblyId, body.readString(),
                body.readEnum(RoundKind.values(), "round kind"), body.readString(), body.readInt(), body.readString(),
                body.readString(), readOptions(body), body.readInt(), body.readStrings("grades"));
            case TYPE_CARD -> new AssemblyEvent.CardRaised(assemblyId, body.readString(), body.readString(),
                body.readString());
            case TYPE_GRADES -> new AssemblyEvent.GradesGiven(assemblyId, body.readString(), body.readKey("voter"),
                readIntList(body, "grades"));
            case TYPE_CHOICES -> new AssemblyEvent.ChoicesMade(assemblyId, body.readString(), body.readKey("voter"),
                readIntList(body, "choices"));
            case TYPE_ROUND_CLOSED -> new AssemblyEvent.RoundClosed(assemblyId, body.readString());
            case TYPE_DECISION_PUBLISHED -> new AssemblyEvent.DecisionPublished(assemblyId, body.readString());
            default -> new AssemblyEvent.DeviceCodeSet(assemblyId, body.readString(), body.readKey("codeKey"));
        };
    }

    private static List<Member> readMembers(final JournalRecordCodec.BodyReader body)
    {
        final int count = requireCount(body, Integer.BYTES * 3, "members");
        final List<Member> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            members.add(new Member(body.readString(), body.readString(), body.readString()));
        }
        return members;
    }

    private static List<Card> readCards(final JournalRecordCodec.BodyReader body)
    {
        final int count = requireCount(body, Integer.BYTES * 2, "cards");
        final List<Card> cards = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            cards.add(new Card(body.readString(), body.readString()));
        }
        return cards;
    }

    private static List<RoundOption> readOptions(final JournalRecordCodec.BodyReader body)
    {
        final int count = requireCount(body, Integer.BYTES * 2, "options");
        final List<RoundOption> options = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            options.add(new RoundOption(body.readString(), body.readString()));
        }
        return options;
    }

    private static int requireCount(final JournalRecordCodec.BodyReader body, final int elementBytes,
        final String what)
    {
        final int count = body.readCount(elementBytes, what);
        if (count < 0)
        {
            throw JournalRecordCodec.corrupt(what + " list is null");
        }
        return count;
    }

    private static List<Integer> readIntList(final JournalRecordCodec.BodyReader body, final String what)
    {
        final int[] values = body.readInts(what);
        if (values == null)
        {
            throw JournalRecordCodec.corrupt(what + " list is null");
        }
        final List<Integer> list = new ArrayList<>(values.length);
        for (final int value : values)
        {
            list.add(value);
        }
        return list;
    }

    private static int[] toArray(final List<Integer> values)
    {
        final int[] array = new int[values.size()];
        for (int i = 0; i < array.length; i++)
        {
            array[i] = values.get(i);
        }
        return array;
    }
}
