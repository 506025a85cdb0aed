package org.urne.tally.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of texts as their UTF-8 bytes, and digests in the lowercase hex the API and the seal show them in. */
public final class Sha256
{
    /** The length of a digest, in bytes. */
    public static final int LENGTH = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Sha256()
    {
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes. */
    public static byte[] ofUtf8(final String text)
    {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}. */
    public static byte[] of(final byte[] bytes)
    {
        return newDigest().digest(bytes);
    }

    /** A SHA-256 digest to feed piece by piece (not thread-safe: one per thread or per owner). */
    public static MessageDigest newDigest()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException e)
        {
            // Every Java platform must provide SHA-256 (MessageDigest's specification).
            throw new IllegalStateException(e);
        }
    }

    /** {@code bytes} as lowercase hex, two characters a byte. */
    public static String hex(final byte[] bytes)
    {
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            out[2 * i] = HEX[(bytes[i] >>> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
