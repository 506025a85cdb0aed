package org.urne.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.urne.ingest.config.UrneConfig;

/**
 * Finds the caller behind a bearer token. Tokens are configured as SHA-256 hashes; the presented token is hashed
 * and compared with every configured hash in constant time, so neither a match's position nor a prefix leaks
 * through timing.
 *
 * <p>A platform sends the same token with every ballot, and hashing it each time cost about as much as parsing the
 * ballot. So a token that authenticated once is remembered, under a hash keyed by a secret drawn at start (an
 * attacker cannot aim at an entry), with its bytes compared in constant time on each use; anything not found
 * there takes the full path. Only tokens that matched are remembered, so the memory is bounded by the configured
 * tokens.
 */
public final class TokenAuthenticator
{
    private static final String BEARER = "Bearer ";

    private final byte[][] hashes;
    private final Caller[] callers;
    private final long cacheKey = new SecureRandom().nextLong();
    private final ConcurrentHashMap<Long, Verified> verified = new ConcurrentHashMap<>();

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
            final Role role = Role.fromWire(token.role());
            if (role == Role.PAPER && (token.polls() == null || token.polls().isEmpty()))
            {
                throw new IllegalArgumentException("token " + token.name() + ": a paper token names its polls " +
                    "(polls: [...]), and may name its stands (stands: [...])");
            }
            final boolean forAnAssembly = role == Role.FACILITATOR || role == Role.VIEWER;
            if (forAnAssembly != (token.assembly() != null))
            {
                throw new IllegalArgumentException("token " + token.name() + ": assembly names the one assembly of " +
                    "a facilitator or viewer token, and only theirs");
            }
            callers[i] = new Caller(token.name(), role, token.channels(), role == Role.PAPER ? token.polls() : null,
                role == Role.PAPER ? token.stands() : null, token.assembly());
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
        final Verified known = verified.get(keyedHash(token));
        if (known != null && MessageDigest.isEqual(known.token, token.getBytes(StandardCharsets.UTF_8)))
        {
            return known.caller;
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
        if (found != null)
        {
            verified.put(keyedHash(token), new Verified(token.getBytes(StandardCharsets.UTF_8), found));
        }
        return found;
    }

    /** A 64-bit hash of the token under this process's secret key: a lookup key, not a proof (see the class). */
    private long keyedHash(final String token)
    {
        long h = cacheKey;
        for (int i = 0; i < token.length(); i++)
        {
            h = (h ^ token.charAt(i)) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        return h;
    }

    /** A token that matched a configured hash, and whose it is. */
    private record Verified(byte[] token, Caller caller)
    {
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
