package org.urne.tally.domain;

import java.nio.charset.StandardCharsets;

/**
 * Checks bytes are well-formed UTF-8 as RFC 3629 and Unicode's table 3-7 define it: no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF, no truncated sequence, no continuation byte out of place. JSON parsers
 * tolerate some of these or replace them with U+FFFD; a ballot that says something other than what was sent must
 * be refused instead. Used on HTTP bodies and on the journal's strings, so both refuse exactly the same bytes. Also
 * encodes text for the core, which imports nothing of {@code java.nio}.
 */
public final class Utf8
{
    public static final int WELL_FORMED = -1;

    private Utf8()
    {
    }

    /** The UTF-8 bytes of {@code text}: for the core, which keeps clear of {@code java.nio} (CorePurityTest). */
    public static byte[] encode(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The offset of the first byte of the first ill-formed sequence in {@code bytes[offset, offset + length)}, or -1. */
    public static int firstIllFormed(final byte[] bytes, final int offset, final int length)
    {
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            final int lead = bytes[i] & 0xFF;
            if (lead < 0x80)
            {
                i++;
                continue;
            }
            final int size;
            int low = 0x80;
            int high = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF)
            {
                size = 2;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                size = 3;
                low = lead == 0xE0 ? 0xA0 : low;
                high = lead == 0xED ? 0x9F : high;
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                size = 4;
                low = lead == 0xF0 ? 0x90 : low;
                high = lead == 0xF4 ? 0x8F : high;
            }
            else
            {
                return i;
            }
            if (i + size > end)
            {
                return i;
            }
            final int second = bytes[i + 1] & 0xFF;
            if (second < low || second > high)
            {
                return i;
            }
            for (int k = 2; k < size; k++)
            {
                final int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF)
                {
                    return i;
                }
            }
            i += size;
        }
        return WELL_FORMED;
    }
}
