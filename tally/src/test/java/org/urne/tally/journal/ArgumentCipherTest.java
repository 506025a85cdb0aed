package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The per-thread cipher is initialised afresh for each text, so a text that does not open spoils none after it. */
class ArgumentCipherTest
{
    private static final byte[] KEY_ID = "key id".getBytes(StandardCharsets.US_ASCII);

    @Test
    void eachTextOpensUnderItsOwnKeyWhateverCameBefore()
    {
        final byte[] key = ArgumentCipher.newKey();
        final byte[] other = ArgumentCipher.newKey();
        final byte[] first = ArgumentCipher.encrypt(key, KEY_ID, bytes("Indispensable pour les quartiers nord"));
        final byte[] second = ArgumentCipher.encrypt(other, KEY_ID, bytes("Trop cher"));
        final byte[] again = ArgumentCipher.encrypt(key, KEY_ID, bytes("Indispensable pour les quartiers nord"));
        assertThat(again).as("a fresh nonce each time").isNotEqualTo(first);

        final byte[] damaged = first.clone();
        damaged[damaged.length - 1] ^= 1;
        assertThat(ArgumentCipher.decrypt(key, KEY_ID, damaged)).isNull();
        assertThat(ArgumentCipher.decrypt(other, KEY_ID, first)).as("another key's").isNull();
        assertThat(ArgumentCipher.decrypt(key, "other id".getBytes(StandardCharsets.US_ASCII), first)).isNull();

        assertThat(ArgumentCipher.decrypt(key, KEY_ID, first)).isEqualTo(bytes("Indispensable pour les quartiers nord"));
        assertThat(ArgumentCipher.decrypt(other, KEY_ID, second)).isEqualTo(bytes("Trop cher"));
        assertThat(ArgumentCipher.decrypt(key, KEY_ID, again)).isEqualTo(bytes("Indispensable pour les quartiers nord"));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
