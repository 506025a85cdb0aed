package org.urne.tally.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a tally sheet against its poll's definition (no state). Besides shapes, it checks what a box can hold:
 * no item gets more marks than the box held ballots, since each ballot marks an item at most once.
 */
public final class TallySheetValidator
{
    public static final int MAX_STAND_LENGTH = 500;

    private TallySheetValidator()
    {
    }

    public static List<FieldError> validate(final PollDefinition poll, final TallySheet sheet)
    {
        final List<FieldError> errors = new ArrayList<>();
        if (!Identifiers.isValidId(sheet.sheetId()))
        {
            errors.add(new FieldError("sheetId", "must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-'"));
        }
        if (sheet.stand() == null || sheet.stand().isBlank() || sheet.stand().length() > MAX_STAND_LENGTH)
        {
            errors.add(new FieldError("stand", "must be 1 to " + MAX_STAND_LENGTH + " characters"));
        }
        else if (!poll.stands().isEmpty() && poll.standIndex(sheet.stand()) < 0)
        {
            errors.add(new FieldError("stand", "unknown stand " + sheet.stand() + "; this poll's stands are " +
                BallotValidator.standIds(poll)));
        }
        optionalFigure(errors, "blank", sheet.blank());
        optionalFigure(errors, "spoiled", sheet.spoiled());
        optionalFigure(errors, "signatures", sheet.signatures());
        if (poll.channelIndex(sheet.channel()) < 0)
        {
            errors.add(new FieldError("channel", "unknown channel " + sheet.channel() + "; this poll takes " +
                String.join(", ", poll.channels())));
        }
        if (sheet.ballots() < 0)
        {
            errors.add(new FieldError("ballots", "must be 0 or more"));
        }
        if (sheet.items() == null || sheet.counts() == null || sheet.items().length != sheet.counts().length)
        {
            errors.add(new FieldError("counts", "one entry per item"));
            return errors;
        }
        final int cells = poll.cellsPerItem();
        final Set<Integer> seen = new HashSet<>();
        long allMarks = 0;
        for (int i = 0; i < sheet.items().length; i++)
        {
            final int item = sheet.items()[i];
            final String field = "counts." + item;
            if (!BallotValidator.hasItem(poll, item))
            {
                errors.add(new FieldError(field, "unknown item " + item));
                continue;
            }
            if (!seen.add(item))
            {
                errors.add(new FieldError(field, "item " + item + " counted twice"));
                continue;
            }
            final long[] counts = sheet.counts()[i];
            if (counts == null || counts.length != cells)
            {
                errors.add(new FieldError(field, expectedShape(poll)));
                continue;
            }
            long marks = 0;
            for (final long count : counts)
            {
                if (count < 0)
                {
                    errors.add(new FieldError(field, "counts must be 0 or more"));
                    marks = -1;
                    break;
                }
                marks = saturatingAdd(marks, count);
            }
            if (marks > sheet.ballots())
            {
                errors.add(new FieldError(field, "item " + item + " has " + marks + " marks but the box held " +
                    sheet.ballots() + " ballots"));
            }
            allMarks = saturatingAdd(allMarks, Math.max(marks, 0));
        }
        final long capacity = sheet.ballots() * (long)poll.maxSelections();
        if (poll.kind() == PollKind.PRIORITY && sheet.ballots() >= 0 && sheet.ballots() <= Integer.MAX_VALUE &&
            allMarks > capacity)
        {
            errors.add(new FieldError("counts", "the items have " + allMarks + " marks in all, but " +
                sheet.ballots() + " ballots of at most " + poll.maxSelections() + " selections hold at most " +
                capacity));
        }
        return errors;
    }

    private static void optionalFigure(final List<FieldError> errors, final String field, final long value)
    {
        if (value < 0 && value != TallySheet.NOT_GIVEN)
        {
            errors.add(new FieldError(field, "must be 0 or more"));
        }
    }

    private static String expectedShape(final PollDefinition poll)
    {
        return switch (poll.kind())
        {
            case PRIORITY -> "a priority sheet gives one count per item";
            case OPINION -> "an opinion sheet gives {\"for\": n, \"mixed\": n, \"against\": n} per item";
            case JUDGMENT -> "a judgment sheet gives " + poll.grades().size() + " counts per item, worst grade first";
        };
    }

    private static long saturatingAdd(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
