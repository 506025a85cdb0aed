package org.urne.tally.domain;

import java.util.Locale;

/** An opinion on a proposal, in the order results list them. */
public enum Choice
{
    FOR, MIXED, AGAINST;

    private static final Choice[] VALUES = values();

    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Choice fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    public static Choice fromWire(final String name)
    {
        for (final Choice choice : VALUES)
        {
            if (choice.wireName().equals(name))
            {
                return choice;
            }
        }
        return null;
    }
}
