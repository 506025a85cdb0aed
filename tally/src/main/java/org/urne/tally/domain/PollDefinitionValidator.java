package org.urne.tally.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks a poll definition on its own (no state): every problem is reported with the field it is in. */
public final class PollDefinitionValidator
{
    public static final int MAX_TITLE_LENGTH = 1_000;
    public static final int MAX_CHANNELS = 16;
    public static final int MAX_ITEMS = 10_000;
    public static final int MAX_GRADES = 64;
    public static final int MAX_ARGUMENT_LENGTH = 100_000;
    /** A day: a commitment a day is the least a vote of a few weeks needs to be checkable. */
    public static final int MAX_COMMIT_EVERY = 86_400;
    public static final int MAX_STANDS = 1_000;

    private PollDefinitionValidator()
    {
    }

    public static List<FieldError> validate(final PollDefinition definition)
    {
        final List<FieldError> errors = new ArrayList<>();
        if (!Identifiers.isValidId(definition.id()))
        {
            errors.add(new FieldError("id", "must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-'"));
        }
        requireText(errors, "title", definition.title(), MAX_TITLE_LENGTH);
        if (definition.kind() == null)
        {
            errors.add(new FieldError("kind", "must be one of opinion, priority, judgment"));
        }
        if (definition.revote() == null)
        {
            errors.add(new FieldError("revote", "must be one of replace, first"));
        }
        validateChannels(errors, definition.channels());
        if (definition.opensAt() != null && definition.closesAt() != null &&
            !definition.opensAt().isBefore(definition.closesAt()))
        {
            errors.add(new FieldError("closesAt", "must be after opensAt"));
        }
        if (definition.sheetsUntil() != null && definition.closesAt() != null &&
            definition.sheetsUntil().isBefore(definition.closesAt()))
        {
            errors.add(new FieldError("sheetsUntil", "must not be before closesAt"));
        }
        if (definition.publication() == null)
        {
            errors.add(new FieldError("publication", "must be one of live, at-close, at-seal"));
        }
        if (definition.commitEvery() < 1 || definition.commitEvery() > MAX_COMMIT_EVERY)
        {
            errors.add(new FieldError("commitEvery", "must be an integer from 1 to " + MAX_COMMIT_EVERY + " (seconds)"));
        }
        validateItems(errors, definition.items());
        validateStands(errors, definition.stands());
        if (definition.paperEntry() == null)
        {
            errors.add(new FieldError("paperEntry", "must be one of single, double"));
        }
        if (definition.proposals() == null)
        {
            errors.add(new FieldError("proposals", "must be one of operators, citizens"));
        }
        else if (definition.proposals() == Proposals.CITIZENS && definition.kind() != PollKind.OPINION)
        {
            errors.add(new FieldError("proposals", "only an opinion poll takes items while it runs"));
        }
        if (definition.orderSeedSha256() != null && !definition.orderSeedSha256().matches("[0-9a-f]{64}"))
        {
            errors.add(new FieldError("orderSeedSha256", "must be 64 lowercase hex characters"));
        }
        if (definition.kind() != null)
        {
            validateKindSpecific(errors, definition);
        }
        return errors;
    }

    private static void validateChannels(final List<FieldError> errors, final List<String> channels)
    {
        if (channels.isEmpty() || channels.size() > MAX_CHANNELS)
        {
            errors.add(new FieldError("channels", "must name 1 to " + MAX_CHANNELS + " channels"));
        }
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < channels.size(); i++)
        {
            final String channel = channels.get(i);
            if (!Identifiers.isValidId(channel) || channel.length() > 32)
            {
                errors.add(new FieldError("channels[" + i + "]", "must be 1-32 characters of A-Z, a-z, 0-9, '_', '-'"));
            }
            else if (!seen.add(channel))
            {
                errors.add(new FieldError("channels[" + i + "]", "duplicate channel " + channel));
            }
        }
    }

    private static void validateItems(final List<FieldError> errors, final List<Item> items)
    {
        if (items.isEmpty() || items.size() > MAX_ITEMS)
        {
            errors.add(new FieldError("items", "must hold 1 to " + MAX_ITEMS + " items"));
        }
        final Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++)
        {
            final Item item = items.get(i);
            if (item.id() < 0)
            {
                errors.add(new FieldError("items[" + i + "].id", "must be 0 or more"));
            }
            else if (!seen.add(item.id()))
            {
                errors.add(new FieldError("items[" + i + "].id", "duplicate item id " + item.id()));
            }
            validateTexts(errors, "items[" + i + "].", item);
        }
    }

    /**
     * The problems with an item added to a running poll, each naming its field ({@code title}, {@code group},
     * {@code subject}, {@code description}, {@code link}); empty when none. Its id is the journal's to give.
     */
    public static List<FieldError> validateAdded(final Item item)
    {
        final List<FieldError> errors = new ArrayList<>();
        validateTexts(errors, "", item);
        return errors;
    }

    private static void validateTexts(final List<FieldError> errors, final String prefix, final Item item)
    {
        requireText(errors, prefix + "title", item.title(), MAX_TITLE_LENGTH);
        optionalText(errors, prefix + "group", item.group());
        optionalText(errors, prefix + "subject", item.subject());
        if (item.description() != null)
        {
            requireText(errors, prefix + "description", item.description(), Item.MAX_DESCRIPTION_LENGTH);
        }
        validateLink(errors, prefix + "link", item.link());
    }

    /**
     * An item's link is shown as a link on the results page, so only an absolute http or https address with a host
     * is taken: no {@code javascript:} or {@code data:} address can reach a visitor's click.
     */
    private static void validateLink(final List<FieldError> errors, final String field, final String link)
    {
        if (link == null)
        {
            return;
        }
        if (link.length() > Item.MAX_LINK_LENGTH)
        {
            errors.add(new FieldError(field, "must be at most " + Item.MAX_LINK_LENGTH + " characters"));
            return;
        }
        try
        {
            final URI uri = new URI(link);
            final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null)
            {
                errors.add(new FieldError(field, "must be an absolute http or https address, such as " +
                    "https://example.org/proposal-12"));
            }
        }
        catch (final URISyntaxException ex)
        {
            errors.add(new FieldError(field, "is not an address: " + ex.getReason() + " at character " +
                ex.getIndex()));
        }
    }

    private static void validateStands(final List<FieldError> errors, final List<Stand> stands)
    {
        if (stands.size() > MAX_STANDS)
        {
            errors.add(new FieldError("stands", "at most " + MAX_STANDS + " stands"));
            return;
        }
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < stands.size(); i++)
        {
            final Stand stand = stands.get(i);
            final String field = "stands[" + i + "]";
            if (!Identifiers.isValidId(stand.id()))
            {
                errors.add(new FieldError(field + ".id", "must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-'"));
            }
            else if (!ids.add(stand.id()))
            {
                errors.add(new FieldError(field + ".id", "stand " + stand.id() + " is declared twice"));
            }
            requireText(errors, field + ".name", stand.name(), Stand.MAX_NAME_LENGTH);
            if (stand.neighbourhood() != null && stand.neighbourhood().length() > Stand.MAX_NAME_LENGTH)
            {
                errors.add(new FieldError(field + ".neighbourhood",
                    "must be at most " + Stand.MAX_NAME_LENGTH + " characters"));
            }
        }
    }

    private static void validateKindSpecific(final List<FieldError> errors, final PollDefinition definition)
    {
        final PollKind kind = definition.kind();
        if (kind == PollKind.PRIORITY)
        {
            if (definition.minSelections() < 1)
            {
                errors.add(new FieldError("minSelections", "must be 1 or more"));
            }
            if (definition.maxSelections() < definition.minSelections())
            {
                errors.add(new FieldError("maxSelections", "must be at least minSelections"));
            }
            if (definition.maxSelections() > definition.items().size())
            {
                errors.add(new FieldError("maxSelections", "must not exceed the number of items"));
            }
        }
        else if (definition.minSelections() != 0 || definition.maxSelections() != 0)
        {
            errors.add(new FieldError("minSelections", "only priority polls have selection limits"));
        }

        if (kind == PollKind.JUDGMENT)
        {
            final List<String> grades = definition.grades();
            if (grades.size() < 2 || grades.size() > MAX_GRADES)
            {
                errors.add(new FieldError("grades", "must hold 2 to " + MAX_GRADES + " grades, worst first"));
            }
            for (int i = 0; i < grades.size(); i++)
            {
                requireText(errors, "grades[" + i + "]", grades.get(i), 200);
            }
            if (definition.missingGrade() < 0 || definition.missingGrade() >= Math.max(1, grades.size()))
            {
                errors.add(new FieldError("missingGrade", "must be a grade index, 0 to " + (grades.size() - 1)));
            }
        }
        else if (!definition.grades().isEmpty() || definition.missingGrade() != 0)
        {
            errors.add(new FieldError("grades", "only judgment polls have a grade scale"));
        }

        if (kind == PollKind.OPINION)
        {
            if (definition.maxArgumentLength() < 0 || definition.maxArgumentLength() > MAX_ARGUMENT_LENGTH)
            {
                errors.add(new FieldError("maxArgumentLength", "must be 0 to " + MAX_ARGUMENT_LENGTH));
            }
        }
        else if (definition.maxArgumentLength() != 0)
        {
            errors.add(new FieldError("maxArgumentLength", "only opinion polls take arguments"));
        }
    }

    private static void requireText(final List<FieldError> errors, final String field, final String text, final int max)
    {
        if (text == null || text.isBlank())
        {
            errors.add(new FieldError(field, "must not be empty"));
        }
        else if (text.length() > max)
        {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void optionalText(final List<FieldError> errors, final String field, final String text)
    {
        if (text != null && text.length() > MAX_TITLE_LENGTH)
        {
            errors.add(new FieldError(field, "must be at most " + MAX_TITLE_LENGTH + " characters"));
        }
    }
}
