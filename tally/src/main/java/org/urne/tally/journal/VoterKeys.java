package org.urne.tally.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.SealedArgument;

/**
 * The keying function every entry point uses before anything reaches the journal: a raw voter id becomes
 * HMAC-SHA256(secret, pollId, voterId) and a ballot's key HMAC-SHA256(secret, "ballot", pollId, ballotId),
 * both truncated to their first 128 bits. Each input is framed by its UTF-8 length (a 4-byte big-endian prefix), so
 * ("ab", "c") and ("a", "bc") key differently, and the ballot key's leading label keeps ballot and voter keys apart.
 * The key is per poll, so the same person is unlinkable across polls. Thread-safe; each thread reuses its own
 * {@link Mac}.
 */
public final class VoterKeys
{
    /** 256 bits, SHA-256's output size: a shorter secret would be the weakest part of the MAC. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] BALLOT_LABEL = "ballot".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ORDER_LABEL = "order".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ARGUMENT_LABEL = "argument".getBytes(StandardCharsets.UTF_8);

    private final ThreadLocal<Mac> macs;

    /**
     * @param secret at least {@link #MIN_SECRET_BYTES} bytes; copied, so the caller may wipe its array.
     * @throws IllegalArgumentException if the secret is null or too short.
     */
    public VoterKeys(final byte[] secret)
    {
        if (secret == null || secret.length < MIN_SECRET_BYTES)
        {
            throw new IllegalArgumentException("the voter key secret must be at least " + MIN_SECRET_BYTES +
                " bytes, got " + (secret == null ? "none" : secret.length));
        }
        final SecretKeySpec key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> newMac(key));
        // Fails here, at start-up, rather than on the first ballot if the JVM lacks the algorithm.
        macs.get();
    }

    /** The keyed id of a voter in a poll: the only form of the voter id that is ever stored. */
    public Key128 voterKey(final String pollId, final String rawVoterId)
    {
        final Mac mac = macs.get();
        update(mac, pollId.getBytes(StandardCharsets.UTF_8));
        update(mac, rawVoterId.getBytes(StandardCharsets.UTF_8));
        return truncate(mac.doFinal());
    }

    /**
     * A ballot's key: what the journal holds instead of the platform's ballotId (which the platform may link to the
     * voter), and the receipt the voter gets back and can look the ballot's status up by. Format version 1 journaled
     * the ballotId and a receipt keyed with the label "receipt": a retry that crosses an upgrade mid-vote gets another
     * key (docs/operations.md: upgrade between votes).
     */
    public Key128 ballotKey(final String pollId, final String ballotId)
    {
        final Mac mac = macs.get();
        update(mac, BALLOT_LABEL);
        update(mac, pollId.getBytes(StandardCharsets.UTF_8));
        update(mac, ballotId.getBytes(StandardCharsets.UTF_8));
        return truncate(mac.doFinal());
    }

    /**
     * A poll's display-order seed: the key of the stream each voter's order of the items is drawn from. Derived, so it
     * needs no storage and is the same on every server holding the secret; revealing it reveals nothing else.
     */
    public byte[] orderSeed(final String pollId)
    {
        final Mac mac = macs.get();
        update(mac, ORDER_LABEL);
        update(mac, pollId.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal();
    }

    /**
     * An argument's tag (record format 4): HMAC(secret, "argument", poll, text), 16 bytes. It tells a retry of a
     * ballot from another text under the same ballotId without the text, which erasure destroys; it cannot be
     * checked against a guess without the secret.
     */
    public byte[] argumentTag(final String pollId, final String text)
    {
        final Mac mac = macs.get();
        update(mac, ARGUMENT_LABEL);
        update(mac, pollId.getBytes(StandardCharsets.UTF_8));
        update(mac, text.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac.doFinal(), SealedArgument.TAG_LENGTH);
    }

    /** The opinion of {@code content} with its argument's facts and tag, ready to be encrypted; else as it is. */
    public BallotContent tagArgument(final String pollId, final BallotContent content)
    {
        if (content instanceof BallotContent.Opinion opinion && opinion.argument() != null && opinion.sealed() == null)
        {
            return new BallotContent.Opinion(opinion.item(), opinion.choice(), opinion.argument(),
                SealedArgument.of(opinion.argument(), argumentTag(pollId, opinion.argument())));
        }
        return content;
    }

    /** Says nothing about the secret, which must never reach a log. */
    @Override
    public String toString()
    {
        return "VoterKeys[HmacSHA256/128]";
    }

    private static void update(final Mac mac, final byte[] field)
    {
        mac.update((byte)(field.length >>> 24));
        mac.update((byte)(field.length >>> 16));
        mac.update((byte)(field.length >>> 8));
        mac.update((byte)field.length);
        mac.update(field);
    }

    private static Key128 truncate(final byte[] digest)
    {
        final ByteBuffer bytes = ByteBuffer.wrap(digest);
        return new Key128(bytes.getLong(), bytes.getLong());
    }

    private static Mac newMac(final SecretKeySpec key)
    {
        try
        {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " is unavailable in this JVM", ex);
        }
    }
}
