package org.urne.tally.domain;

import java.util.Arrays;
import java.util.Objects;

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

    /**
     * An opinion ballot on one proposal, with an optional argument (null when none). From record format 4 an
     * argument also has its {@code sealed} facts (length, blank, tag, ciphertext); its text is null once its key is
     * destroyed (erased), and the counts read the facts, never the text. Two opinions are equal when item, choice and
     * text are: the sealed form is how a journal keeps the text, not what the ballot says.
     */
    record Opinion(int item, Choice choice, String argument, SealedArgument sealed) implements BallotContent
    {
        /** An opinion whose argument is its text alone (or none). */
        public Opinion(final int item, final Choice choice, final String argument)
        {
            this(item, choice, argument, null);
        }

        /** Whether the opinion carries an argument (its text or, once erased, its sealed facts). */
        public boolean hasArgument()
        {
            return argument != null || sealed != null;
        }

        /** Whether the opinion carries an argument that counts as one: a text that is not blank. */
        public boolean argued()
        {
            return sealed != null ? !sealed.blank() : argument != null && !argument.isBlank();
        }

        /** The argument's length in UTF-16 code units, or 0 without one. */
        public int argumentLength()
        {
            return sealed != null ? sealed.length() : argument == null ? 0 : argument.length();
        }

        /** The same opinion with its argument's text replaced (decrypted, or null once erased). */
        public Opinion withText(final String text)
        {
            return new Opinion(item, choice, text, sealed);
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Opinion other && item == other.item && choice == other.choice &&
                Objects.equals(argument, other.argument);
        }

        @Override
        public int hashCode()
        {
            return (31 * item + Objects.hashCode(choice)) * 31 + Objects.hashCode(argument);
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
