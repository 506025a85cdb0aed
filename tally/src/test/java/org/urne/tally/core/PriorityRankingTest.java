package org.urne.tally.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityRankingTest
{
    @Test
    void equalTotalsShareARankListedByItemId()
    {
        final Ranking ranking = PriorityRanking.rank(new long[]{5, 9, 5, 5, 1}, new int[]{40, 2, 7, 3, 1});
        assertThat(ranking.order()).containsExactly(1, 3, 2, 0, 4);
        assertThat(ranking.rank()).containsExactly(2, 1, 2, 2, 5);
    }

    @Test
    void noVotesMeansEveryItemIsFirst()
    {
        final Ranking ranking = PriorityRanking.rank(new long[]{0, 0, 0}, new int[]{3, 1, 2});
        assertThat(ranking.order()).containsExactly(1, 2, 0);
        assertThat(ranking.rank()).containsExactly(1, 1, 1);
    }
}
