package org.urne.ingest.security;

import java.util.List;

/**
 * An authenticated token holder.
 *
 * @param name     the token's configured name; used for rate limits, never the token itself.
 * @param role     what it may do.
 * @param channels the ballot channels a platform may post (operators may post any).
 * @param assembly the one assembly a facilitator or viewer token is for; null for the other roles.
 */
public record Caller(String name, Role role, List<String> channels, String assembly)
{
    public Caller(final String name, final Role role, final List<String> channels)
    {
        this(name, role, channels, null);
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
}
