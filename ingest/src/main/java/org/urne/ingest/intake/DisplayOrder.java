package org.urne.ingest.intake;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.urne.tally.domain.Key128;

/**
 * The order in which a voter is shown a poll's items: a Fisher-Yates shuffle driven by a keyed stream, HMAC-SHA256
 * under the poll's order seed of the voter's key and a block counter, each draw taken without modulo bias (a 64-bit
 * value above the largest multiple of the bound is drawn again). The same voter always gets the same order, every
 * permutation is equally likely, and anyone given the seed can recompute every voter's order (for position-bias
 * analysis) from the voter keys in an export.
 */
public final class DisplayOrder
{
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;
    private final ByteBuffer block = ByteBuffer.allocate(32);
    private final ByteBuffer input = ByteBuffer.allocate(24);
    private final Key128 voter;
    private long counter;

    private DisplayOrder(final byte[] seed, final Key128 voter)
    {
        try
        {
            this.mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(seed, ALGORITHM));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JVM has no " + ALGORITHM, ex);
        }
        this.voter = voter;
        block.position(block.limit());
    }

    /**
     * The item ids in the order {@code voter} sees them.
     *
     * @param seed    the poll's order seed ({@code VoterKeys.orderSeed}).
     * @param voter   the voter's key in this poll.
     * @param itemIds the poll's item ids in definition order; not changed.
     */
    public static int[] of(final byte[] seed, final Key128 voter, final int[] itemIds)
    {
        final DisplayOrder stream = new DisplayOrder(seed, voter);
        final int[] order = itemIds.clone();
        for (int i = order.length - 1; i > 0; i--)
        {
            final int j = stream.below(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** A uniform draw in [0, bound): values past the largest multiple of {@code bound} below 2^64 are drawn again. */
    private int below(final int bound)
    {
        // 2^64 mod bound, as unsigned arithmetic on -bound = 2^64 - bound.
        final long excess = Long.remainderUnsigned(-bound, bound);
        long value;
        do
        {
            value = next();
        }
        while (excess != 0 && Long.compareUnsigned(value, -excess) >= 0);
        return (int)Long.remainderUnsigned(value, bound);
    }

    private long next()
    {
        if (block.remaining() < Long.BYTES)
        {
            input.clear();
            input.putLong(voter.hi()).putLong(voter.lo()).putLong(counter++);
            mac.update(input.array(), 0, input.position());
            block.clear();
            block.put(mac.doFinal());
            block.flip();
        }
        return block.getLong();
    }
}
