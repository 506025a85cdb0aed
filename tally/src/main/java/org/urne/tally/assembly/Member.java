package org.urne.tally.assembly;

/**
 * A member of an assembly: both roles raise cards and vote; an élu's red card says "as it stands, I will not carry
 * this action to the municipal board".
 *
 * @param id   1-64 characters of {@code [A-Za-z0-9_-]}, unique in the assembly.
 * @param name what the assembly calls them (never in public output unless published).
 * @param role {@link #MEMBER} or {@link #ELU}.
 */
public record Member(String id, String name, String role)
{
    public static final String MEMBER = "member";
    public static final String ELU = "élu";
}
