package org.urne.ingest.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.assembly.Card;
import org.urne.tally.assembly.Member;
import org.urne.tally.assembly.RoundKind;
import org.urne.tally.assembly.RoundOption;

/**
 * The bodies of the assembly routes (docs/api.md, "Assemblies"): shapes and types here (400), values in
 * {@code AssemblyRules} (422). Unknown fields are 400s, as in the other parsers.
 */
public final class AssemblyRequestParser
{
    private static final Set<String> DEFINITION = Set.of("id", "name", "members", "cards", "consentCard",
        "speakingOrder");
    private static final Set<String> MEMBER = Set.of("id", "name", "role");
    private static final Set<String> CARD = Set.of("id", "meaning");
    private static final Set<String> PRESENCE = Set.of("present");
    private static final Set<String> ROUND = Set.of("kind", "item", "text", "version", "answers", "options", "choose",
        "grades");
    private static final Set<String> OPTION = Set.of("id", "title");
    private static final Set<String> VOTE = Set.of("member", "card", "grades", "choices");

    private AssemblyRequestParser()
    {
    }

    /** {@code PUT /v1/assemblies/{id}}; cards, consentCard and speakingOrder default to the coloured cards. */
    public static AssemblyEvent.AssemblyDefined definition(final JsonNode json, final String pathId)
    {
        final JsonFields fields = JsonFields.of(json, "", DEFINITION, Map.of());
        final String bodyId = fields.text("id", false);
        if (bodyId != null && !bodyId.equals(pathId))
        {
            fields.error("id", "must match the assembly id in the URL");
        }
        final String name = fields.text("name", true);
        final List<Member> members = new ArrayList<>();
        final JsonNode memberArray = fields.array("members", true);
        for (int i = 0; memberArray != null && i < memberArray.size(); i++)
        {
            final JsonFields member = fields.child(memberArray.get(i), "members[" + i + "]", MEMBER);
            if (member != null)
            {
                final String role = member.text("role", false);
                members.add(new Member(member.text("id", true), member.text("name", true),
                    role == null ? Member.MEMBER : role));
            }
        }
        final JsonNode cardArray = fields.array("cards", false);
        final List<Card> cards = cardArray == null ? new ArrayList<>(Card.DEFAULTS) : new ArrayList<>();
        for (int i = 0; cardArray != null && i < cardArray.size(); i++)
        {
            final JsonFields card = fields.child(cardArray.get(i), "cards[" + i + "]", CARD);
            if (card != null)
            {
                cards.add(new Card(card.text("id", true), card.text("meaning", true)));
            }
        }
        final String consentCard = fields.text("consentCard", false);
        final List<String> speakingOrder = fields.texts("speakingOrder", false);
        fields.throwIfInvalid();
        return new AssemblyEvent.AssemblyDefined(pathId, name, members, cards,
            consentCard == null ? Card.DEFAULT_CONSENT : consentCard,
            speakingOrder == null ? defaultSpeakingOrder(cards) : speakingOrder);
    }

    /** The default order, kept to the cards the assembly has: red, orange, yellow. */
    private static List<String> defaultSpeakingOrder(final List<Card> cards)
    {
        final List<String> order = new ArrayList<>();
        for (final String card : Card.DEFAULT_SPEAKING_ORDER)
        {
            if (cards.stream().anyMatch(c -> card.equals(c.id())))
            {
                order.add(card);
            }
        }
        return order;
    }

    /** {@code PUT .../presence}: {@code {"present": [member ids]}}. */
    public static List<String> presence(final JsonNode json)
    {
        final JsonFields fields = JsonFields.of(json, "", PRESENCE, Map.of());
        final List<String> present = fields.texts("present", true);
        fields.throwIfInvalid();
        return present;
    }

    /** {@code POST .../rounds}: a consent, judgment or approval round, with the id the server gives it. */
    public static AssemblyEvent.RoundOpened round(final JsonNode json, final String assemblyId, final String roundId)
    {
        final JsonFields fields = JsonFields.of(json, "", ROUND, Map.of());
        final String kindName = fields.text("kind", true);
        final RoundKind kind = kindName == null ? null : RoundKind.fromWire(kindName);
        if (kindName != null && kind == null)
        {
            fields.error("kind", "must be one of consent, judgment, approval");
        }
        final String item = fields.text("item", kind == RoundKind.CONSENT);
        final String text = fields.text("text", kind == RoundKind.CONSENT);
        final int version = fields.integer("version", kind == RoundKind.CONSENT, 0);
        final String answers = fields.text("answers", false);
        final List<RoundOption> options = new ArrayList<>();
        final JsonNode optionArray = fields.array("options", kind != null && kind.secret());
        for (int i = 0; optionArray != null && i < optionArray.size(); i++)
        {
            final JsonFields option = fields.child(optionArray.get(i), "options[" + i + "]", OPTION);
            if (option != null)
            {
                options.add(new RoundOption(option.text("id", true), option.text("title", true)));
            }
        }
        final int choose = fields.integer("choose", kind == RoundKind.APPROVAL, 0);
        final List<String> grades = fields.texts("grades", false);
        onlyFor(fields, kind, RoundKind.CONSENT, "item", "text", "version", "answers");
        onlyFor(fields, kind, RoundKind.APPROVAL, "choose");
        onlyFor(fields, kind, RoundKind.JUDGMENT, "grades");
        if (kind == RoundKind.CONSENT && fields.has("options"))
        {
            fields.error("options", "is for judgment and approval rounds");
        }
        fields.throwIfInvalid();
        return new AssemblyEvent.RoundOpened(assemblyId, roundId, kind, item, version, text, answers, options, choose,
            kind == RoundKind.JUDGMENT && grades == null ? RoundKind.DEFAULT_GRADES :
                grades == null ? List.of() : grades);
    }

    private static void onlyFor(final JsonFields fields, final RoundKind kind, final RoundKind only,
        final String... names)
    {
        for (final String name : names)
        {
            if (kind != null && kind != only && fields.has(name))
            {
                fields.error(name, "is for " + only.wireName() + " rounds");
            }
        }
    }

    /** {@code POST .../cards}: a card, grades or choices, with the member unless a device code says who. */
    public static VoteRequest vote(final JsonNode json, final boolean memberRequired)
    {
        final JsonFields fields = JsonFields.of(json, "", VOTE, Map.of());
        final String member = fields.text("member", memberRequired);
        if (!memberRequired && member != null)
        {
            fields.error("member", "is said by the device code: leave it out");
        }
        final String card = fields.text("card", false);
        Map<String, Integer> grades = null;
        final JsonNode gradeObject = fields.raw("grades");
        if (gradeObject != null && !gradeObject.isNull())
        {
            if (gradeObject.isObject())
            {
                grades = new LinkedHashMap<>();
                readGrades(fields, gradeObject, grades);
            }
            else
            {
                fields.error("grades", "must be a JSON object of option id to grade index");
            }
        }
        final List<String> choices = fields.texts("choices", false);
        final int given = (card == null ? 0 : 1) + (grades == null ? 0 : 1) + (choices == null ? 0 : 1);
        if (given != 1)
        {
            fields.error("card", "give exactly one of card, grades or choices");
        }
        fields.throwIfInvalid();
        return new VoteRequest(memberRequired ? member : null, card, grades, choices);
    }

    private static void readGrades(final JsonFields fields, final JsonNode gradeObject,
        final Map<String, Integer> grades)
    {
        gradeObject.fields().forEachRemaining(entry ->
        {
            final int grade = fields.toIntOf(entry.getValue(), "grades", entry.getKey(), -1);
            grades.put(entry.getKey(), grade);
        });
    }

    /**
     * What {@code POST .../cards} asks: exactly one of {@code card}, {@code grades} (option id to grade index) and
     * {@code choices} (option ids).
     *
     * @param member the member's id, or null when a device code says who.
     */
    public record VoteRequest(String member, String card, Map<String, Integer> grades, List<String> choices)
    {
    }
}
