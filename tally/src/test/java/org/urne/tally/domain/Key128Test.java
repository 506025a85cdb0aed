package org.urne.tally.domain;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The wire form of keys: the 202's receipt is written as bytes, and must be the key in lowercase hex, as
 * {@link Key128#toHex} gives it.
 */
class Key128Test
{
    @Property
    void hexIntoWritesTheBytesOfToHexAndNothingElse(
        @ForAll final long hi, @ForAll final long lo, @ForAll @IntRange(max = 8) final int at)
    {
        final Key128 key = new Key128(hi, lo);
        final byte[] out = new byte[at + 32 + 3];
        Arrays.fill(out, (byte)'#');
        key.hexInto(out, at);
        assertThat(new String(out, at, 32, US_ASCII)).isEqualTo(String.format("%016x%016x", hi, lo))
            .isEqualTo(key.toHex());
        assertThat(Key128.fromHex(key.toHex())).isEqualTo(key);
        for (int i = 0; i < out.length; i++)
        {
            if (i < at || i >= at + 32)
            {
                assertThat(out[i]).as("byte %d, outside the key", i).isEqualTo((byte)'#');
            }
        }
    }
}
