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
