package org.urne.tally.core;

import java.util.Arrays;

/**
 * Majority judgment (Balinski and Laraki). An item's majority grade is the lower median of its grades. Items are
 * ranked by majority grade; ties are broken by removing one median grade from each tied item and comparing again,
 * repeatedly; items whose profiles are equal share a rank and are listed by item id.
 *
 * <p>Counts may reach billions (a national tally sheet), so the removals are not simulated one by one. Sorting a
 * profile's n grades ascending as a[0..n-1], with m = (n - 1) / 2 the lower median, the successive medians are
 * a[m], then alternately the next one outwards: below first when n is odd (m, m-1, m+1, m-2, ...), above first
 * when n is even (m, m+1, m-1, m+2, ...). Two profiles of equal size therefore compare as those sequences do, and
 * the first difference is the first step at which either the descending walk from m or the ascending walk from
 * m+1 finds different grades: both walks are found by stepping over grade boundaries, in O(grades). All
 * arithmetic is on longs; no floating point.
 */
public final class MajorityJudgment
{
    /** The majority grade of an item nobody has graded yet. */
    public static final int NO_GRADE = -1;

    private MajorityJudgment()
    {
    }

    /** The lower median grade of a profile (counts per grade, worst first), or {@link #NO_GRADE} when empty. */
    public static int majorityGrade(final long[] profile)
    {
        final long n = total(profile);
        return n == 0 ? NO_GRADE : gradeAt(profile, (n - 1) / 2);
    }

    /**
     * Ranks items by majority judgment.
     *
     * @param profiles counts per grade (worst first) per item index; every profile has the same total, as a
     *                 poll's missing-grade rule guarantees.
     * @param itemIds  item id per item index, for listing equal items.
     */
    public static Ranking rank(final long[][] profiles, final int[] itemIds)
    {
        final Integer[] boxedOrder = new Integer[profiles.length];
        Arrays.setAll(boxedOrder, i -> i);
        Arrays.sort(boxedOrder, (a, b) ->
        {
            final int byProfile = compare(profiles[b], profiles[a]);
            return byProfile != 0 ? byProfile : Integer.compare(itemIds[a], itemIds[b]);
        });
        final int[] order = new int[profiles.length];
        final int[] rank = new int[profiles.length];
        for (int k = 0; k < order.length; k++)
        {
            order[k] = boxedOrder[k];
            final boolean tiedWithPrevious = k > 0 && compare(profiles[order[k]], profiles[order[k - 1]]) == 0;
            rank[order[k]] = tiedWithPrevious ? rank[order[k - 1]] : k + 1;
        }
        return new Ranking(order, rank);
    }

    /**
     * Compares two profiles of equal total by majority judgment: positive when {@code a} ranks above {@code b},
     * zero when the median sequences are equal (which, for equal totals, means equal profiles).
     */
    public static int compare(final long[] a, final long[] b)
    {
        final long n = total(a);
        if (n != total(b))
        {
            throw new IllegalArgumentException("profiles of different sizes: " + n + " and " + total(b));
        }
        if (n == 0)
        {
            return 0;
        }
        final long m = (n - 1) / 2;
        final long below = lastDifferenceAtOrBelow(a, b, m);
        final long above = firstDifferenceAbove(a, b, m, n);
        if (below < 0 && above < 0)
        {
            return 0;
        }
        final long index;
        if (below < 0)
        {
            index = above;
        }
        else if (above < 0)
        {
            index = below;
        }
        else
        {
            index = step(below, m, n) < step(above, m, n) ? below : above;
        }
        return Integer.compare(gradeAt(a, index), gradeAt(b, index));
    }

    /** The step of the median sequence at which sorted index i is removed. */
    private static long step(final long i, final long m, final long n)
    {
        final boolean odd = (n & 1) == 1;
        if (i == m)
        {
            return 0;
        }
        if (i < m)
        {
            final long j = m - i;
            return odd ? 2 * j - 1 : 2 * j;
        }
        final long j = i - m;
        return odd ? 2 * j : 2 * j - 1;
    }

    /** The greatest sorted index i <= m where the two profiles' grades differ, or -1. */
    private static long lastDifferenceAtOrBelow(final long[] a, final long[] b, final long m)
    {
        long i = m;
        while (i >= 0)
        {
            final int gradeA = gradeAt(a, i);
            final int gradeB = gradeAt(b, i);
            if (gradeA != gradeB)
            {
                return i;
            }
            // Both profiles hold this grade down to the larger of their runs' starts: jump there.
            i = Math.max(cumulativeBefore(a, gradeA), cumulativeBefore(b, gradeB)) - 1;
        }
        return -1;
    }

    /** The least sorted index i > m (and < n) where the two profiles' grades differ, or -1. */
    private static long firstDifferenceAbove(final long[] a, final long[] b, final long m, final long n)
    {
        long i = m + 1;
        while (i < n)
        {
            final int gradeA = gradeAt(a, i);
            final int gradeB = gradeAt(b, i);
            if (gradeA != gradeB)
            {
                return i;
            }
            i = Math.min(cumulativeBefore(a, gradeA) + a[gradeA], cumulativeBefore(b, gradeB) + b[gradeB]);
        }
        return -1;
    }

    /** The grade at sorted index i (0-based, ascending) of a profile. */
    private static int gradeAt(final long[] profile, final long i)
    {
        long seen = 0;
        for (int grade = 0; grade < profile.length; grade++)
        {
            seen += profile[grade];
            if (i < seen)
            {
                return grade;
            }
        }
        throw new IllegalArgumentException("index " + i + " beyond profile of " + seen);
    }

    private static long cumulativeBefore(final long[] profile, final int grade)
    {
        long sum = 0;
        for (int g = 0; g < grade; g++)
        {
            sum += profile[g];
        }
        return sum;
    }

    private static long total(final long[] profile)
    {
        long sum = 0;
        for (final long count : profile)
        {
            sum = Math.addExact(sum, count);
        }
        return sum;
    }
}
