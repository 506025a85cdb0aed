package org.urne.tally.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.urne.tally.domain.Choice;

/**
 * One opinion poll's arguments as the tally agent publishes them, immutable and safe to read from any thread: per
 * item and stance, the arguments served to the public (their vote counts, not hidden, not erased), newest first,
 * and what moderation knows of every argument the poll ever took.
 */
public final class ArgumentView
{
    /** The most arguments one page of the API holds. */
    public static final int PAGE_SIZE = 50;

    private static final int STANCES = Choice.values().length;

    /** {@code served[itemIndex * 3 + choice]}, in ascending id order (pages go the other way). */
    private final IdOrdered<Argument>[] served;
    private final IdOrdered<Known> known;

    /**
     * One argument served.
     *
     * @param id       the argument's id: the journal position of the ballot record that carried it, which says
     *                 nothing about its voter (the journal, which links the two, is not public).
     * @param stance   the opinion it argues.
     * @param text     its text.
     * @param atMicros the server's time of its record, microseconds since the epoch.
     */
    public record Argument(long id, Choice stance, String text, long atMicros)
    {
    }

    /**
     * What is known of any argument of the poll, served or not.
     *
     * @param id           its id.
     * @param itemIndex    its item's index in definition order.
     * @param counted      whether its vote counts now.
     * @param hiddenReason why moderation hid it, or null when it is not hidden.
     * @param erased       whether its text was erased.
     */
    public record Known(long id, int itemIndex, boolean counted, String hiddenReason, boolean erased)
    {
    }

    /**
     * One page of arguments.
     *
     * @param arguments the arguments, newest first, at most the page's size.
     * @param next      the cursor of the next page (the id of this page's last argument), or -1 when none follows.
     */
    public record Page(List<Argument> arguments, long next)
    {
    }

    /** {@code served[itemIndex * 3 + choice]}; {@code known} holds every argument the poll took. */
    ArgumentView(final IdOrdered<Argument>[] served, final IdOrdered<Known> known)
    {
        this.served = served;
        this.known = known;
    }

    /**
     * The page of at most {@code size} of an item's arguments of one stance whose ids are below {@code before}
     * ({@code Long.MAX_VALUE} for the first page), newest first.
     */
    public Page page(final int itemIndex, final Choice stance, final long before, final int size)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("a page holds at least one argument, not " + size);
        }
        final IdOrdered<Argument> arguments = served[itemIndex * STANCES + stance.ordinal()];
        final int below = arguments.countBelow(before);
        final int from = Math.max(0, below - size);
        final List<Argument> page = new ArrayList<>(below - from);
        for (int index = below - 1; index >= from; index--)
        {
            page.add(arguments.get(index));
        }
        return new Page(Collections.unmodifiableList(page), from > 0 ? arguments.get(from).id() : -1);
    }

    /** How many arguments of an item and stance are served. */
    public int servedCount(final int itemIndex, final Choice stance)
    {
        return served[itemIndex * STANCES + stance.ordinal()].size();
    }

    /** What is known of an argument of the poll, or null when the poll took no argument with this id. */
    public Known find(final long id)
    {
        return known.find(id);
    }
}
