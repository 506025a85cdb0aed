package org.urne.tally.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.assembly.Card;
import org.urne.tally.assembly.Member;
import org.urne.tally.assembly.RoundKind;
import org.urne.tally.assembly.RoundOption;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The assembly records, types 20 to 28: each decodes to what was encoded, and garbage only ever fails as corrupt. */
class AssemblyRecordsTest
{
    static final List<AssemblyEvent> EVENTS = List.of(
        new AssemblyEvent.AssemblyDefined("a", "Convention", List.of(new Member("m1", "Zoé", Member.ELU),
            new Member("m2", "Ali", Member.MEMBER)), Card.DEFAULTS, "green", List.of("red", "orange")),
        new AssemblyEvent.PresenceRecorded("a", List.of("m1")),
        new AssemblyEvent.RoundOpened("a", "r1", RoundKind.CONSENT, "item", 2, "Texte", "l'objection", List.of(), 0,
            List.of()),
        new AssemblyEvent.RoundOpened("a", "j1", RoundKind.JUDGMENT, null, 0, null, null,
            List.of(new RoundOption("x", "Action X")), 0, RoundKind.DEFAULT_GRADES),
        new AssemblyEvent.CardRaised("a", "r1", "m1", "red"),
        new AssemblyEvent.GradesGiven("a", "j1", new Key128(-1, 5), List.of(3, 0)),
        new AssemblyEvent.ChoicesMade("a", "s1", new Key128(2, -9), List.of()),
        new AssemblyEvent.RoundClosed("a", "r1"),
        new AssemblyEvent.DecisionPublished("a", "r1"),
        new AssemblyEvent.DeviceCodeSet("a", "m2", new Key128(11, 12)));

    @Test
    void everyAssemblyRecordDecodesToTheEntryItEncodes()
    {
        for (final AssemblyEvent event : EVENTS)
        {
            final JournalEntry entry = new JournalEntry.AssemblyRecorded(event);
            final byte[] record = JournalRecordCodecTest.encode(entry, 3, 4);
            final JournalRecord decoded = JournalRecordCodec.decode(record, 0, record.length);
            assertThat(decoded.entry()).isEqualTo(entry);
            assertThat(record[JournalRecordCodec.TYPE_OFFSET]).as(event.toString()).isBetween((byte)20, (byte)28);
        }
    }

    @Test
    void aVersionOneRecordOfAnAssemblyTypeIsCorrupt()
    {
        for (final AssemblyEvent event : EVENTS)
        {
            final byte[] record = versionOne(JournalRecordCodecTest.encode(new JournalEntry.AssemblyRecorded(event), 0,
                0));
            assertThatThrownBy(() -> JournalRecordCodec.decode(record, 0, record.length))
                .isInstanceOf(JournalCorruptException.class).hasMessageContaining("does not exist in format version 1");
        }
    }

    @Test
    void aVersionTwoRecordOfAnAssemblyTypeIsCorrupt()
    {
        for (final AssemblyEvent event : EVENTS)
        {
            final byte[] record = JournalRecordCodecTest.encode(new JournalEntry.AssemblyRecorded(event), 0, 0);
            ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putShort(JournalRecordCodec.VERSION_OFFSET,
                (short)JournalRecordCodec.VERSION_2);
            final CRC32C crc = new CRC32C();
            crc.update(record, 0, JournalRecordCodec.CRC_OFFSET);
            crc.update(record, JournalRecordCodec.CHAIN_OFFSET, record.length - JournalRecordCodec.CHAIN_OFFSET);
            ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putInt(JournalRecordCodec.CRC_OFFSET,
                (int)crc.getValue());
            assertThatThrownBy(() -> JournalRecordCodec.decode(record, 0, record.length))
                .isInstanceOf(JournalCorruptException.class).hasMessageContaining("does not exist in format version 2");
        }
    }

    /** Garbage that passes the checksum still only ever fails as corrupt, in every assembly record type. */
    @Property(tries = 1000)
    void garbageWithAValidChecksumFailsOnlyAsCorrupt(@ForAll final byte[] body,
        @ForAll @IntRange(min = 20, max = 28) final int type)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        buffer.putShort(JournalRecordCodec.VERSION_OFFSET, (short)JournalRecordCodec.VERSION, ByteOrder.LITTLE_ENDIAN);
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

    /** The same record in format version 1's framing: a 28-byte header, and a body without its leading {@code by}. */
    private static byte[] versionOne(final byte[] v2)
    {
        final int byLength = Integer.BYTES;
        final int bodyLength = v2.length - JournalRecordCodec.HEADER_LENGTH - byLength;
        final ByteBuffer v1 = ByteBuffer.allocate(JournalRecordCodec.HEADER_LENGTH_V1 + bodyLength)
            .order(ByteOrder.LITTLE_ENDIAN);
        v1.putShort((short)JournalRecordCodec.VERSION_1).put(v2, JournalRecordCodec.TYPE_OFFSET, 18)
            .putInt(bodyLength).putInt(0).put(v2, JournalRecordCodec.HEADER_LENGTH + byLength, bodyLength);
        final byte[] bytes = v1.array();
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, JournalRecordCodec.CRC_OFFSET);
        crc.update(bytes, JournalRecordCodec.HEADER_LENGTH_V1, bodyLength);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(JournalRecordCodec.CRC_OFFSET, (int)crc.getValue());
        return bytes;
    }
}
