package org.urne.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.urne.ingest.config.UrneConfig;

/**
 * Finds the caller behind a bearer token. Tokens are configured as SHA-256 hashes; the presented token is hashed
 * and compared with every configured hash in constant time, so neither a match's position nor a prefix leaks
 * through timing.
 */
public final class TokenAuthenticator
{
    private static final String BEARER = "Bearer ";

    private final byte[][] hashes;
    private final Caller[] callers;

    public TokenAuthenticator(final List<UrneConfig.Token> tokens)
    {
        hashes = new byte[tokens.size()][];
        callers = new Caller[tokens.size()];
        for (int i = 0; i < tokens.size(); i++)
        {
            final UrneConfig.Token token = tokens.get(i);
            if (token.sha256() == null || token.sha256().length() != 64)
            {
                throw new IllegalArgumentException("token " + token.name() + ": sha256 must be 64 hex characters");
            }
            hashes[i] = HexFormat.of().parseHex(token.sha256().toLowerCase(Locale.ROOT));
            callers[i] = new Caller(token.name(), Role.fromWire(token.role()), token.channels());
        }
    }

    /** The caller for an {@code Authorization} header value, or null when missing or unknown. */
    public Caller authenticate(final String authorization)
    {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return null;
        }
        final String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > 1024)
        {
            return null;
        }
        final byte[] presented = sha256(token);
        Caller found = null;
        for (int i = 0; i < hashes.length; i++)
        {
            if (MessageDigest.isEqual(presented, hashes[i]))
            {
                found = callers[i];
            }
        }
        return found;
    }

    static byte[] sha256(final String token)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** The hex SHA-256 of a token, as configuration files hold it. */
    public static String sha256Hex(final String token)
    {
        return HexFormat.of().formatHex(sha256(token));
    }
}
