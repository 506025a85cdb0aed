package org.urne.ingest.http;

/**
 * The poll id in the path of a route taken before the router ({@link BallotRoute}, {@link ResultsRoute}): only a
 * plain identifier, exactly between {@code /v1/polls/} and the route's suffix. Anything else (percent-encoding, a
 * trailing slash, a longer path) is left to the router, which decodes and matches it as it matches every route.
 */
final class PollPath
{
    private static final String PREFIX = "/v1/polls/";

    private PollPath()
    {
    }

    /** The route's template, as docs/api.md and the OpenAPI document write it. */
    static String template(final String suffix)
    {
        return PREFIX + "{pollId}" + suffix;
    }

    /** The poll id of {@code /v1/polls/{id}<suffix>} when {@code id} is a plain identifier, else null. */
    static String id(final String path, final String suffix)
    {
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(suffix) ||
            path.length() <= PREFIX.length() + suffix.length())
        {
            return null;
        }
        final int end = path.length() - suffix.length();
        for (int i = PREFIX.length(); i < end; i++)
        {
            final char c = path.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'))
            {
                return null;
            }
        }
        return path.substring(PREFIX.length(), end);
    }
}
