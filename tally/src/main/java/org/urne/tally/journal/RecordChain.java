package org.urne.tally.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;

import org.urne.tally.domain.Sha256;

/**
 * The journal's hash chain: {@code chain(n) = SHA-256(chain(n-1) || header(n)[0, 24) || body(n))}, from
 * {@link #GENESIS} (32 zero bytes) before the first record. It covers what the record says and where and when (type,
 * version, position, time, body length, body) and nothing that may be erased later (a version 2 record's side
 * section). The rule is the same for both format versions, so a journal begun in version 1 and continued in version
 * 2 is one chain; only version 2 records store their value. Whoever follows the records in order (the writer, a
 * reader, a cluster member's service) computes the same values, on every node. Not thread-safe.
 */
public final class RecordChain
{
    /** The chain value before the first record: published, so anyone can start a verification from nothing. */
    public static final byte[] GENESIS = new byte[Sha256.LENGTH];
    /** Bytes of the header the chain covers: version, type, position, time and body length. */
    static final int CHAINED_HEADER_LENGTH = 24;

    private static final VarHandle BUFFER_SHORT_LE = MethodHandles.byteBufferViewVarHandle(short[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BUFFER_INT_LE = MethodHandles.byteBufferViewVarHandle(int[].class,
        ByteOrder.LITTLE_ENDIAN);

    private final MessageDigest sha256 = Sha256.newDigest();
    private final byte[] head = new byte[Sha256.LENGTH];

    /** A chain at its start. */
    public RecordChain()
    {
    }

    /** A chain that goes on from {@code head}, the value of the record before the next one. */
    public RecordChain(final byte[] head)
    {
        reset(head);
    }

    /** Goes on from {@code value}. */
    public void reset(final byte[] value)
    {
        if (value.length != Sha256.LENGTH)
        {
            throw new IllegalArgumentException("a chain value has " + Sha256.LENGTH + " bytes, not " + value.length);
        }
        System.arraycopy(value, 0, head, 0, Sha256.LENGTH);
    }

    /** The value of the last record followed (or the one given to start from); the caller must not change it. */
    public byte[] head()
    {
        return head;
    }

    /** A copy of {@link #head()}, to keep. */
    public byte[] headCopy()
    {
        return head.clone();
    }

    /**
     * Follows one record of either version, whole in {@code record[offset, offset + length)}: its header and body
     * lengths must already be checked (the codec's decode does).
     */
    public byte[] follow(final byte[] record, final int offset, final int length)
    {
        final int version = JournalRecordCodec.versionOf(record, offset);
        final int bodyLength = JournalRecordCodec.bodyLengthOf(record, offset);
        final int bodyStart = offset + JournalRecordCodec.headerLength(version);
        if (bodyLength < 0 || bodyLength > offset + length - bodyStart)
        {
            throw new IllegalArgumentException("a body of " + bodyLength + " bytes does not fit the record");
        }
        sha256.update(head);
        sha256.update(record, offset, CHAINED_HEADER_LENGTH);
        sha256.update(record, bodyStart, bodyLength);
        return digestIntoHead();
    }

    /**
     * Follows one record of either version, from {@code record}'s position to its limit (left where they were).
     */
    public byte[] follow(final ByteBuffer record)
    {
        final int start = record.position();
        final int limit = record.limit();
        // Absolute little-endian reads whatever the buffer's order: no duplicate to allocate per record.
        final int version = (short)BUFFER_SHORT_LE.get(record, start) & 0xFFFF;
        final int bodyLength = (int)BUFFER_INT_LE.get(record, start + JournalRecordCodec.BODY_LENGTH_OFFSET);
        final int bodyStart = start + JournalRecordCodec.headerLength(version);
        sha256.update(head);
        record.limit(start + CHAINED_HEADER_LENGTH);
        sha256.update(record);
        record.limit(bodyStart + bodyLength).position(bodyStart);
        sha256.update(record);
        record.limit(limit).position(start);
        return digestIntoHead();
    }

    private byte[] digestIntoHead()
    {
        try
        {
            sha256.digest(head, 0, Sha256.LENGTH);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("SHA-256 refused a 32-byte output", ex);
        }
        return head;
    }
}
