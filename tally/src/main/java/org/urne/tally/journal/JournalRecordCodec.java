package org.urne.tally.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.Proposals;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Publication;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.SealedArgument;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.Stand;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.Utf8;

/**
 * The binary form of a journal record; see the package documentation for the layout. Encoding is total (every
 * {@link JournalEntry} value, nulls included, has a form, save a seal whose digests are not 32 bytes each), and
 * decoding reads every format version and throws nothing but
 * {@link JournalCorruptException}, whatever the bytes.
 */
public final class JournalRecordCodec
{
    /** The format version this codec writes; it reads this one and {@link #VERSION_3} down to {@link #VERSION_1}. */
    public static final int VERSION = 4;
    /**
     * The third format: version 4's header and chain, the paper channel's records and fields, and the assemblies'
     * records; no item texts, added items or argument records, and an opinion's argument in clear in the side.
     */
    public static final int VERSION_3 = 3;
    /**
     * The second format: version 3's header and chain; definitions without stands or paper entry, ballots without a
     * stand, sheets without blank, spoiled and signatures, no annulment.
     */
    public static final int VERSION_2 = 2;
    /** The first format: no chain value stored, no side section, no token name, ballots with their ballotId. */
    public static final int VERSION_1 = 1;
    /**
     * Bytes before the body from version 2 on: version, type, position, time, body length, CRC32C, chain, side
     * length.
     */
    public static final int HEADER_LENGTH = 64;
    /** Bytes before the body in version 1: version, type, position, time, body length, CRC32C. */
    public static final int HEADER_LENGTH_V1 = 28;

    static final int VERSION_OFFSET = 0;
    static final int TYPE_OFFSET = 2;
    static final int POSITION_OFFSET = 4;
    static final int TIME_OFFSET = 12;
    static final int BODY_LENGTH_OFFSET = 20;
    static final int CRC_OFFSET = 24;
    static final int CHAIN_OFFSET = 28;
    static final int SIDE_LENGTH_OFFSET = 60;

    static final int TYPE_POLL_DEFINED = 1;
    static final int TYPE_POLL_OPENED = 2;
    static final int TYPE_POLL_CLOSED = 3;
    static final int TYPE_BALLOT_CAST = 4;
    static final int TYPE_TALLY_SHEET = 5;
    static final int TYPE_POLL_SEALED = 6;
    static final int TYPE_COMMITMENT = 7;
    static final int TYPE_BALLOT_ANNULLED = 8;

    private static final int CONTENT_NULL = 0;
    private static final int CONTENT_SELECTION = 1;
    private static final int CONTENT_OPINION = 2;
    private static final int CONTENT_GRADES = 3;
    private static final int CONTENT_WITHDRAWAL = 4;

    private static final int ARGUMENT_NONE = 0;
    private static final int ARGUMENT_CLEAR = 1;
    private static final int ARGUMENT_ENCRYPTED = 2;

    /** Length prefix of a null string or array, distinct from the empty one. */
    private static final int NULL_LENGTH = -1;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ORDER);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ORDER);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ORDER);
    private static final int MAX_NANO = 999_999_999;
    private static final ThreadLocal<MessageDigest> ARGUMENT_DIGESTS = ThreadLocal.withInitial(Sha256::newDigest);

    private JournalRecordCodec()
    {
    }

    /**
     * Encodes a complete record in the current version, its chain value taken from {@code chain}, which follows it.
     *
     * @return the record's length in bytes, written at {@code offset}.
     */
    public static int encode(
        final JournalEntry entry, final String by, final long position, final long timeMicros,
        final RecordChain chain, final ExpandableArrayBuffer buffer, final int offset)
    {
        final int length = encodeUnsealed(entry, by, buffer, offset);
        seal(buffer, chain, offset, length, position, timeMicros);
        return length;
    }

    /**
     * Encodes a record to carry elsewhere, not to store: its chain value is left zero, for whoever journals it (the
     * journal's writer, a cluster's service) to compute where the record takes its place in the chain.
     *
     * @return the record's length in bytes, written at {@code offset}.
     */
    public static int encodeForTransport(
        final JournalEntry entry, final String by, final long position, final long timeMicros,
        final ExpandableArrayBuffer buffer, final int offset)
    {
        final int length = encodeUnsealed(entry, by, buffer, offset);
        buffer.putLong(offset + POSITION_OFFSET, position, ORDER);
        buffer.putLong(offset + TIME_OFFSET, timeMicros, ORDER);
        buffer.putInt(offset + CRC_OFFSET, crc(buffer.byteArray(), offset, length, HEADER_LENGTH), ORDER);
        return length;
    }

    /** The format version of the record at {@code offset}: its first two bytes, little-endian. */
    static int versionOf(final byte[] record, final int offset)
    {
        return (short)SHORT_LE.get(record, offset + VERSION_OFFSET) & 0xFFFF;
    }

    /** The body length the header of the record at {@code offset} states (either version: the same place). */
    static int bodyLengthOf(final byte[] record, final int offset)
    {
        return (int)INT_LE.get(record, offset + BODY_LENGTH_OFFSET);
    }

    /** The bytes before the body in a record of {@code version}, which must be one this codec reads. */
    public static int headerLength(final int version)
    {
        return version == VERSION_1 ? HEADER_LENGTH_V1 : HEADER_LENGTH;
    }

    /**
     * Decodes and verifies one record occupying exactly {@code bytes[offset, offset + length)}.
     *
     * @throws JournalCorruptException if the record is torn, fails its checksum or does not parse; never anything
     *                                 else.
     */
    public static JournalRecord decode(final byte[] bytes, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > bytes.length - length)
        {
            throw corrupt("record [" + offset + ", +" + length + ") lies outside its buffer of " + bytes.length);
        }
        if (length < 2)
        {
            throw corrupt("record of " + length + " bytes has no format version");
        }
        final int version = versionOf(bytes, offset);
        if (version != VERSION && version != VERSION_3 && version != VERSION_2 && version != VERSION_1)
        {
            throw corrupt("unknown format version " + version + " (this release reads " + VERSION_1 + " to " +
                VERSION + "; a later release may read it)");
        }
        final int headerLength = headerLength(version);
        if (length < headerLength)
        {
            throw corrupt("record of " + length + " bytes is shorter than the " + headerLength + "-byte header");
        }
        // The header's fields sit at fixed offsets, all within the length just checked.
        final int type = (short)SHORT_LE.get(bytes, offset + TYPE_OFFSET) & 0xFFFF;
        final long position = (long)LONG_LE.get(bytes, offset + POSITION_OFFSET);
        final long timeMicros = (long)LONG_LE.get(bytes, offset + TIME_OFFSET);
        final int bodyLength = bodyLengthOf(bytes, offset);
        final int storedCrc = (int)INT_LE.get(bytes, offset + CRC_OFFSET);
        final int sideLength = version == VERSION_1 ? 0 : (int)INT_LE.get(bytes, offset + SIDE_LENGTH_OFFSET);
        if (bodyLength < 0 || sideLength < 0 || (long)bodyLength + sideLength != length - headerLength)
        {
            throw corrupt("header says " + bodyLength + " body and " + sideLength + " side bytes, record holds " +
                (length - headerLength));
        }
        final int actualCrc = crc(bytes, offset, length, headerLength);
        if (storedCrc != actualCrc)
        {
            throw corrupt("CRC32C mismatch: stored " + Integer.toHexString(storedCrc) + ", computed " +
                Integer.toHexString(actualCrc));
        }
        final BodyReader body = new BodyReader(bytes, offset + headerLength, bodyLength);
        body.version = version;
        body.sideAt(offset + headerLength + bodyLength, sideLength);
        final String by = version == VERSION_1 ? null : body.readString();
        final JournalEntry entry = switch (type)
        {
            case TYPE_POLL_DEFINED -> new JournalEntry.PollDefined(body.readDefinition());
            case TYPE_POLL_OPENED -> new JournalEntry.PollOpened(body.readString());
            case TYPE_POLL_CLOSED -> new JournalEntry.PollClosed(body.readString());
            case TYPE_BALLOT_CAST -> new JournalEntry.BallotCast(body.readBallot());
            case TYPE_TALLY_SHEET -> new JournalEntry.TallySheetRecorded(body.readSheet().enteredBy(by));
            case TYPE_POLL_SEALED -> body.readSeal();
            case TYPE_COMMITMENT -> new JournalEntry.CommitmentMade(body.readString());
            case TYPE_BALLOT_ANNULLED -> new JournalEntry.BallotAnnulled(body.readString(), body.readKey("receipt"));
            case ItemRecords.TYPE_ITEM_ADDED -> ItemRecords.readAdded(body);
            case ItemRecords.TYPE_ITEM_STATUS -> ItemRecords.readStatus(body);
            case AssemblyRecords.TYPE_DEFINED, AssemblyRecords.TYPE_PRESENCE, AssemblyRecords.TYPE_ROUND_OPENED,
                AssemblyRecords.TYPE_CARD, AssemblyRecords.TYPE_GRADES, AssemblyRecords.TYPE_CHOICES,
                AssemblyRecords.TYPE_ROUND_CLOSED, AssemblyRecords.TYPE_DEVICE_CODE,
                AssemblyRecords.TYPE_DECISION_PUBLISHED ->
                new JournalEntry.AssemblyRecorded(AssemblyRecords.read(body, type));
            case ArgumentRecords.TYPE_HIDDEN, ArgumentRecords.TYPE_ERASED -> ArgumentRecords.read(body, type);
            default -> throw corrupt("unknown record type " + type);
        };
        if (!existsIn(type, version))
        {
            throw corrupt("record type " + type + " does not exist in format version " + version);
        }
        body.requireFullyRead();
        body.requireSideFullyRead();
        return new JournalRecord(position, timeMicros, entry, by, version == VERSION_1 ? null :
            Arrays.copyOfRange(bytes, offset + CHAIN_OFFSET, offset + CHAIN_OFFSET + Sha256.LENGTH));
    }

    /** Whether a record type is part of a format version (the decoder knows every type of the current one). */
    private static boolean existsIn(final int type, final int version)
    {
        return switch (version)
        {
            case VERSION_1 -> type <= TYPE_TALLY_SHEET;
            case VERSION_2 -> type <= TYPE_COMMITMENT;
            case VERSION_3 -> type <= TYPE_BALLOT_ANNULLED || type >= AssemblyRecords.TYPE_DEFINED &&
                type <= AssemblyRecords.TYPE_DECISION_PUBLISHED;
            default -> true;
        };
    }

    /**
     * Writes the header (position, time and checksum zero) and body: what a producer can do before the writer
     * assigns the position and time.
     *
     * @return the record's length.
     */
    static int encodeUnsealed(
        final JournalEntry entry, final String by, final ExpandableArrayBuffer buffer, final int offset)
    {
        final BodyWriter body = new BodyWriter(buffer, offset + HEADER_LENGTH);
        body.writeString(by);
        final int type;
        if (entry instanceof JournalEntry.PollDefined defined)
        {
            type = TYPE_POLL_DEFINED;
            body.writeDefinition(defined.definition());
        }
        else if (entry instanceof JournalEntry.PollOpened opened)
        {
            type = TYPE_POLL_OPENED;
            body.writeString(opened.pollId());
        }
        else if (entry instanceof JournalEntry.PollClosed closed)
        {
            type = TYPE_POLL_CLOSED;
            body.writeString(closed.pollId());
        }
        else if (entry instanceof JournalEntry.BallotCast cast)
        {
            type = TYPE_BALLOT_CAST;
            body.writeBallot(cast.ballot());
        }
        else if (entry instanceof JournalEntry.TallySheetRecorded recorded)
        {
            type = TYPE_TALLY_SHEET;
            body.writeSheet(recorded.sheet());
        }
        else if (entry instanceof JournalEntry.PollSealed sealed)
        {
            type = TYPE_POLL_SEALED;
            body.writeSeal(sealed);
        }
        else if (entry instanceof JournalEntry.CommitmentMade commitment)
        {
            type = TYPE_COMMITMENT;
            body.writeString(commitment.pollId());
        }
        else if (entry instanceof JournalEntry.BallotAnnulled annulled)
        {
            type = TYPE_BALLOT_ANNULLED;
            body.writeString(annulled.pollId());
            body.writeKey(annulled.receipt());
        }
        else if (entry instanceof JournalEntry.ItemAdded added)
        {
            type = ItemRecords.write(body, added);
        }
        else if (entry instanceof JournalEntry.ItemStatusChanged changed)
        {
            type = ItemRecords.write(body, changed);
        }
        else if (entry instanceof JournalEntry.AssemblyRecorded recorded)
        {
            type = AssemblyRecords.write(body, recorded.event());
        }
        else
        {
            type = ArgumentRecords.write(body, entry);
            if (type < 0)
            {
                throw new IllegalArgumentException("not a journal entry: " + entry);
            }
        }
        final int bodyLength = body.position - (offset + HEADER_LENGTH);
        final int sideLength = body.side == null ? 0 : body.side.length;
        if (body.side != null)
        {
            buffer.putBytes(body.position, body.side);
        }
        buffer.putShort(offset + VERSION_OFFSET, (short)VERSION, ORDER);
        buffer.putShort(offset + TYPE_OFFSET, (short)type, ORDER);
        buffer.putLong(offset + POSITION_OFFSET, 0L, ORDER);
        buffer.putLong(offset + TIME_OFFSET, 0L, ORDER);
        buffer.putInt(offset + BODY_LENGTH_OFFSET, bodyLength, ORDER);
        buffer.putInt(offset + CRC_OFFSET, 0, ORDER);
        buffer.setMemory(offset + CHAIN_OFFSET, Sha256.LENGTH, (byte)0);
        buffer.putInt(offset + SIDE_LENGTH_OFFSET, sideLength, ORDER);
        return HEADER_LENGTH + bodyLength + sideLength;
    }

    /**
     * Fills in what only the writer knows, position, time and chain value, then the checksum that covers them, in
     * place in the writer's ring: {@code view} is a duplicate of the ring's direct buffer that only the writer moves,
     * {@code crc} the writer's own, and {@code chain} follows the record. A copy comes with its position and time:
     * the writer passes them back unchanged.
     */
    static void seal(
        final MutableDirectBuffer ring, final ByteBuffer view, final CRC32C crc, final RecordChain chain,
        final int offset, final int length, final long position, final long timeMicros)
    {
        ring.putLong(offset + POSITION_OFFSET, position, ORDER);
        ring.putLong(offset + TIME_OFFSET, timeMicros, ORDER);
        view.limit(offset + length).position(offset);
        ring.putBytes(offset + CHAIN_OFFSET, chain.follow(view));
        crc.reset();
        view.limit(offset + CRC_OFFSET).position(offset);
        crc.update(view);
        view.limit(offset + length).position(offset + CHAIN_OFFSET);
        crc.update(view);
        ring.putInt(offset + CRC_OFFSET, (int)crc.getValue(), ORDER);
    }

    /** {@link #seal(MutableDirectBuffer, ByteBuffer, CRC32C, RecordChain, int, int, long, long) Seals} a record in
     * an array. */
    static void seal(
        final ExpandableArrayBuffer buffer, final RecordChain chain, final int offset, final int length,
        final long position, final long timeMicros)
    {
        seal(buffer, ByteBuffer.wrap(buffer.byteArray()), new CRC32C(), chain, offset, length, position, timeMicros);
    }

    /**
     * Checks that a decoded version 2 record's stored chain value is the one {@code chain} computes for it, and
     * follows it; a version 1 record's value is derived. The record as given, with its chain value.
     *
     * @throws JournalCorruptException naming the record's position when the values differ.
     */
    public static JournalRecord follow(
        final JournalRecord record, final byte[] bytes, final int offset, final int length, final RecordChain chain)
    {
        final byte[] computed = chain.follow(bytes, offset, length);
        if (record.chain() != null && !Arrays.equals(record.chain(), computed))
        {
            throw new JournalCorruptException(record.position(), "the hash chain breaks here: the record stores " +
                Sha256.hex(record.chain()) + ", the records before it give " + Sha256.hex(computed) +
                " (this record or one before it was altered after it was written)");
        }
        return record.chain() != null ? record : record.withChain(chain.headCopy());
    }

    /** CRC32C over the header up to its checksum field, then everything after the field (chain, body, side). */
    private static int crc(final byte[] record, final int offset, final int length, final int headerLength)
    {
        final CRC32C crc = new CRC32C();
        crc.update(record, offset, CRC_OFFSET);
        final int from = headerLength == HEADER_LENGTH_V1 ? HEADER_LENGTH_V1 : CHAIN_OFFSET;
        crc.update(record, offset + from, length - from);
        return (int)crc.getValue();
    }

    static JournalCorruptException corrupt(final String reason)
    {
        return new JournalCorruptException(-1, reason);
    }

    /** Appends little-endian fields to an expandable buffer. */
    static final class BodyWriter
    {
        private final ExpandableArrayBuffer buffer;
        private int position;
        /** The side section's bytes, or null: an opinion's argument text. */
        private byte[] side;

        BodyWriter(final ExpandableArrayBuffer buffer, final int position)
        {
            this.buffer = buffer;
            this.position = position;
        }

        void writeByte(final int value)
        {
            buffer.putByte(position, (byte)value);
            position += 1;
        }

        void writeInt(final int value)
        {
            buffer.putInt(position, value, ORDER);
            position += Integer.BYTES;
        }

        void writeLong(final long value)
        {
            buffer.putLong(position, value, ORDER);
            position += Long.BYTES;
        }

        void writeString(final String value)
        {
            if (value == null)
            {
                writeInt(NULL_LENGTH);
                return;
            }
            final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeInt(utf8.length);
            buffer.putBytes(position, utf8);
            position += utf8.length;
        }

        void writeEnum(final Enum<?> value)
        {
            writeByte(value == null ? -1 : value.ordinal());
        }

        void writeInts(final int[] values)
        {
            if (values == null)
            {
                writeInt(NULL_LENGTH);
                return;
            }
            writeInt(values.length);
            for (final int value : values)
            {
                writeInt(value);
            }
        }

        void writeLongs(final long[] values)
        {
            if (values == null)
            {
                writeInt(NULL_LENGTH);
                return;
            }
            writeInt(values.length);
            for (final long value : values)
            {
                writeLong(value);
            }
        }

        void writeStrings(final List<String> values)
        {
            writeInt(values.size());
            for (final String value : values)
            {
                writeString(value);
            }
        }

        void writeKey(final Key128 key)
        {
            writeByte(key == null ? 0 : 1);
            if (key != null)
            {
                writeLong(key.hi());
                writeLong(key.lo());
            }
        }

        /** Instant and offset both, so the decoded value is {@code equals} to this one, not just the same instant. */
        void writeTime(final OffsetDateTime time)
        {
            writeByte(time == null ? 0 : 1);
            if (time != null)
            {
                writeLong(time.toEpochSecond());
                writeInt(time.getNano());
                writeInt(time.getOffset().getTotalSeconds());
            }
        }

        void writeDefinition(final PollDefinition definition)
        {
            writeString(definition.id());
            writeString(definition.title());
            writeEnum(definition.kind());
            writeStrings(definition.channels());
            writeTime(definition.opensAt());
            writeTime(definition.closesAt());
            writeEnum(definition.revote());
            writeInt(definition.minSelections());
            writeInt(definition.maxSelections());
            writeInt(definition.items().size());
            for (final Item item : definition.items())
            {
                writeInt(item.id());
                writeString(item.title());
                writeString(item.group());
                writeString(item.subject());
                writeString(item.description());
                writeString(item.link());
            }
            writeStrings(definition.grades());
            writeInt(definition.missingGrade());
            writeInt(definition.maxArgumentLength());
            writeTime(definition.sheetsUntil());
            writeEnum(definition.publication());
            writeInt(definition.commitEvery());
            writeInt(definition.stands().size());
            for (final Stand stand : definition.stands())
            {
                writeString(stand.id());
                writeString(stand.name());
                writeString(stand.neighbourhood());
            }
            writeEnum(definition.paperEntry());
            writeString(definition.orderSeedSha256());
            writeEnum(definition.proposals());
        }

        void writeSeal(final JournalEntry.PollSealed seal)
        {
            writeString(seal.pollId());
            writeDigest(seal.resultsSha256(), "resultsSha256");
            writeDigest(seal.receiptsSha256(), "receiptsSha256");
            writeInt(seal.format());
            writeString(seal.reason());
        }

        private void writeDigest(final byte[] digest, final String what)
        {
            if (digest == null || digest.length != Sha256.LENGTH)
            {
                throw new IllegalArgumentException(what + " must be " + Sha256.LENGTH + " bytes");
            }
            buffer.putBytes(position, digest);
            position += Sha256.LENGTH;
        }

        void writeBallot(final Ballot ballot)
        {
            writeString(ballot.pollId());
            writeKey(ballot.receipt());
            writeKey(ballot.voter());
            writeString(ballot.channel());
            writeLong(ballot.castAt());
            writeString(ballot.stand());
            final BallotContent content = ballot.content();
            if (content instanceof BallotContent.Selection selection)
            {
                writeByte(CONTENT_SELECTION);
                writeInts(selection.items());
            }
            else if (content instanceof BallotContent.Opinion opinion)
            {
                writeByte(CONTENT_OPINION);
                writeInt(opinion.item());
                writeEnum(opinion.choice());
                writeArgument(opinion);
            }
            else if (content instanceof BallotContent.Grades grades)
            {
                writeByte(CONTENT_GRADES);
                writeInts(grades.items());
                writeInts(grades.grades());
            }
            else if (content instanceof BallotContent.Withdrawal withdrawal)
            {
                writeByte(CONTENT_WITHDRAWAL);
                writeInt(withdrawal.item());
            }
            else
            {
                writeByte(CONTENT_NULL);
            }
        }

        /**
         * Format 4: a form (0 none, 1 the text in clear, 2 encrypted), then for the text its SHA-256 (the text in
         * the side section, outside the chain), for the encrypted form its facts, tag and the ciphertext's SHA-256
         * (the ciphertext in the side section).
         */
        private void writeArgument(final BallotContent.Opinion opinion)
        {
            final SealedArgument sealed = opinion.sealed();
            if (sealed != null && sealed.cipher() != null)
            {
                writeByte(ARGUMENT_ENCRYPTED);
                writeInt(sealed.length());
                writeByte(sealed.blank() ? 1 : 0);
                writeTag(sealed.tag());
                side = sealed.cipher();
                writeDigest(ARGUMENT_DIGESTS.get().digest(side), "argument digest");
                return;
            }
            if (opinion.argument() == null && sealed != null)
            {
                throw new IllegalArgumentException("an erased argument has no text to journal");
            }
            writeByte(opinion.argument() == null ? ARGUMENT_NONE : ARGUMENT_CLEAR);
            if (opinion.argument() != null)
            {
                writeTag(sealed == null ? null : sealed.tag());
                side = opinion.argument().getBytes(StandardCharsets.UTF_8);
                writeDigest(ARGUMENT_DIGESTS.get().digest(side), "argument digest");
            }
        }

        /** A presence flag, then the 16-byte tag. */
        private void writeTag(final byte[] tag)
        {
            writeByte(tag == null ? 0 : 1);
            if (tag != null)
            {
                if (tag.length != SealedArgument.TAG_LENGTH)
                {
                    throw new IllegalArgumentException("argument tag must be " + SealedArgument.TAG_LENGTH + " bytes");
                }
                buffer.putBytes(position, tag);
                position += SealedArgument.TAG_LENGTH;
            }
        }

        void writeSheet(final TallySheet sheet)
        {
            writeString(sheet.pollId());
            writeString(sheet.sheetId());
            writeString(sheet.stand());
            writeString(sheet.channel());
            writeLong(sheet.ballots());
            writeInts(sheet.items());
            final long[][] counts = sheet.counts();
            if (counts == null)
            {
                writeInt(NULL_LENGTH);
            }
            else
            {
                writeInt(counts.length);
                for (final long[] row : counts)
                {
                    writeLongs(row);
                }
            }
            writeLong(sheet.blank());
            writeLong(sheet.spoiled());
            writeLong(sheet.signatures());
        }
    }

    /**
     * Reads little-endian fields within {@code [offset, offset + length)} of a byte array. Every read checks the
     * bytes are there and every length or count is checked against what is left, before anything is allocated.
     */
    static final class BodyReader
    {
        private final byte[] bytes;
        private final int limit;
        private int position;
        /** The format version of the record read. */
        private int version = VERSION;
        /** The record's side section, once read from ({@link #side()}); most records have none. */
        private BodyReader side;
        private int sideOffset;
        private int sideLength;
        /** The decoding thread's strings seen before, from the first string read on. */
        private RepeatedStrings strings;

        BodyReader(final byte[] bytes, final int offset, final int length)
        {
            if (offset < 0 || length < 0 || offset > bytes.length - length)
            {
                throw corrupt("record [" + offset + ", +" + length + ") lies outside its buffer of " + bytes.length);
            }
            this.bytes = bytes;
            this.position = offset;
            this.limit = offset + length;
        }

        private void require(final int count, final String what)
        {
            if (count > limit - position)
            {
                throw corrupt(what + " needs " + count + " bytes, " + (limit - position) + " left");
            }
        }

        byte[] readDigest(final String what)
        {
            require(Sha256.LENGTH, what);
            final byte[] digest = Arrays.copyOfRange(bytes, position, position + Sha256.LENGTH);
            position += Sha256.LENGTH;
            return digest;
        }

        int readByte()
        {
            require(1, "byte");
            return bytes[position++];
        }

        int readInt()
        {
            require(Integer.BYTES, "int");
            final int value = (int)INT_LE.get(bytes, position);
            position += Integer.BYTES;
            return value;
        }

        long readLong()
        {
            require(Long.BYTES, "long");
            final long value = (long)LONG_LE.get(bytes, position);
            position += Long.BYTES;
            return value;
        }

        boolean readPresence(final String what)
        {
            final int flag = readByte();
            if (flag != 0 && flag != 1)
            {
                throw corrupt(what + " presence flag is " + flag);
            }
            return flag == 1;
        }

        /** Reads a length or count prefix: {@link #NULL_LENGTH}, or at most what {@code elementBytes} each fits. */
        int readCount(final int elementBytes, final String what)
        {
            final int count = readInt();
            if (count < NULL_LENGTH || count > (limit - position) / elementBytes)
            {
                throw corrupt(what + " count " + count + " does not fit the " + (limit - position) + " bytes left");
            }
            return count;
        }

        String readString()
        {
            final int length = readCount(1, "string");
            if (length == NULL_LENGTH)
            {
                return null;
            }
            if (strings == null)
            {
                strings = RepeatedStrings.forThisThread();
            }
            final String seen = length <= RepeatedStrings.MAX_LENGTH ? strings.find(bytes, position, length) : null;
            if (seen != null)
            {
                position += length;
                return seen;
            }
            // The writer only ever writes UTF-8 it encoded itself: anything else is corruption, not a U+FFFD to keep.
            if (Utf8.firstIllFormed(bytes, position, length) != Utf8.WELL_FORMED)
            {
                throw corrupt("string of " + length + " bytes is not UTF-8");
            }
            final String value = length <= RepeatedStrings.MAX_LENGTH ? strings.decode(bytes, position, length) :
                new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        <E extends Enum<E>> E readEnum(final E[] values, final String what)
        {
            final int ordinal = readByte();
            if (ordinal == -1)
            {
                return null;
            }
            if (ordinal < 0 || ordinal >= values.length)
            {
                throw corrupt(what + " ordinal " + ordinal + " out of range");
            }
            return values[ordinal];
        }

        int[] readInts(final String what)
        {
            final int count = readCount(Integer.BYTES, what);
            if (count == NULL_LENGTH)
            {
                return null;
            }
            final int[] values = new int[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = readInt();
            }
            return values;
        }

        long[] readLongs(final String what)
        {
            final int count = readCount(Long.BYTES, what);
            if (count == NULL_LENGTH)
            {
                return null;
            }
            final long[] values = new long[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = readLong();
            }
            return values;
        }

        /** Lists in domain values are never null and hold no nulls (they are {@code List.copyOf} copies). */
        List<String> readStrings(final String what)
        {
            final int count = readCount(Integer.BYTES, what);
            if (count == NULL_LENGTH)
            {
                throw corrupt(what + " list is null");
            }
            final List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                final String value = readString();
                if (value == null)
                {
                    throw corrupt(what + " list holds a null");
                }
                values.add(value);
            }
            return values;
        }

        Key128 readKey(final String what)
        {
            return readPresence(what) ? new Key128(readLong(), readLong()) : null;
        }

        OffsetDateTime readTime(final String what)
        {
            if (!readPresence(what))
            {
                return null;
            }
            final long epochSecond = readLong();
            final int nano = readInt();
            final int offsetSeconds = readInt();
            if (nano < 0 || nano > MAX_NANO)
            {
                throw corrupt(what + " has " + nano + " nanoseconds");
            }
            try
            {
                return OffsetDateTime.ofInstant(
                    Instant.ofEpochSecond(epochSecond, nano), ZoneOffset.ofTotalSeconds(offsetSeconds));
            }
            catch (final DateTimeException | ArithmeticException ex)
            {
                throw corrupt(what + " is not a time: " + ex.getMessage());
            }
        }

        PollDefinition readDefinition()
        {
            final String id = readString();
            final String title = readString();
            final PollKind kind = readEnum(PollKind.values(), "kind");
            final List<String> channels = readStrings("channels");
            final OffsetDateTime opensAt = readTime("opensAt");
            final OffsetDateTime closesAt = readTime("closesAt");
            final RevotePolicy revote =
                readEnum(RevotePolicy.values(), "revote");
            final int minSelections = readInt();
            final int maxSelections = readInt();
            final int itemCount = readCount(Integer.BYTES * 4, "items");
            if (itemCount == NULL_LENGTH)
            {
                throw corrupt("items list is null");
            }
            final List<Item> items = new ArrayList<>(itemCount);
            for (int i = 0; i < itemCount; i++)
            {
                items.add(version >= VERSION ? new Item(readInt(), readString(), readString(), readString(), readString(),
                    readString()) : new Item(readInt(), readString(), readString(), readString()));
            }
            final List<String> grades = readStrings("grades");
            final int missingGrade = readInt();
            final int maxArgumentLength = readInt();
            if (version == VERSION_1)
            {
                return new PollDefinition(id, title, kind, channels, opensAt, closesAt, revote, minSelections,
                    maxSelections, items, grades, missingGrade, maxArgumentLength);
            }
            final OffsetDateTime sheetsUntil = readTime("sheetsUntil");
            final Publication publication = readEnum(Publication.values(), "publication");
            final int commitEvery = readInt();
            if (version == VERSION_2)
            {
                return new PollDefinition(id, title, kind, channels, opensAt, closesAt, revote, minSelections,
                    maxSelections, items, grades, missingGrade, maxArgumentLength, sheetsUntil, publication,
                    commitEvery);
            }
            final int standCount = readCount(Integer.BYTES * 3, "stands");
            if (standCount == NULL_LENGTH)
            {
                throw corrupt("stands list is null");
            }
            final List<Stand> stands = new ArrayList<>(standCount);
            for (int i = 0; i < standCount; i++)
            {
                stands.add(new Stand(readString(), readString(), readString()));
            }
            final PaperEntry paperEntry = readEnum(PaperEntry.values(), "paperEntry");
            final String orderSeedSha256 = readString();
            return new PollDefinition(id, title, kind, channels, opensAt, closesAt, revote, minSelections,
                maxSelections, items, grades, missingGrade, maxArgumentLength, sheetsUntil, publication, commitEvery,
                stands, paperEntry, orderSeedSha256,
                version >= VERSION ? readEnum(Proposals.values(), "proposals") : Proposals.OPERATORS);
        }

        JournalEntry.PollSealed readSeal()
        {
            return new JournalEntry.PollSealed(readString(), readDigest("resultsSha256"), readDigest("receiptsSha256"),
                readInt(), readString());
        }

        Ballot readBallot()
        {
            final String pollId = readString();
            final String ballotId = version == VERSION_1 ? readString() : null;
            final Key128 receipt;
            final Key128 voter;
            if (version == VERSION_1)
            {
                voter = readKey("voter");
                receipt = readKey("receipt");
            }
            else
            {
                receipt = readKey("ballotKey");
                voter = readKey("voter");
            }
            final String channel = readString();
            final long castAt = readLong();
            final String stand = version >= VERSION_3 ? readString() : null;
            final int tag = readByte();
            final BallotContent content = switch (tag)
            {
                case CONTENT_NULL -> null;
                case CONTENT_SELECTION -> new BallotContent.Selection(readInts("selection"));
                case CONTENT_OPINION -> readOpinion();
                case CONTENT_GRADES -> new BallotContent.Grades(readInts("graded items"), readInts("grades"));
                case CONTENT_WITHDRAWAL -> new BallotContent.Withdrawal(readInt());
                default -> throw corrupt("unknown ballot content tag " + tag);
            };
            return new Ballot(pollId, ballotId, voter, receipt, channel, castAt, content, stand);
        }

        TallySheet readSheet()
        {
            final String pollId = readString();
            final String sheetId = readString();
            final String stand = readString();
            final String channel = readString();
            final long ballots = readLong();
            final int[] items = readInts("sheet items");
            final int rows = readCount(Integer.BYTES, "count rows");
            long[][] counts = null;
            if (rows != NULL_LENGTH)
            {
                counts = new long[rows][];
                for (int i = 0; i < rows; i++)
                {
                    counts[i] = readLongs("counts");
                }
            }
            if (version < VERSION_3)
            {
                return new TallySheet(pollId, sheetId, stand, channel, ballots, items, counts);
            }
            return new TallySheet(pollId, sheetId, stand, channel, ballots, items, counts, readLong(), readLong(),
                readLong(), null);
        }

        private BallotContent.Opinion readOpinion()
        {
            final int item = readInt();
            final Choice choice = readEnum(Choice.values(), "choice");
            if (version == VERSION_1)
            {
                return new BallotContent.Opinion(item, choice, readString());
            }
            if (version < VERSION)
            {
                return new BallotContent.Opinion(item, choice, readPresence("argument") ? readArgument() : null);
            }
            final int form = readByte();
            return switch (form)
            {
                case ARGUMENT_NONE -> new BallotContent.Opinion(item, choice, null);
                case ARGUMENT_CLEAR -> readClear(item, choice);
                case ARGUMENT_ENCRYPTED -> new BallotContent.Opinion(item, choice, null, readSealed());
                default -> throw corrupt("argument form " + form + " is not 0, 1 or 2");
            };
        }

        /** A text in clear (a cluster's log): its tag when it has one, then the text checked against its digest. */
        private BallotContent.Opinion readClear(final int item, final Choice choice)
        {
            final byte[] tag = readTag();
            final String text = readArgument();
            return new BallotContent.Opinion(item, choice, text, tag == null ? null : SealedArgument.of(text, tag));
        }

        private byte[] readTag()
        {
            return readPresence("argument tag") ? readBytes(SealedArgument.TAG_LENGTH, "argument tag") : null;
        }

        /** An encrypted argument's facts and tag, and its ciphertext, checked against the digest the body chains. */
        private SealedArgument readSealed()
        {
            final int length = readInt();
            if (length < 0)
            {
                throw corrupt("argument length " + length);
            }
            final boolean blank = readPresence("blank");
            final byte[] tag = readTag();
            final byte[] digest = readDigest("argument digest");
            final BodyReader side = side();
            final int sideLength = side.limit - side.position;
            final byte[] cipher = Arrays.copyOfRange(side.bytes, side.position, side.position + sideLength);
            if (!MessageDigest.isEqual(digest, ARGUMENT_DIGESTS.get().digest(cipher)))
            {
                throw corrupt("the argument's ciphertext does not have the SHA-256 its record chains");
            }
            side.position += sideLength;
            return new SealedArgument(length, blank, tag, cipher);
        }

        private byte[] readBytes(final int count, final String what)
        {
            require(count, what);
            final byte[] value = Arrays.copyOfRange(bytes, position, position + count);
            position += count;
            return value;
        }

        /** The side's text, checked against the digest the body chains. */
        private String readArgument()
        {
            final byte[] digest = readDigest("argument digest");
            final BodyReader side = side();
            final int length = side.limit - side.position;
            if (Utf8.firstIllFormed(side.bytes, side.position, length) != Utf8.WELL_FORMED)
            {
                throw corrupt("argument text of " + length + " bytes is not UTF-8");
            }
            final MessageDigest sha256 = ARGUMENT_DIGESTS.get();
            sha256.update(side.bytes, side.position, length);
            if (!MessageDigest.isEqual(digest, sha256.digest()))
            {
                throw corrupt("the argument text does not have the SHA-256 its record chains");
            }
            final String text = new String(side.bytes, side.position, length, StandardCharsets.UTF_8);
            side.position += length;
            return text;
        }

        void requireFullyRead()
        {
            if (position != limit)
            {
                throw corrupt((limit - position) + " bytes left over after the body");
            }
        }

        /** Where the record's side section lies: read through {@link #side()}, made only for a record that has one. */
        void sideAt(final int offset, final int length)
        {
            sideOffset = offset;
            sideLength = length;
        }

        private BodyReader side()
        {
            if (side == null)
            {
                side = new BodyReader(bytes, sideOffset, sideLength);
            }
            return side;
        }

        void requireSideFullyRead()
        {
            if (side != null)
            {
                side.requireFullyRead();
            }
            else if (sideLength != 0)
            {
                throw corrupt(sideLength + " bytes left over after the body");
            }
        }
    }
}
