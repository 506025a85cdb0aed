package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Key128;

class VoterKeysTest
{
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final VoterKeys keys = new VoterKeys(SECRET);

    @Test
    void aVoterKeyIsTheTruncatedMacOfTheLengthFramedInputs() throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        mac.update(HexFormat.of().parseHex("00000004"));
        mac.update("poll".getBytes(StandardCharsets.UTF_8));
        mac.update(HexFormat.of().parseHex("00000005"));
        mac.update("alice".getBytes(StandardCharsets.UTF_8));
        final String expected = HexFormat.of().formatHex(mac.doFinal()).substring(0, 32);

        assertThat(keys.voterKey("poll", "alice").toHex()).isEqualTo(expected);
    }

    @Test
    void everyKeyIsTheMacOfItsFramedFieldsWhateverTheTextAndItsLength() throws Exception
    {
        // Non-ASCII (two-, three- and four-byte UTF-8) switches a field to the slow path mid-way; a 5,000-character
        // argument grows the thread's input buffer; the keys after it show the buffer was left empty.
        final String[] texts = {"", "alice", "électeur-é", "x".repeat(127), "中文" + "y".repeat(200), "\uD83D\uDDF3 vote",
            "z".repeat(5_000), "bob"};
        for (final String text : texts)
        {
            assertThat(keys.voterKey("poll-1", text).toHex()).isEqualTo(reference(null, "poll-1", text, 16));
            assertThat(keys.ballotKey(text, "b-1").toHex()).isEqualTo(reference("ballot", text, "b-1", 16));
            assertThat(HexFormat.of().formatHex(keys.argumentTag("poll-1", text)))
                .isEqualTo(reference("argument", "poll-1", text, 16));
            assertThat(HexFormat.of().formatHex(keys.orderSeed(text))).isEqualTo(reference("order", text, null, 32));
        }
    }

    /** HMAC-SHA256 of the non-null fields, each framed by its UTF-8 length, field by field: the definition. */
    private static String reference(final String label, final String first, final String second, final int bytes)
        throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        for (final String field : new String[] {label, first, second})
        {
            if (field != null)
            {
                final byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                mac.update(new byte[] {(byte)(utf8.length >>> 24), (byte)(utf8.length >>> 16),
                    (byte)(utf8.length >>> 8), (byte)utf8.length});
                mac.update(utf8);
            }
        }
        return HexFormat.of().formatHex(mac.doFinal()).substring(0, 2 * bytes);
    }

    @Test
    void framingKeepsShiftedBoundariesApart()
    {
        assertThat(keys.voterKey("ab", "c")).isNotEqualTo(keys.voterKey("a", "bc"));
        assertThat(keys.ballotKey("ab", "c")).isNotEqualTo(keys.ballotKey("a", "bc"));
    }

    @Test
    void keysDependOnPollSecretAndPurpose()
    {
        assertThat(keys.voterKey("p1", "alice")).isEqualTo(new VoterKeys(SECRET.clone()).voterKey("p1", "alice"));
        assertThat(keys.voterKey("p1", "alice")).isNotEqualTo(keys.voterKey("p2", "alice"));
        final byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(new VoterKeys(other).voterKey("p1", "alice")).isNotEqualTo(keys.voterKey("p1", "alice"));
        assertThat(keys.ballotKey("p1", "alice")).isNotEqualTo(keys.voterKey("p1", "alice"));
    }

    @Test
    void aShortSecretIsRefusedAndTheSecretIsNeverShown()
    {
        assertThatThrownBy(() -> new VoterKeys(new byte[31])).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("32");
        assertThatThrownBy(() -> new VoterKeys(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.toString()).doesNotContain(new String(SECRET, StandardCharsets.US_ASCII))
            .doesNotContain(HexFormat.of().formatHex(SECRET));
    }

    @Test
    void threadsShareOneInstanceSafely()
    {
        final Key128 expected = keys.voterKey("poll", "voter-7");
        final ConcurrentHashMap<Key128, Boolean> seen = new ConcurrentHashMap<>();
        IntStream.range(0, 20_000).parallel().forEach(i -> seen.put(keys.voterKey("poll", "voter-" + i % 10), true));

        assertThat(seen).hasSize(10).containsKey(expected);
    }
}
