package org.urne.ingest.security;

import java.util.Locale;

/** What a token may do (docs/api.md, "Authentication and roles"). */
public enum Role
{
    /** A voting platform: posts ballots of the channels its token grants (digital by default). */
    PLATFORM,
    /** An operator: posts ballots of any channel and tally sheets, defines, opens and closes polls. */
    OPERATOR,
    /**
     * A stand agent: types paper ballots, annuls them and enters tally sheets, for the polls and stands its token
     * names, and nothing else.
     */
    PAPER,
    /** An assembly's facilitator: opens and closes its rounds, records presence, enters cards on members' behalf. */
    FACILITATOR,
    /** A projector's or the members' phones' read-only view of one assembly: counts, never anyone's card. */
    VIEWER;

    /** The configuration's and the API's name: {@code platform}, {@code operator}, {@code paper},
     * {@code facilitator}, {@code viewer}. */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role fromWire(final String name)
    {
        for (final Role role : values())
        {
            if (role.name().toLowerCase(Locale.ROOT).equals(name))
            {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role " + name + "; use platform, operator, paper, facilitator " +
            "or viewer");
    }
}
