package org.urne.tally.core;

/**
 * A cheap deterministic 64-bit hash of tally state, the same in every JVM (it never uses identity or enum hash
 * codes), so two cores that applied the same journal prefix can be compared by one number. Tables are hashed
 * without regard to slot order, so the hash depends on what is stored, not on how the table grew.
 */
public final class StateHash
{
    private StateHash()
    {
    }

    public static long mix(final long h, final long value)
    {
        long x = (h ^ value) * 0x9E3779B97F4A7C15L;
        x ^= x >>> 32;
        x *= 0xD6E8FEB86659FD93L;
        return x ^ (x >>> 32);
    }

    public static long mix(final long h, final long[] values)
    {
        long x = mix(h, values.length);
        for (final long value : values)
        {
            x = mix(x, value);
        }
        return x;
    }

    public static long mix(final long h, final int[] values)
    {
        long x = mix(h, values.length);
        for (final int value : values)
        {
            x = mix(x, value);
        }
        return x;
    }

    public static long of(final String text)
    {
        if (text == null)
        {
            return 0x6E756C6CL;
        }
        long x = text.length();
        for (int i = 0; i < text.length(); i++)
        {
            x = mix(x, text.charAt(i));
        }
        return x;
    }

    /**
     * One table entry's share of an unordered hash: tables sum their entries' shares, so the hash depends on what
     * they store, not on where.
     */
    public static long entry(final long[] words)
    {
        long x = 0x51ED2701L;
        for (final long word : words)
        {
            x = mix(x, word);
        }
        return x;
    }
}
