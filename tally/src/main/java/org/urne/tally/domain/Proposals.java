package org.urne.tally.domain;

import java.util.Locale;

/** Who may add items to an open opinion poll (docs/api.md, "Items added during the vote"). */
public enum Proposals
{
    /** Operators only: the default, and every poll of record formats 1 to 3. */
    OPERATORS,
    /** Operators, and the voting platform on a citizen's behalf, naming the proposer by their voter id. */
    CITIZENS;

    /** The JSON name: {@code operators}, {@code citizens}. */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value a JSON name stands for, or null. */
    public static Proposals fromWire(final String name)
    {
        for (final Proposals proposals : values())
        {
            if (proposals.wireName().equals(name))
            {
                return proposals;
            }
        }
        return null;
    }
}
