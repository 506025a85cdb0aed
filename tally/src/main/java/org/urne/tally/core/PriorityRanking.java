package org.urne.tally.core;

import java.util.Arrays;

/** Priority polls: total votes descending; equal totals share a rank and are listed by item id. */
public final class PriorityRanking
{
    private PriorityRanking()
    {
    }

    /**
     * @param totals  votes per item index.
     * @param itemIds item id per item index.
     */
    public static Ranking rank(final long[] totals, final int[] itemIds)
    {
        final Integer[] boxedOrder = new Integer[totals.length];
        Arrays.setAll(boxedOrder, i -> i);
        Arrays.sort(boxedOrder, (a, b) ->
        {
            final int byTotal = Long.compare(totals[b], totals[a]);
            return byTotal != 0 ? byTotal : Integer.compare(itemIds[a], itemIds[b]);
        });
        final int[] order = new int[totals.length];
        final int[] rank = new int[totals.length];
        for (int k = 0; k < order.length; k++)
        {
            order[k] = boxedOrder[k];
            final boolean tiedWithPrevious = k > 0 && totals[order[k]] == totals[order[k - 1]];
            rank[order[k]] = tiedWithPrevious ? rank[order[k - 1]] : k + 1;
        }
        return new Ranking(order, rank);
    }
}
