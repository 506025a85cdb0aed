package org.urne.tally.domain;

import java.util.Arrays;

/**
 * What a journal of format 4 knows of an opinion's argument besides its text: the facts the counting rules need
 * (its length and whether it is blank), a keyed tag that tells a retry from another text without the text, and,
 * once the journal encrypted it, the ciphertext (the record's side section). The text's key is kept outside the
 * journal ({@code ArgumentKeys}); destroying it erases the text, and these facts keep every count as it was.
 *
 * @param length UTF-16 code units of the text, as {@code maxArgumentLength} counts them.
 * @param blank  whether the text is blank (an argument that counts as none).
 * @param tag    HMAC of the text under a key derived from the deployment's secret, 16 bytes; null when the producer
 *               had no secret (the fingerprint of a retry then falls back on the text).
 * @param cipher the side section: a 12-byte nonce, then the AES-GCM ciphertext and its 16-byte tag; null until
 *               the journal encrypted the text.
 */
public record SealedArgument(int length, boolean blank, byte[] tag, byte[] cipher)
{
    /** The length of {@link #tag}. */
    public static final int TAG_LENGTH = 16;

    /** The facts of a text, before it is encrypted. */
    public static SealedArgument of(final String text, final byte[] tag)
    {
        return new SealedArgument(text.length(), text.isBlank(), tag, null);
    }

    /** The same facts with the ciphertext. */
    public SealedArgument encrypted(final byte[] ciphertext)
    {
        return new SealedArgument(length, blank, tag, ciphertext);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof SealedArgument other && length == other.length && blank == other.blank &&
            Arrays.equals(tag, other.tag) && Arrays.equals(cipher, other.cipher);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * length + Boolean.hashCode(blank)) + Arrays.hashCode(tag);
    }

    @Override
    public String toString()
    {
        return "SealedArgument[length=" + length + (blank ? " blank" : "") + (cipher == null ? "" : " encrypted") + "]";
    }
}
