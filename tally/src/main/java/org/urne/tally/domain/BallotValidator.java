package org.urne.tally.domain;

import java.util.ArrayList;
import java.util.List;

/** Checks a ballot against its poll's definition (no state): unknown items, limits, scale, channel. */
public final class BallotValidator
{
    private static final String PAPER_CHANNEL = "paper";

    private BallotValidator()
    {
    }

    public static List<FieldError> validate(final PollDefinition poll, final Ballot ballot)
    {
        final List<FieldError> errors = new ArrayList<>();
        if (!Identifiers.isValidId(ballot.ballotId()))
        {
            errors.add(new FieldError("ballotId", "must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-'"));
        }
        if (poll.channelIndex(ballot.channel()) < 0)
        {
            errors.add(new FieldError("channel", "unknown channel " + ballot.channel() + "; this poll takes " +
                String.join(", ", poll.channels())));
        }
        validateStand(errors, poll, ballot);
        final BallotContent content = ballot.content();
        if (content instanceof BallotContent.Withdrawal withdrawal)
        {
            validateWithdrawal(errors, poll, withdrawal);
        }
        else if (content instanceof BallotContent.Selection selection)
        {
            validateSelection(errors, poll, selection);
        }
        else if (content instanceof BallotContent.Opinion opinion)
        {
            validateOpinion(errors, poll, opinion);
        }
        else if (content instanceof BallotContent.Grades grades)
        {
            validateGrades(errors, poll, grades);
        }
        else
        {
            errors.add(new FieldError("$", "a ballot gives selections, item and choice, grades, or withdraw"));
        }
        return errors;
    }

    /**
     * A paper ballot typed at a stand names it (one of the declared stands, when the poll declares them) and carries
     * a castAt within the poll's window; no other ballot names a stand.
     */
    private static void validateStand(final List<FieldError> errors, final PollDefinition poll, final Ballot ballot)
    {
        final boolean paper = PAPER_CHANNEL.equals(ballot.channel());
        final String stand = ballot.stand();
        if (stand == null)
        {
            if (paper && !poll.stands().isEmpty())
            {
                errors.add(new FieldError("stand", "a paper ballot names its stand, one of " + standIds(poll)));
            }
            return;
        }
        if (!paper)
        {
            errors.add(new FieldError("stand", "only a paper ballot typed at a stand names a stand"));
        }
        else if (!poll.stands().isEmpty() && poll.standIndex(stand) < 0)
        {
            errors.add(new FieldError("stand", "unknown stand " + stand + "; this poll's stands are " +
                standIds(poll)));
        }
        else if (stand.isBlank() || stand.length() > TallySheetValidator.MAX_STAND_LENGTH)
        {
            errors.add(new FieldError("stand", "must be 1 to " + TallySheetValidator.MAX_STAND_LENGTH + " characters"));
        }
        final long opensAt = poll.opensAtMicros();
        final long closesAt = poll.closesAtMicros();
        if (opensAt != PollDefinition.NO_TIME && ballot.castAt() < opensAt ||
            closesAt != PollDefinition.NO_TIME && ballot.castAt() > closesAt)
        {
            errors.add(new FieldError("castAt", "a typed ballot's castAt (the time on the stand's form; required " +
                "once the poll has closed) must lie within the poll's window, " + poll.opensAt() + " to " +
                poll.closesAt()));
        }
    }

    /** The declared stands' ids, for messages. */
    static String standIds(final PollDefinition poll)
    {
        final List<String> ids = new ArrayList<>();
        for (final Stand stand : poll.stands())
        {
            ids.add(stand.id());
        }
        return String.join(", ", ids);
    }

    private static void validateWithdrawal(
        final List<FieldError> errors, final PollDefinition poll, final BallotContent.Withdrawal withdrawal)
    {
        if (poll.kind() == PollKind.OPINION)
        {
            if (!hasItem(poll, withdrawal.item()))
            {
                errors.add(new FieldError("item", withdrawal.item() == BallotContent.NO_ITEM ?
                    "an opinion withdrawal names the proposal it withdraws from" : "unknown item " + withdrawal.item()));
            }
        }
        else if (withdrawal.item() != BallotContent.NO_ITEM)
        {
            errors.add(new FieldError("item", "a " + poll.kind().wireName() + " withdrawal names no item"));
        }
    }

    private static void validateSelection(
        final List<FieldError> errors, final PollDefinition poll, final BallotContent.Selection selection)
    {
        if (poll.kind() != PollKind.PRIORITY)
        {
            errors.add(kindMismatch("selections", poll));
            return;
        }
        final int[] items = selection.items();
        if (items == null)
        {
            errors.add(new FieldError("selections", "is required"));
            return;
        }
        if (items.length < poll.minSelections() || items.length > poll.maxSelections())
        {
            errors.add(new FieldError("selections", "select " + range(poll.minSelections(), poll.maxSelections()) +
                " items; this ballot selects " + items.length));
        }
        final ItemsSeen seen = new ItemsSeen(poll);
        for (int i = 0; i < items.length; i++)
        {
            final int index = indexOfItem(poll, items[i]);
            if (index < 0)
            {
                errors.add(new FieldError("selections[" + i + "]", "unknown item " + items[i]));
            }
            else if (!seen.add(index))
            {
                errors.add(new FieldError("selections[" + i + "]", "item " + items[i] + " selected twice"));
            }
        }
    }

    private static void validateOpinion(
        final List<FieldError> errors, final PollDefinition poll, final BallotContent.Opinion opinion)
    {
        if (poll.kind() != PollKind.OPINION)
        {
            errors.add(kindMismatch("choice", poll));
            return;
        }
        if (!hasItem(poll, opinion.item()))
        {
            errors.add(new FieldError("item", "unknown item " + opinion.item()));
        }
        if (opinion.choice() == null)
        {
            errors.add(new FieldError("choice", "must be one of for, mixed, against"));
        }
        if (opinion.hasArgument() && opinion.argumentLength() > poll.maxArgumentLength())
        {
            errors.add(new FieldError("argument", "must be at most " + poll.maxArgumentLength() + " characters"));
        }
    }

    private static void validateGrades(
        final List<FieldError> errors, final PollDefinition poll, final BallotContent.Grades grades)
    {
        if (poll.kind() != PollKind.JUDGMENT)
        {
            errors.add(kindMismatch("grades", poll));
            return;
        }
        if (grades.items() == null || grades.grades() == null || grades.items().length == 0 ||
            grades.items().length != grades.grades().length)
        {
            errors.add(new FieldError("grades", "grade at least one item"));
            return;
        }
        final ItemsSeen seen = new ItemsSeen(poll);
        for (int i = 0; i < grades.items().length; i++)
        {
            final int item = grades.items()[i];
            final int grade = grades.grades()[i];
            final int index = indexOfItem(poll, item);
            if (index < 0)
            {
                errors.add(new FieldError("grades." + item, "unknown item " + item));
            }
            else if (!seen.add(index))
            {
                errors.add(new FieldError("grades." + item, "item " + item + " graded twice"));
            }
            if (grade < 0 || grade >= poll.grades().size())
            {
                errors.add(new FieldError("grades." + item, "grade " + grade + " is out of the scale 0 to " +
                    (poll.grades().size() - 1)));
            }
        }
    }

    static boolean hasItem(final PollDefinition poll, final int itemId)
    {
        return indexOfItem(poll, itemId) >= 0;
    }

    /** The item's position in the poll's definition, or -1. */
    private static int indexOfItem(final PollDefinition poll, final int itemId)
    {
        final List<Item> items = poll.items();
        for (int index = 0; index < items.size(); index++)
        {
            if (items.get(index).id() == itemId)
            {
                return index;
            }
        }
        return -1;
    }

    /**
     * The items a ballot named so far, by their position in the poll: a bit of one word for the first 64 (every poll
     * so far), an array beyond. A ballot is validated on the event loop, where a hash set of boxed ids per ballot
     * was 2 % of the server's allocation (JFR, under bench/open-model.sh).
     */
    private static final class ItemsSeen
    {
        private long first64;
        private final boolean[] beyond;

        ItemsSeen(final PollDefinition poll)
        {
            final int items = poll.items().size();
            beyond = items > Long.SIZE ? new boolean[items - Long.SIZE] : null;
        }

        /** Whether the item at {@code index} was not named before; it is from now on. */
        boolean add(final int index)
        {
            if (index < Long.SIZE)
            {
                final long bit = 1L << index;
                final boolean added = (first64 & bit) == 0;
                first64 |= bit;
                return added;
            }
            final boolean added = !beyond[index - Long.SIZE];
            beyond[index - Long.SIZE] = true;
            return added;
        }
    }

    private static FieldError kindMismatch(final String field, final PollDefinition poll)
    {
        final String expected = switch (poll.kind())
        {
            case PRIORITY -> "selections";
            case OPINION -> "item and choice";
            case JUDGMENT -> "grades";
        };
        return new FieldError(field, "this is a " + poll.kind().wireName() + " poll: a ballot gives " + expected);
    }

    private static String range(final int min, final int max)
    {
        return min == max ? String.valueOf(min) : min + " to " + max;
    }
}
