package org.urne.tally.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** {@code served[itemIndex * 3 + choice]}, each sorted by id descending. */
    private final Argument[][] served;
    private final Map<Long, Known> known;

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

    /** {@code servedLists[itemIndex * 3 + choice]} each in ascending id order (no sort needed: a reversal). */
    ArgumentView(final int itemCount, final List<Argument>[] servedLists, final List<Known> all)
    {
        this.served = new Argument[itemCount * STANCES][];
        for (int i = 0; i < served.length; i++)
        {
            final List<Argument> ascending = servedLists[i];
            final Argument[] arguments = new Argument[ascending.size()];
            for (int k = 0; k < arguments.length; k++)
            {
                arguments[k] = ascending.get(arguments.length - 1 - k);
            }
            served[i] = arguments;
        }
        final Map<Long, Known> byId = new HashMap<>();
        for (final Known argument : all)
        {
            byId.put(argument.id(), argument);
        }
        this.known = Collections.unmodifiableMap(byId);
    }

    /**
     * The page of at most {@code size} of an item's arguments of one stance whose ids are below {@code before}
     * ({@code Long.MAX_VALUE} for the first page), newest first.
     */
    public Page page(final int itemIndex, final Choice stance, final long before, final int size)
    {
        final Argument[] arguments = served[itemIndex * STANCES + stance.ordinal()];
        int low = 0;
        int high = arguments.length;
        while (low < high)
        {
            // The first index whose id is below the cursor: ids are sorted descending.
            final int middle = (low + high) >>> 1;
            if (arguments[middle].id() >= before)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        final int end = (int)Math.min(arguments.length, (long)low + size);
        final List<Argument> page = new ArrayList<>(end - low);
        page.addAll(Arrays.asList(arguments).subList(low, end));
        return new Page(Collections.unmodifiableList(page), end < arguments.length ? arguments[end - 1].id() : -1);
    }

    /** How many arguments of an item and stance are served. */
    public int servedCount(final int itemIndex, final Choice stance)
    {
        return served[itemIndex * STANCES + stance.ordinal()].length;
    }

    /** What is known of an argument of the poll, or null when the poll took no argument with this id. */
    public Known find(final long id)
    {
        return known.get(id);
    }
}
