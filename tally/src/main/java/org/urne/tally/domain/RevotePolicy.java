package org.urne.tally.domain;

import java.util.Locale;

/** What a later ballot of the same voter (or, for opinion polls, voter and proposal) does. */
public enum RevotePolicy
{
    /** The voter's latest ballot (by castAt, then journal position) counts; the earlier one leaves the counts. */
    REPLACE,
    /** The first ballot in journal order counts; every later one is rejected with a reason. */
    FIRST;

    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RevotePolicy fromWire(final String name)
    {
        for (final RevotePolicy policy : values())
        {
            if (policy.wireName().equals(name))
            {
                return policy;
            }
        }
        return null;
    }
}
