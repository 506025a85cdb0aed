package org.urne.tally.domain;

import java.util.Locale;

/** What a ballot of a poll says, and so how it is counted. */
public enum PollKind
{
    /** For / mixed / against on one proposal at a time; the counted unit is (voter, proposal). */
    OPINION,
    /** A set of items between the poll's selection limits; the counted unit is the voter. */
    PRIORITY,
    /** A grade for each item on the poll's scale, ranked by majority judgment; the unit is the voter. */
    JUDGMENT;

    /** The name used on the wire and in definitions. */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, or returns null when it names no kind. */
    public static PollKind fromWire(final String name)
    {
        for (final PollKind kind : values())
        {
            if (kind.wireName().equals(name))
            {
                return kind;
            }
        }
        return null;
    }
}
