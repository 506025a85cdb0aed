package org.urne.tally.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MajorityJudgmentTest
{
    @Test
    void majorityGradeIsTheLowerMedian()
    {
        assertThat(MajorityJudgment.majorityGrade(new long[]{1, 0, 0})).isEqualTo(0);
        assertThat(MajorityJudgment.majorityGrade(new long[]{0, 1, 1, 1})).isEqualTo(2);
        // Even count: grades 0,0,3,3 -> lower median is 0, not the mean.
        assertThat(MajorityJudgment.majorityGrade(new long[]{2, 0, 0, 2})).isEqualTo(0);
        // Even count: 1,1,2,2 -> lower median 1.
        assertThat(MajorityJudgment.majorityGrade(new long[]{0, 2, 2})).isEqualTo(1);
        assertThat(MajorityJudgment.majorityGrade(new long[]{0, 0, 0})).isEqualTo(MajorityJudgment.NO_GRADE);
    }

    @Test
    void tiesOnTheMajorityGradeAreBrokenByRemovingMedians()
    {
        // Both have majority grade 2 ("Passable"). A: 0,2,2,2,4 ; B: 1,2,2,2,3.
        // Remove medians: A -> 0,2,2,4 (median 2) -> 0,2,4 -> 2 ... sequence 2,2,2,0,4
        // B -> 2,2,2,1,3. Third difference: at step 3, A gives 0 and B gives 1: B ranks above.
        final long[] a = {1, 0, 3, 0, 1};
        final long[] b = {0, 1, 3, 1, 0};
        assertThat(MajorityJudgment.compare(b, a)).isPositive();
        assertThat(MajorityJudgment.compare(a, b)).isNegative();
    }

    @Test
    void evenCountsRemoveAboveTheLowerMedianSecond()
    {
        // A: 1,2,3,3 -> sequence 2,3,1,3. B: 1,2,2,4 -> sequence 2,2,1,4: A ranks above (3 > 2 at step 2).
        assertThat(MajorityJudgment.compare(new long[]{0, 1, 1, 2, 0}, new long[]{0, 1, 2, 0, 1})).isPositive();
    }

    @Test
    void equalProfilesShareARankAndAreListedByItemId()
    {
        final long[][] profiles = {{1, 2, 1}, {0, 4, 0}, {1, 2, 1}, {0, 0, 4}};
        final Ranking ranking = MajorityJudgment.rank(profiles, new int[]{30, 10, 20, 40});
        assertThat(ranking.order()).containsExactly(3, 1, 2, 0);
        assertThat(ranking.rank()).containsExactly(3, 2, 3, 1);
    }

    @Test
    void countsInTheBillionsAreExactAndFast()
    {
        // A national sheet: 3,000,000,001 voters. The two profiles differ by one voter moving up a grade
        // far from the median; iterative removal one by one would take billions of steps.
        final long[] a = {1_000_000_000L, 1_000_000_001L, 1_000_000_000L};
        final long[] b = {999_999_999L, 1_000_000_002L, 1_000_000_000L};
        assertThat(MajorityJudgment.majorityGrade(a)).isEqualTo(1);
        assertThat(MajorityJudgment.compare(b, a)).isPositive();
        final long[] c = {999_999_999L, 1_000_000_001L, 1_000_000_001L};
        assertThat(MajorityJudgment.compare(c, b)).isPositive();
        assertThat(MajorityJudgment.compare(a, a.clone())).isZero();
    }

    @Test
    void profilesOfDifferentSizesAreRefused()
    {
        assertThatThrownBy(() -> MajorityJudgment.compare(new long[]{1, 1}, new long[]{1, 2}))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 3000)
    void fastComparisonEqualsIterativeMedianRemoval(@ForAll("profilePairs") final Tuple.Tuple2<long[], long[]> pair)
    {
        final int expected = Integer.signum(iterativeCompare(pair.get1(), pair.get2()));
        assertThat(Integer.signum(MajorityJudgment.compare(pair.get1(), pair.get2()))).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Tuple.Tuple2<long[], long[]>> profilePairs()
    {
        return Arbitraries.integers().between(2, 5).flatMap(grades ->
            Arbitraries.integers().between(0, 9).flatMap(size ->
                Arbitraries.integers().between(0, grades - 1).list().ofSize(size).tuple2().map(t ->
                {
                    final List<Integer> other = new ArrayList<>(t.get2());
                    while (other.size() < size)
                    {
                        other.add(0);
                    }
                    return Tuple.of(profile(t.get1(), grades), profile(other.subList(0, size), grades));
                })));
    }

    private static long[] profile(final List<Integer> grades, final int scale)
    {
        final long[] profile = new long[scale];
        for (final int grade : grades)
        {
            profile[grade]++;
        }
        return profile;
    }

    /** Balinski and Laraki's definition, literally: compare medians, remove one each, repeat. */
    private static int iterativeCompare(final long[] a, final long[] b)
    {
        final List<Integer> left = expand(a);
        final List<Integer> right = expand(b);
        while (!left.isEmpty())
        {
            final int medianLeft = left.remove((left.size() - 1) / 2);
            final int medianRight = right.remove((right.size() - 1) / 2);
            if (medianLeft != medianRight)
            {
                return Integer.compare(medianLeft, medianRight);
            }
        }
        return 0;
    }

    private static List<Integer> expand(final long[] profile)
    {
        final List<Integer> grades = new ArrayList<>();
        for (int grade = 0; grade < profile.length; grade++)
        {
            grades.addAll(Collections.nCopies((int)profile[grade], grade));
        }
        return grades;
    }
}
