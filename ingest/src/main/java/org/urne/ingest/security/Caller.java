package org.urne.ingest.security;

import java.util.List;

/**
 * An authenticated token holder.
 *
 * @param name     the token's configured name; used for rate limits, never the token itself.
 * @param role     what it may do.
 * @param channels the ballot channels a platform may post (operators may post any; a paper token, paper).
 * @param polls    the polls a paper token works on; null for the other roles.
 * @param stands   the stands a paper token works at; null for every stand of its polls (and the other roles).
 * @param assembly the one assembly a facilitator or viewer token is for; null for the other roles.
 */
public record Caller(String name, Role role, List<String> channels, List<String> polls, List<String> stands,
    String assembly)
{
    /** A platform or operator. */
    public Caller(final String name, final Role role, final List<String> channels)
    {
        this(name, role, channels, null, null, null);
    }

    /** A paper token (or a platform or operator): for no assembly. */
    public Caller(final String name, final Role role, final List<String> channels, final List<String> polls,
        final List<String> stands)
    {
        this(name, role, channels, polls, stands, null);
    }

    /** True when this caller may act on (or, for a viewer, read) {@code assemblyId} in one of its roles. */
    public boolean mayUse(final String assemblyId)
    {
        return role == Role.OPERATOR || assemblyId.equals(assembly);
    }

    public boolean mayPost(final String channel)
    {
        return role == Role.OPERATOR || channels.contains(channel);
    }

    /**
     * Whether it may enter paper (typed ballots, sheets, annulments) for this poll's stand: an operator anywhere, a
     * paper token within its polls and stands; {@code stand} null when the record names none.
     */
    public boolean mayEnterPaper(final String pollId, final String stand)
    {
        if (role == Role.OPERATOR)
        {
            return true;
        }
        return role == Role.PAPER && polls.contains(pollId) && (stands == null || stands.contains(stand));
    }

    /** Whether it may read this poll's stands and sheets, and which: an operator all, a paper token its own. */
    public boolean mayReadPaper(final String pollId)
    {
        return role == Role.OPERATOR || role == Role.PAPER && polls.contains(pollId);
    }

    /** Whether a paper reader sees this stand. */
    public boolean seesStand(final String stand)
    {
        return role == Role.OPERATOR || stands == null || stands.contains(stand);
    }
}
