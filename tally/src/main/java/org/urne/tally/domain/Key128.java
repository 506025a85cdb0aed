package org.urne.tally.domain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A 128-bit key: a keyed voter id or a ballot receipt. Both come from HMAC-SHA256 truncated to 128 bits, so they
 * are uniformly distributed and collide with negligible probability even across a country's voters.
 */
public record Key128(long hi, long lo)
{
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Reads a digest's bytes as big-endian longs, without a buffer per key. */
    private static final VarHandle BIG_ENDIAN_LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** A digest's first 128 bits, big-endian: how every key here is cut from its HMAC or SHA-256. */
    public static Key128 ofDigest(final byte[] digest)
    {
        return new Key128((long)BIG_ENDIAN_LONGS.get(digest, 0), (long)BIG_ENDIAN_LONGS.get(digest, Long.BYTES));
    }

    /**
     * The 64-bit hash the in-memory tables index a key by (the core's indexes, the readers' receipt index): the
     * halves folded and mixed. Keys are HMAC outputs, uniform already; the mix is for keys that are not (tests).
     */
    public static long hash(final long hi, final long lo)
    {
        long x = hi ^ Long.rotateLeft(lo, 29);
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    /** 32 lowercase hex characters, the form receipts take on the wire. */
    public String toHex()
    {
        final byte[] out = new byte[32];
        hexInto(out, 0);
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** The {@link #toHex} form as 32 ASCII bytes written into {@code out} from {@code at}, without a String. */
    public void hexInto(final byte[] out, final int at)
    {
        for (int i = 0; i < 16; i++)
        {
            out[at + 15 - i] = HEX[(int)(hi >>> (i * 4)) & 0xF];
            out[at + 31 - i] = HEX[(int)(lo >>> (i * 4)) & 0xF];
        }
    }

    /** Parses 32 lowercase hex characters, or returns null when the text is not exactly that. */
    public static Key128 fromHex(final CharSequence text)
    {
        if (text == null || text.length() != 32)
        {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 32; i++)
        {
            final char c = text.charAt(i);
            final int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0)
            {
                return null;
            }
            if (i < 16)
            {
                hi = (hi << 4) | digit;
            }
            else
            {
                lo = (lo << 4) | digit;
            }
        }
        return new Key128(hi, lo);
    }

    @Override
    public String toString()
    {
        return toHex();
    }
}
