package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.Arrays;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.urne.tally.domain.JournalEntry;

class JournalRecordCodecTest
{
    @Provide
    Arbitrary<JournalEntry> entries()
    {
        return JournalEntries.entries();
    }

    @Property(tries = 500)
    void decodeOfEncodeIsTheEntry(@ForAll("entries") final JournalEntry entry, @ForAll final long position,
        @ForAll final long timeMicros)
    {
        final byte[] record = encode(entry, position, timeMicros);

        final JournalRecord decoded = JournalRecordCodec.decode(record, 0, record.length);

        assertThat(decoded.entry()).isEqualTo(entry);
        assertThat(decoded.position()).isEqualTo(position);
        assertThat(decoded.timeMicros()).isEqualTo(timeMicros);
    }

    @Property(tries = 500)
    void anyFlippedBitIsDetected(@ForAll("entries") final JournalEntry entry, @ForAll final int bitSeed)
    {
        final byte[] record = encode(entry, 7, 42);
        final int bit = Math.floorMod(bitSeed, record.length * 8);
        record[bit / 8] ^= (byte)(1 << (bit % 8));

        assertThatThrownBy(() -> JournalRecordCodec.decode(record, 0, record.length))
            .isInstanceOf(JournalCorruptException.class);
    }

    @Property(tries = 300)
    void aTruncatedRecordIsDetected(@ForAll("entries") final JournalEntry entry, @ForAll @IntRange(min = 1) final int cut)
    {
        final byte[] record = encode(entry, 1, 1);
        final int length = record.length - 1 - cut % record.length;

        assertThatThrownBy(() -> JournalRecordCodec.decode(record, 0, length))
            .isInstanceOf(JournalCorruptException.class);
    }

    /** Garbage that passes the checksum (as if written by a buggy writer) still only ever fails as corrupt. */
    @Property(tries = 1000)
    void garbageWithAValidChecksumFailsOnlyAsCorrupt(@ForAll final byte[] body, @ForAll @IntRange(min = 0, max = 7)
        final int type)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        buffer.putShort(JournalRecordCodec.VERSION_OFFSET, (short)JournalRecordCodec.VERSION,
            ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(JournalRecordCodec.TYPE_OFFSET, (short)type, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(JournalRecordCodec.BODY_LENGTH_OFFSET, body.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(JournalRecordCodec.HEADER_LENGTH, body);
        final int length = JournalRecordCodec.HEADER_LENGTH + body.length;
        JournalRecordCodec.seal(buffer, new RecordChain(), 0, length, 3, 4);
        final byte[] record = Arrays.copyOf(buffer.byteArray(), length);

        try
        {
            JournalRecordCodec.decode(record, 0, length);
        }
        catch (final JournalCorruptException expected)
        {
            assertThat(expected.reason()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void randomBytesFailOnlyAsCorrupt(@ForAll final byte[] bytes)
    {
        assertThatThrownBy(() -> JournalRecordCodec.decode(bytes, 0, bytes.length))
            .isInstanceOf(JournalCorruptException.class);
    }

    @Test
    void aRecordOutsideItsBufferIsCorruptNotAnIndexError()
    {
        final byte[] record = encode(JournalEntries.ballot(1), 0, 0);

        assertThatThrownBy(() -> JournalRecordCodec.decode(record, 4, record.length))
            .isInstanceOf(JournalCorruptException.class);
    }

    @Test
    void anUnknownVersionIsNamed()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = JournalRecordCodec.encode(JournalEntries.ballot(1), null, 0, 0, new RecordChain(), buffer, 0);
        buffer.putByte(JournalRecordCodec.VERSION_OFFSET, (byte)9);
        JournalRecordCodec.seal(buffer, new RecordChain(), 0, length, 0, 0);
        final byte[] record = Arrays.copyOf(buffer.byteArray(), length);

        assertThatThrownBy(() -> JournalRecordCodec.decode(record, 0, record.length))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("version 9");
    }

    /** A side section no field reads (a ballot without an argument) is refused, not skipped: the CRC covers it. */
    @Test
    void sideBytesNoFieldReadsAreCorrupt()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = JournalRecordCodec.encode(JournalEntries.ballot(1), null, 0, 0, new RecordChain(), buffer, 0);
        buffer.putBytes(length, new byte[] {1, 2, 3});
        buffer.putInt(JournalRecordCodec.SIDE_LENGTH_OFFSET, 3, ByteOrder.LITTLE_ENDIAN);
        JournalRecordCodec.seal(buffer, new RecordChain(), 0, length + 3, 0, 0);
        final byte[] record = Arrays.copyOf(buffer.byteArray(), length + 3);

        assertThatThrownBy(() -> JournalRecordCodec.decode(record, 0, record.length))
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining("3 bytes left over");
    }

    static byte[] encode(final JournalEntry entry, final long position, final long timeMicros)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = JournalRecordCodec.encode(entry, null, position, timeMicros, new RecordChain(), buffer, 0);
        return Arrays.copyOf(buffer.byteArray(), length);
    }
}
