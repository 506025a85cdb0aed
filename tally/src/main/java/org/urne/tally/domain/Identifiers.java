package org.urne.tally.domain;

/** The shape of ids that appear in URLs and journal records: poll ids, ballot ids, sheet ids, channel names. */
public final class Identifiers
{
    public static final int MAX_ID_LENGTH = 64;

    private Identifiers()
    {
    }

    /** True for 1-64 characters of {@code [A-Za-z0-9_-]}. */
    public static boolean isValidId(final String id)
    {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < id.length(); i++)
        {
            final char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'))
            {
                return false;
            }
        }
        return true;
    }
}
