package org.urne.tally.domain;

import java.util.Arrays;

/** What a ballot says; one shape per poll kind, plus withdrawal. */
public sealed interface BallotContent
{
    /** Means "the whole ballot" where a withdrawal names no item (priority and judgment polls). */
    int NO_ITEM = Integer.MIN_VALUE;

    /** A priority ballot: the ids of the selected items, in the order the voter gave them. */
    record Selection(int[] items) implements BallotContent
    {
        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Selection other && Arrays.equals(items, other.items);
        }

        @Override
        public int hashCode()
        {
            return Arrays.hashCode(items);
        }

        @Override
        public String toString()
        {
            return "Selection" + Arrays.toString(items);
        }
    }

    /** An opinion ballot on one proposal, with an optional argument (null when none). */
    record Opinion(int item, Choice choice, String argument) implements BallotContent
    {
        /** Whether the opinion carries an argument that counts as one: a text that is not blank. */
        public boolean argued()
        {
            return argument != null && !argument.isBlank();
        }
    }

    /** A judgment ballot: {@code grades[i]} is the grade index given to item {@code items[i]}. */
    record Grades(int[] items, int[] grades) implements BallotContent
    {
        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Grades other && Arrays.equals(items, other.items) && Arrays.equals(grades, other.grades);
        }

        @Override
        public int hashCode()
        {
            return 31 * Arrays.hashCode(items) + Arrays.hashCode(grades);
        }

        @Override
        public String toString()
        {
            return "Grades" + Arrays.toString(items) + "=" + Arrays.toString(grades);
        }
    }

    /** Takes the voter's ballot out of the counts: for opinion polls on {@code item}, otherwise {@link #NO_ITEM}. */
    record Withdrawal(int item) implements BallotContent
    {
    }
}
