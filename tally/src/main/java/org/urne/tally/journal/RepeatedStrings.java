package org.urne.tally.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The short strings a journal repeats in record after record (a ballot's poll id and channel, the name of the token
 * that sent it), decoded once and handed out again: a replay decoded them as new strings for every record, a quarter
 * of its time (JFR, docs/benchmarks.md, "What limits what is left"). A direct-mapped cache of {@value #SLOTS} entries keyed by the
 * string's bytes: a string that is not repeated costs one copy of its bytes and evicts whatever shared its slot.
 * One per thread ({@link #forThisThread}); a decoder hands out only strings whose bytes it checked as UTF-8 when it
 * first decoded them.
 */
final class RepeatedStrings
{
    private static final int SLOTS = 256;
    /** Longer strings are item texts and the like, rarely repeated: they are decoded every time. */
    static final int MAX_LENGTH = 64;
    private static final ThreadLocal<RepeatedStrings> PER_THREAD = ThreadLocal.withInitial(RepeatedStrings::new);

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    static RepeatedStrings forThisThread()
    {
        return PER_THREAD.get();
    }

    /** The string these bytes decoded to before, or null; {@code length} is at most {@link #MAX_LENGTH}. */
    String find(final byte[] bytes, final int offset, final int length)
    {
        final int slot = slot(bytes, offset, length);
        final byte[] key = keys[slot];
        return key != null && Arrays.equals(key, 0, key.length, bytes, offset, offset + length) ? values[slot] : null;
    }

    /** Decodes well-formed UTF-8 bytes and keeps the string for the next time; at most {@link #MAX_LENGTH} bytes. */
    String decode(final byte[] bytes, final int offset, final int length)
    {
        final String value = new String(bytes, offset, length, StandardCharsets.UTF_8);
        final int slot = slot(bytes, offset, length);
        keys[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
        values[slot] = value;
        return value;
    }

    private static int slot(final byte[] bytes, final int offset, final int length)
    {
        int hash = length;
        for (int i = offset; i < offset + length; i++)
        {
            hash = 31 * hash + bytes[i];
        }
        return (hash ^ hash >>> 16) & (SLOTS - 1);
    }
}
