package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.ExpandableArrayBuffer;

/**
 * The decoder's promise, whatever the bytes: a record, or a {@link JournalCorruptException}; never another exception,
 * never a hang, never an allocation the bytes do not pay for. A record it accepts is exactly what the writer would
 * write: it re-encodes to the same bytes, so nothing a garbage tail holds can be read as something else.
 * <p>
 * Under {@code mvn verify} each method replays the inputs committed under
 * {@code src/test/resources/org/urne/tally/journal/JournalRecordCodecFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see docs/operations.md, "Fuzzing").
 */
class JournalRecordCodecFuzzTest
{
    private static final int HIGHEST_TYPE = 7;

    /** Raw bytes, as a torn or overwritten tail would hold them: the checksum must stop nearly all of them. */
    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeToARecordThatReencodesOrFailAsCorrupt(final byte[] bytes)
    {
        decodeAndReencode(bytes);
    }

    /**
     * Garbage behind a correct header and checksum, as a buggy writer could leave it: gets past the checksum, so it
     * exercises every length, count, tag and presence check of the body.
     */
    @FuzzTest(maxDuration = "30s")
    void anySealedBodyDecodesToARecordThatReencodesOrFailsAsCorrupt(final FuzzedDataProvider data)
    {
        final int type = data.consumeInt(0, HIGHEST_TYPE);
        final long position = data.consumeLong();
        final long timeMicros = data.consumeLong();
        final byte[] body = data.consumeRemainingAsBytes();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(JournalRecordCodec.HEADER_LENGTH + body.length);
        buffer.putShort(JournalRecordCodec.VERSION_OFFSET, (short)JournalRecordCodec.VERSION, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(JournalRecordCodec.TYPE_OFFSET, (short)type, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(JournalRecordCodec.BODY_LENGTH_OFFSET, body.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(JournalRecordCodec.HEADER_LENGTH, body);
        final int length = JournalRecordCodec.HEADER_LENGTH + body.length;
        JournalRecordCodec.seal(buffer, new RecordChain(), 0, length, position, timeMicros);
        final byte[] record = Arrays.copyOf(buffer.byteArray(), length);

        decodeAndReencode(record);
    }

    private static void decodeAndReencode(final byte[] record)
    {
        final JournalRecord decoded;
        try
        {
            decoded = JournalRecordCodec.decode(record, 0, record.length);
        }
        catch (final JournalCorruptException expected)
        {
            assertThat(expected.reason()).isNotBlank();
            return;
        }
        final ExpandableArrayBuffer again = new ExpandableArrayBuffer(record.length);
        final int length = JournalRecordCodec.encode(decoded.entry(), decoded.by(), decoded.position(),
            decoded.timeMicros(), new RecordChain(), again, 0);
        assertThat(Arrays.copyOf(again.byteArray(), length)).as("re-encoding of %s", decoded).isEqualTo(record);
    }
}
