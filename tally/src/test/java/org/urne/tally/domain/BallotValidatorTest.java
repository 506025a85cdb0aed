package org.urne.tally.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.urne.tally.core.RandomJournal;

/**
 * Items a ballot names: an unknown item and an item named twice are each an error at their place, in the order the
 * ballot lists them, for selections and grades alike; and a poll with more items than a word has bits is checked the
 * same way.
 */
class BallotValidatorTest
{
    private static final PollDefinition PRIORITY = RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE,
        false);
    private static final PollDefinition JUDGMENT = RandomJournal.definition(PollKind.JUDGMENT, RevotePolicy.REPLACE,
        false);

    @Test
    void namesEachUnknownOrRepeatedSelection()
    {
        assertThat(validate(PRIORITY, new BallotContent.Selection(new int[] {3, 7, 11}))).isEmpty();
        assertThat(validate(PRIORITY, new BallotContent.Selection(new int[] {7, 99, 7}))).containsExactly(
            new FieldError("selections[1]", "unknown item 99"),
            new FieldError("selections[2]", "item 7 selected twice"));
    }

    @Test
    void namesEachUnknownOrRepeatedGrade()
    {
        assertThat(validate(JUDGMENT, new BallotContent.Grades(new int[] {3, 41}, new int[] {0, 3}))).isEmpty();
        assertThat(validate(JUDGMENT, new BallotContent.Grades(new int[] {41, 5, 41, 3}, new int[] {1, 1, 2, 4})))
            .containsExactly(
                new FieldError("grades.5", "unknown item 5"),
                new FieldError("grades.41", "item 41 graded twice"),
                new FieldError("grades.3", "grade 4 is out of the scale 0 to 3"));
    }

    @Test
    void checksAPollOfManyItemsTheSameWay()
    {
        final List<Item> items = new ArrayList<>();
        for (int id = 1; id <= 100; id++)
        {
            items.add(new Item(id, "Item " + id, null, null));
        }
        final PollDefinition many = new PollDefinition("many", "Many", PollKind.PRIORITY, List.of("digital"), null,
            null, RevotePolicy.REPLACE, 1, 5, items, List.of(), 0, 0);
        assertThat(validate(many, new BallotContent.Selection(new int[] {1, 64, 65, 100}))).isEmpty();
        assertThat(validate(many, new BallotContent.Selection(new int[] {100, 65, 101, 65, 100}))).containsExactly(
            new FieldError("selections[2]", "unknown item 101"),
            new FieldError("selections[3]", "item 65 selected twice"),
            new FieldError("selections[4]", "item 100 selected twice"));
    }

    private static List<FieldError> validate(final PollDefinition poll, final BallotContent content)
    {
        return BallotValidator.validate(poll, new Ballot(poll.id(), "b-1", new Key128(1, 2), new Key128(3, 4),
            "digital", 1_000, content));
    }
}
