package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A string is found again only by its exact bytes, wherever they sit in a buffer; a slot's next string evicts it. */
class RepeatedStringsTest
{
    @Test
    void findsAStringByItsBytesOnly()
    {
        final RepeatedStrings strings = new RepeatedStrings();
        final byte[] first = "..clermont-2022-votation..".getBytes(StandardCharsets.UTF_8);
        assertThat(strings.find(first, 2, 22)).isNull();
        final String decoded = strings.decode(first, 2, 22);
        assertThat(decoded).isEqualTo("clermont-2022-votation");

        final byte[] elsewhere = "clermont-2022-votation".getBytes(StandardCharsets.UTF_8);
        assertThat(strings.find(elsewhere, 0, elsewhere.length)).isSameAs(decoded);
        assertThat(strings.find(elsewhere, 0, elsewhere.length - 1)).as("a prefix").isNull();
        final byte[] changed = "clermont-2022-votatiom".getBytes(StandardCharsets.UTF_8);
        assertThat(strings.find(changed, 0, changed.length)).isNull();

        first[10] = 'X';
        assertThat(strings.find(elsewhere, 0, elsewhere.length)).as("the cache copied the bytes").isSameAs(decoded);
    }

    @Test
    void manyStringsEvictEachOtherButNeverAnswerWrongly()
    {
        final RepeatedStrings strings = new RepeatedStrings();
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 5_000; i++)
            {
                final byte[] bytes = ("channel-" + i).getBytes(StandardCharsets.UTF_8);
                final String found = strings.find(bytes, 0, bytes.length);
                assertThat(found == null ? strings.decode(bytes, 0, bytes.length) : found).isEqualTo("channel-" + i);
            }
        }
    }
}
