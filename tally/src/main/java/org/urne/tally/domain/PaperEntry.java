package org.urne.tally.domain;

import java.util.Locale;

/** How a poll's tally sheets are entered: once, or twice by two different tokens that must agree. */
public enum PaperEntry
{
    /** A sheet counts as soon as it is entered (and a later entry of the same sheet replaces it). */
    SINGLE,
    /** A sheet counts once two different tokens have entered the same figures for it. */
    DOUBLE;

    /** The JSON name: {@code single}, {@code double}. */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value a JSON name stands for, or null. */
    public static PaperEntry fromWire(final String name)
    {
        for (final PaperEntry entry : values())
        {
            if (entry.wireName().equals(name))
            {
                return entry;
            }
        }
        return null;
    }
}
