package org.urne.ingest.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Key128;
import org.urne.tally.journal.VoterKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The display order is stable per voter, a permutation, uniform over positions and over adjacent pairs, and
 * independent from one poll to another: measured over 100,000 voters with fixed seeds (so the statistics never
 * flake) against chi-square bounds at p = 10^-6 (Wilson-Hilferty), which a biased shuffle (a swap drawn from the
 * whole range, a modulo bias large enough to matter, a stream reused across polls) exceeds by far.
 */
class DisplayOrderTest
{
    private static final int ITEMS = 40;
    private static final int VOTERS = 100_000;
    private static final VoterKeys KEYS = new VoterKeys(
        "a display order secret for the tests, longer than 32 bytes".getBytes(StandardCharsets.US_ASCII));
    private static final int[] IDS = IntStream.rangeClosed(1, ITEMS).toArray();

    @Test
    void aVoterAlwaysGetsTheSameOrderAndItIsAPermutation()
    {
        final byte[] seed = KEYS.orderSeed("votation");
        final Key128 voter = KEYS.voterKey("votation", "u-1842");
        final int[] first = DisplayOrder.of(seed, voter, IDS);
        assertThat(DisplayOrder.of(seed, voter, IDS)).isEqualTo(first);
        assertThat(Arrays.stream(first).sorted().toArray()).isEqualTo(IDS);
        assertThat(first).isNotEqualTo(IDS);
        assertThat(DisplayOrder.of(seed, KEYS.voterKey("votation", "u-1843"), IDS)).isNotEqualTo(first);
        assertThat(DisplayOrder.of(seed, voter, new int[]{7})).containsExactly(7);
        assertThat(DisplayOrder.of(seed, voter, new int[0])).isEmpty();
    }

    @Test
    void positionsAndAdjacentPairsAreUniformAndPollsIndependent()
    {
        final byte[] seedA = KEYS.orderSeed("votation");
        final byte[] seedB = KEYS.orderSeed("consultation");
        final long[][] positions = new long[ITEMS][ITEMS];
        final long[][] pairs = new long[ITEMS][ITEMS];
        final long[][] acrossPolls = new long[ITEMS][ITEMS];
        for (int v = 0; v < VOTERS; v++)
        {
            final String voter = "voter-" + v;
            final int[] a = DisplayOrder.of(seedA, KEYS.voterKey("votation", voter), IDS);
            final int[] b = DisplayOrder.of(seedB, KEYS.voterKey("consultation", voter), IDS);
            for (int p = 0; p < ITEMS; p++)
            {
                positions[a[p] - 1][p]++;
                if (p + 1 < ITEMS)
                {
                    pairs[a[p] - 1][a[p + 1] - 1]++;
                }
            }
            // Where item 1 lands in one poll against where it lands in the other, for the same voter.
            acrossPolls[indexOf(a, 1)][indexOf(b, 1)]++;
        }
        final double expectedCell = (double)VOTERS / ITEMS;
        assertThat(chiSquare(positions, expectedCell, false)).as("items by position")
            .isLessThan(critical((ITEMS - 1) * (ITEMS - 1)));
        final double expectedPair = (double)VOTERS * (ITEMS - 1) / (ITEMS * (ITEMS - 1));
        assertThat(chiSquare(pairs, expectedPair, true)).as("adjacent ordered pairs")
            .isLessThan(critical(ITEMS * (ITEMS - 1) - 1));
        assertThat(chiSquare(acrossPolls, (double)VOTERS / (ITEMS * ITEMS), false)).as("item 1 in two polls")
            .isLessThan(critical((ITEMS - 1) * (ITEMS - 1)));
    }

    private static int indexOf(final int[] order, final int id)
    {
        for (int i = 0; i < order.length; i++)
        {
            if (order[i] == id)
            {
                return i;
            }
        }
        throw new AssertionError(id + " missing");
    }

    private static double chiSquare(final long[][] counts, final double expected, final boolean skipDiagonal)
    {
        double chi = 0;
        for (int i = 0; i < counts.length; i++)
        {
            for (int j = 0; j < counts[i].length; j++)
            {
                if (skipDiagonal && i == j)
                {
                    assertThat(counts[i][j]).isZero();
                    continue;
                }
                final double d = counts[i][j] - expected;
                chi += d * d / expected;
            }
        }
        return chi;
    }

    /** The chi-square value exceeded with probability 10^-6 at {@code df} degrees of freedom (Wilson-Hilferty). */
    private static double critical(final int df)
    {
        final double z = 4.753;
        final double a = 2.0 / (9.0 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }
}
