package org.urne.tally.assembly;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.Identifiers;

/**
 * Checks an assembly's definition and a round's opening on their own (no state), each problem with the field it is
 * in: what the API answers 422 with and what the {@link AssemblyBook} re-checks before taking a record.
 */
public final class AssemblyRules
{
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_MEMBERS = 1_000;
    public static final int MAX_CARDS = 12;
    public static final int MAX_TEXT_LENGTH = 20_000;
    public static final int MAX_OPTIONS = 200;
    public static final int MAX_GRADES = 64;
    private static final String ID_RULE = "must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-'";

    private AssemblyRules()
    {
    }

    public static List<FieldError> validate(final AssemblyEvent.AssemblyDefined definition)
    {
        final List<FieldError> errors = new ArrayList<>();
        requireId(errors, "id", definition.assemblyId());
        requireText(errors, "name", definition.name(), MAX_NAME_LENGTH);
        final List<Member> members = definition.members();
        if (members.isEmpty() || members.size() > MAX_MEMBERS)
        {
            errors.add(new FieldError("members", "must list 1 to " + MAX_MEMBERS + " members"));
        }
        final Set<String> memberIds = new HashSet<>();
        for (int i = 0; i < members.size(); i++)
        {
            final Member member = members.get(i);
            final String at = "members[" + i + "]";
            requireId(errors, at + ".id", member.id());
            if (member.id() != null && !memberIds.add(member.id()))
            {
                errors.add(new FieldError(at + ".id", "is listed twice"));
            }
            requireText(errors, at + ".name", member.name(), MAX_NAME_LENGTH);
            if (!Member.MEMBER.equals(member.role()) && !Member.ELU.equals(member.role()))
            {
                errors.add(new FieldError(at + ".role", "must be member or élu"));
            }
        }
        final Set<String> cardIds = validateCards(errors, definition.cards());
        if (!cardIds.contains(definition.consentCard()))
        {
            errors.add(new FieldError("consentCard", "must be one of the cards"));
        }
        for (int i = 0; i < definition.speakingOrder().size(); i++)
        {
            final String card = definition.speakingOrder().get(i);
            if (!cardIds.contains(card) || card.equals(definition.consentCard()))
            {
                errors.add(new FieldError("speakingOrder[" + i + "]", "must be a card other than the consent card"));
            }
        }
        return errors;
    }

    private static Set<String> validateCards(final List<FieldError> errors, final List<Card> cards)
    {
        if (cards.size() < 2 || cards.size() > MAX_CARDS)
        {
            errors.add(new FieldError("cards", "must list 2 to " + MAX_CARDS + " cards"));
        }
        final Set<String> cardIds = new HashSet<>();
        for (int i = 0; i < cards.size(); i++)
        {
            final Card card = cards.get(i);
            requireId(errors, "cards[" + i + "].id", card.id());
            if (card.id() != null && !cardIds.add(card.id()))
            {
                errors.add(new FieldError("cards[" + i + "].id", "is listed twice"));
            }
            requireText(errors, "cards[" + i + "].meaning", card.meaning(), MAX_NAME_LENGTH);
        }
        return cardIds;
    }

    /** A round's opening on its own: its id, and what its kind needs. */
    public static List<FieldError> validate(final AssemblyEvent.RoundOpened round)
    {
        final List<FieldError> errors = new ArrayList<>();
        requireId(errors, "roundId", round.roundId());
        if (round.kind() == null)
        {
            errors.add(new FieldError("kind", "must be one of consent, judgment, approval"));
            return errors;
        }
        if (round.kind() == RoundKind.CONSENT)
        {
            requireId(errors, "item", round.item());
            if (round.version() < 1)
            {
                errors.add(new FieldError("version", "must be a whole number from 1"));
            }
            requireText(errors, "text", round.text(), MAX_TEXT_LENGTH);
            if (round.answers() != null)
            {
                requireText(errors, "answers", round.answers(), MAX_TEXT_LENGTH);
            }
            return errors;
        }
        validateOptions(errors, round.options());
        if (round.kind() == RoundKind.APPROVAL && (round.choose() < 1 || round.choose() > round.options().size()))
        {
            errors.add(new FieldError("choose", "must be from 1 to the number of options"));
        }
        if (round.kind() == RoundKind.JUDGMENT)
        {
            if (round.grades().size() < 2 || round.grades().size() > MAX_GRADES)
            {
                errors.add(new FieldError("grades", "must list 2 to " + MAX_GRADES + " grades, worst first"));
            }
            for (int i = 0; i < round.grades().size(); i++)
            {
                requireText(errors, "grades[" + i + "]", round.grades().get(i), MAX_NAME_LENGTH);
            }
        }
        return errors;
    }

    private static void validateOptions(final List<FieldError> errors, final List<RoundOption> options)
    {
        if (options.isEmpty() || options.size() > MAX_OPTIONS)
        {
            errors.add(new FieldError("options", "must list 1 to " + MAX_OPTIONS + " options"));
        }
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < options.size(); i++)
        {
            final RoundOption option = options.get(i);
            requireId(errors, "options[" + i + "].id", option.id());
            if (option.id() != null && !ids.add(option.id()))
            {
                errors.add(new FieldError("options[" + i + "].id", "is listed twice"));
            }
            requireText(errors, "options[" + i + "].title", option.title(), MAX_NAME_LENGTH * 5);
        }
    }

    private static void requireId(final List<FieldError> errors, final String field, final String id)
    {
        if (!Identifiers.isValidId(id))
        {
            errors.add(new FieldError(field, ID_RULE));
        }
    }

    private static void requireText(final List<FieldError> errors, final String field, final String text,
        final int maxLength)
    {
        if (text == null || text.isBlank() || text.length() > maxLength)
        {
            errors.add(new FieldError(field, "must be a text that is not blank, at most " + maxLength + " characters"));
        }
    }
}
