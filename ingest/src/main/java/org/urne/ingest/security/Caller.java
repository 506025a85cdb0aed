package org.urne.ingest.security;

import java.util.List;

/**
 * An authenticated token holder.
 *
 * @param name     the token's configured name; used for rate limits, never the token itself.
 * @param role     what it may do.
 * @param channels the ballot channels a platform may post (operators may post any).
 */
public record Caller(String name, Role role, List<String> channels)
{
    public boolean mayPost(final String channel)
    {
        return role == Role.OPERATOR || channels.contains(channel);
    }
}
