package org.urne.tally.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link FingerprintsAside} against a plain map, every 32-bit value included: all ones is the map's empty mark. */
class FingerprintsAsideTest
{
    private static final long[] EDGES = {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL};

    @Property(tries = 200)
    void itHoldsWhatAMapHolds(@ForAll final long seed)
    {
        final Random random = new Random(seed);
        final FingerprintsAside aside = new FingerprintsAside();
        final Map<Integer, Long> model = new HashMap<>();
        for (int step = 0; step < 2_000; step++)
        {
            final int row = random.nextInt(300);
            final int dice = random.nextInt(10);
            if (dice < 6)
            {
                final long fingerprint = random.nextInt(3) == 0 ? EDGES[random.nextInt(EDGES.length)] :
                    random.nextLong() & 0xFFFF_FFFFL;
                aside.put(row, fingerprint);
                model.put(row, fingerprint);
            }
            else if (dice < 8)
            {
                aside.remove(row);
                model.remove(row);
            }
            else if (model.containsKey(row))
            {
                assertThat(aside.get(row)).isEqualTo(model.get(row));
            }
        }
        model.forEach((row, fingerprint) -> assertThat(aside.get(row)).as("row %d", row).isEqualTo(fingerprint));
    }

    @Test
    void allOnesIsHeldAndReplacedLikeAnyOtherValue()
    {
        final FingerprintsAside aside = new FingerprintsAside();
        aside.put(7, 0xFFFF_FFFFL);
        assertThat(aside.get(7)).isEqualTo(0xFFFF_FFFFL);
        aside.put(7, 42);
        assertThat(aside.get(7)).isEqualTo(42);
        aside.put(7, 0xFFFF_FFFFL);
        assertThat(aside.get(7)).isEqualTo(0xFFFF_FFFFL);
        aside.remove(7);
        assertThatThrownBy(() -> aside.get(7)).isInstanceOf(IllegalStateException.class);
    }
}
