package org.urne.tally.journal;

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
 * {@link Mac} and writes the framed input into a buffer of its own, given to the MAC in one update: field by field,
 * through the MAC's one-byte updates and a new array per field, keying a ballot cost more than the hashing itself.
 */
public final class VoterKeys
{
    /** 256 bits, SHA-256's output size: a shorter secret would be the weakest part of the MAC. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] BALLOT_LABEL = "ballot".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ORDER_LABEL = "order".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ARGUMENT_LABEL = "argument".getBytes(StandardCharsets.UTF_8);

    private final ThreadLocal<FramedMac> macs;

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
        this.macs = ThreadLocal.withInitial(() -> new FramedMac(newMac(key)));
        // Fails here, at start-up, rather than on the first ballot if the JVM lacks the algorithm.
        macs.get();
    }

    /** The keyed id of a voter in a poll: the only form of the voter id that is ever stored. */
    public Key128 voterKey(final String pollId, final String rawVoterId)
    {
        return Key128.ofDigest(macs.get().field(pollId).field(rawVoterId).doFinal());
    }

    /**
     * A ballot's key: what the journal holds instead of the platform's ballotId (which the platform may link to the
     * voter), and the receipt the voter gets back and can look the ballot's status up by. Format version 1 journaled
     * the ballotId and a receipt keyed with the label "receipt": a retry that crosses an upgrade mid-vote gets another
     * key (docs/operations.md: upgrade between votes).
     */
    public Key128 ballotKey(final String pollId, final String ballotId)
    {
        return Key128.ofDigest(macs.get().field(BALLOT_LABEL).field(pollId).field(ballotId).doFinal());
    }

    /**
     * A poll's display-order seed: the key of the stream each voter's order of the items is drawn from. Derived, so it
     * needs no storage and is the same on every server holding the secret; revealing it reveals nothing else.
     */
    public byte[] orderSeed(final String pollId)
    {
        return macs.get().field(ORDER_LABEL).field(pollId).doFinal();
    }

    /**
     * An argument's tag (record format 4): HMAC(secret, "argument", poll, text), 16 bytes. It tells a retry of a
     * ballot from another text under the same ballotId without the text, which erasure destroys; it cannot be
     * checked against a guess without the secret.
     */
    public byte[] argumentTag(final String pollId, final String text)
    {
        return Arrays.copyOf(macs.get().field(ARGUMENT_LABEL).field(pollId).field(text).doFinal(),
            SealedArgument.TAG_LENGTH);
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

    /** One thread's MAC and the input it is building: each field framed by its UTF-8 length, big-endian. */
    private static final class FramedMac
    {
        private final Mac mac;
        private byte[] input = new byte[128];
        private int length;

        private FramedMac(final Mac mac)
        {
            this.mac = mac;
        }

        FramedMac field(final byte[] bytes)
        {
            ensure(Integer.BYTES + bytes.length);
            putLength(bytes.length);
            System.arraycopy(bytes, 0, input, length, bytes.length);
            length += bytes.length;
            return this;
        }

        /** Writes ASCII (every id a platform sends in practice) straight in; anything else through the JDK's UTF-8. */
        FramedMac field(final String text)
        {
            final int chars = text.length();
            ensure(Integer.BYTES + chars);
            final int start = length + Integer.BYTES;
            for (int i = 0; i < chars; i++)
            {
                final char c = text.charAt(i);
                if (c >= 0x80)
                {
                    return field(text.getBytes(StandardCharsets.UTF_8));
                }
                input[start + i] = (byte)c;
            }
            putLength(chars);
            length += chars;
            return this;
        }

        byte[] doFinal()
        {
            mac.update(input, 0, length);
            length = 0;
            return mac.doFinal();
        }

        private void putLength(final int value)
        {
            input[length] = (byte)(value >>> 24);
            input[length + 1] = (byte)(value >>> 16);
            input[length + 2] = (byte)(value >>> 8);
            input[length + 3] = (byte)value;
            length += Integer.BYTES;
        }

        private void ensure(final int more)
        {
            if (length + more > input.length)
            {
                input = Arrays.copyOf(input, Math.max(2 * input.length, length + more));
            }
        }
    }
}
