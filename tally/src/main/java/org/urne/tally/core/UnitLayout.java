package org.urne.tally.core;

import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * How a poll packs a unit row of its {@link BallotTable}: the unit's key, its current ballot's receipt and cast
 * time (words 0-4, every layout), then the ballot itself in one of three layouts.
 *
 * <p><b>Compact selection</b> (priority polls whose selections fit 32 bits, Clermont's 5 of 40 among them): word 5
 * holds the position relative to the poll's definition in its high 32 bits, and in its low 32 the selected items in
 * the order the ballot gave them (each item's index plus one, {@link #itemBits} wide; 0 ends the list), the channel
 * and the withdrawn flag. The fingerprint is not stored: the order kept is the ballot's, so it is recomputed
 * exactly. Six words, 48 bytes.
 *
 * <p><b>Compact opinion</b> (every opinion poll): word 5 holds the relative position in its high 32 bits and the
 * decoded meta word (channel, withdrawn, argument, choice, item) in its low 32. The fingerprint is recomputed from
 * those fields when the ballot carries no argument; a ballot whose fingerprint they do not give (an argued one)
 * keeps it beside the table, and the meta word says so ({@code PollTally}'s {@code META_FINGERPRINT_ASIDE}). Six
 * words, 48 bytes.
 *
 * <p>Both compact layouts limit the relative position to {@link #MAX_RELATIVE_POSITION}: a ballot further from its
 * poll's definition than 4.29 billion records is refused with an exception, never truncated.
 *
 * <p><b>Wide</b> (every other poll): word 5 the absolute position, word 6 the fingerprint in the high half and the
 * decoded meta word in the low, then the content: a priority ballot's item bitmap, a judgment ballot's grades at
 * {@link #gradeBits} each.
 */
final class UnitLayout
{
    static final int UNIT_HI = 0;
    static final int UNIT_LO = 1;
    static final int RECEIPT_HI = 2;
    static final int RECEIPT_LO = 3;
    static final int CAST_AT = 4;
    static final int BALLOT = 5;
    static final int META = 6;
    static final int CONTENT = 7;
    static final long MAX_RELATIVE_POSITION = 0xFFFF_FFFFL;

    private static final int COMPACT_BITS = 32;

    /** Word 5 holds the position relative to the definition (high half) and the ballot (low half). */
    final boolean compact;
    /** Compact, the low half the selected items, channel and withdrawn flag (priority). */
    final boolean selectionInWord;
    /** Compact, the low half the meta word (opinion). */
    final boolean metaInWord;
    final int width;
    final int contentLongs;
    final int itemBits;
    final int selectionBits;
    final int gradeBits;
    final int gradesPerLong;
    private final int channelBits;

    private UnitLayout(final PollDefinition definition)
    {
        final int items = definition.items().size();
        this.channelBits = 32 - Integer.numberOfLeadingZeros(definition.channels().size() - 1);
        this.itemBits = 32 - Integer.numberOfLeadingZeros(items);
        this.gradeBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(definition.cellsPerItem() - 1));
        this.gradesPerLong = Long.SIZE / gradeBits;
        final PollKind kind = definition.kind();
        this.selectionInWord = kind == PollKind.PRIORITY &&
            (long)definition.maxSelections() * itemBits + channelBits + 1 <= COMPACT_BITS;
        this.metaInWord = kind == PollKind.OPINION;
        this.compact = selectionInWord || metaInWord;
        this.selectionBits = selectionInWord ? definition.maxSelections() * itemBits : 0;
        this.contentLongs = compact ? 0 : switch (kind)
        {
            case PRIORITY -> (items + 63) / 64;
            case JUDGMENT -> (items + gradesPerLong - 1) / gradesPerLong;
            case OPINION -> 0;
        };
        this.width = compact ? BALLOT + 1 : CONTENT + contentLongs;
    }

    static UnitLayout of(final PollDefinition definition)
    {
        return new UnitLayout(definition);
    }

    /**
     * Refuses, loudly, a ballot too far from its poll's definition for the compact layout: called before the
     * ballot changes anything, so the state stays as it was.
     */
    void requirePosition(final long relativePosition)
    {
        if (compact && relativePosition > MAX_RELATIVE_POSITION)
        {
            throw new IllegalStateException("a ballot " + relativePosition + " records after its poll's definition:" +
                " the compact layout holds at most " + MAX_RELATIVE_POSITION);
        }
    }

    /**
     * The compact selection word 5 for a ballot at {@code relativePosition} (checked) from its poll's definition.
     */
    long compactWord(final long relativePosition, final int channel, final boolean withdrawn, final long selection)
    {
        return (relativePosition << COMPACT_BITS) | (withdrawn ? 1L << (selectionBits + channelBits) : 0) |
            ((long)channel << selectionBits) | selection;
    }

    /** The compact opinion word 5 for a ballot at {@code relativePosition} (checked), with its 32-bit meta word. */
    static long metaWord(final long relativePosition, final long meta)
    {
        return (relativePosition << COMPACT_BITS) | meta;
    }

    /** The meta word of a compact opinion word 5. */
    static long meta(final long word)
    {
        return word & 0xFFFF_FFFFL;
    }

    /** The selected items of a compact word, as packed (see {@link #itemBits}). */
    long selection(final long word)
    {
        return word & ((1L << selectionBits) - 1);
    }

    int compactChannel(final long word)
    {
        return (int)(word >>> selectionBits) & ((1 << channelBits) - 1);
    }

    boolean compactWithdrawn(final long word)
    {
        return (word & (1L << (selectionBits + channelBits))) != 0;
    }

    long compactRelativePosition(final long word)
    {
        return word >>> COMPACT_BITS;
    }
}
