package org.urne.tally.core;

import static org.urne.tally.core.RowStore.setWordAt;
import static org.urne.tally.core.RowStore.wordAt;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.SealedArgument;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.TallySheetValidator;

/**
 * The counts of one poll and what they need to stay exact under revotes, retries and corrections.
 *
 * <p>Counters are one flat {@code long[]} indexed by (item, cell, channel), where a cell is the one vote of a
 * priority item, a choice of an opinion item or a grade of a judgment item. Each counted unit (the voter, or for
 * opinion polls the voter and proposal) keeps its current ballot, with that ballot's receipt, in a row of
 * {@link #table}, so a revote or withdrawal can take exactly that ballot out; every other receipt is remembered
 * there too, so a retry changes nothing. The state hash is computed from the same entries, word for word, as the
 * two tables of earlier versions held, so a journal replays to the same hash whichever version replays it.
 */
final class PollTally
{
    private static final long META_CHANNEL_MASK = 0xFF;
    private static final long META_WITHDRAWN = 1L << 8;
    private static final long META_ARGUMENT = 1L << 9;
    private static final int META_CHOICE_SHIFT = 10;
    private static final int META_ITEM_SHIFT = 12;
    /**
     * Set in a compact opinion row's meta word when the row cannot give its ballot's fingerprint back (the ballot
     * carried an argument): {@link #fingerprintsAside} holds it. Items stop below bit 26 ({@code MAX_ITEMS}).
     */
    private static final long META_FINGERPRINT_ASIDE = 1L << 31;
    private static final int LEGACY_CHOICE_SHIFT = 16;
    private static final int LEGACY_ITEM_SHIFT = 32;
    private static final int LEGACY_GRADES_PER_LONG = 8;
    private static final int RECEIPT_LINE = 33;
    private static final byte[] HEX_DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd',
        'e', 'f'};

    /** The poll as journaled by its definition record: what a redefinition is compared with. */
    final PollDefinition defined;
    /** The poll as it stands: {@link #defined}, then the items added while it ran (opinion polls only). */
    PollDefinition definition;
    final long definedAt;
    private final PollKind kind;
    private int itemCount;
    private final int cells;
    private final int channelCount;
    private int[] itemIds;
    private ItemIndex itemIndexById;
    /** Each item's status by index, for the ballot path; {@link #moderated} holds the same, by id, for readers. */
    private ItemStatus[] itemStatuses;
    /** The items that are not published, by id: most often none. */
    private final Map<Integer, ItemStatus> moderated = new HashMap<>();
    private long[] counts;
    private final long[] ballots;
    private long[] arguments;
    /** Opinion polls: {@link #arguments} per choice, {@code [item * 3 + choice]}; not hashed, it follows them. */
    private long[] argumentsByStance;
    /** Opinion polls: the argument texts and which of them count; null for other kinds. */
    final PollArguments argumentBook;
    /** Opinion polls: the distinct voters with a counted opinion; null for the other kinds (one unit per voter). */
    private final Participants participants;
    private final UnitLayout layout;
    private final BallotTable table;
    private final Map<String, SheetContribution> sheets = new HashMap<>();
    private final PaperBook paper;
    private final int paperChannel;
    /** Set when a ballot changed a stand's counts (a revote over a typed ballot), for {@link #takePaperChanged}. */
    private boolean standCountsChanged;
    private final long[] scratchContent;
    /** Opinion polls: by unit row, the fingerprints their compact rows cannot recompute (argued ballots). */
    private final FingerprintsAside fingerprintsAside;
    private final int[] scratchGrades;
    private long scratchSelection;
    private boolean opened;
    private boolean closed;
    /** The canonical results CSV (UTF-8) the poll was sealed with, or null while it is not sealed. */
    private byte[] sealedCsv;
    private long lastCommitMicros = PollDefinition.NO_TIME;
    private byte[] countedReceipts;
    private byte[] countedReceiptsSha256;

    PollTally(final PollDefinition definition, final long definedAt)
    {
        this.defined = definition;
        this.definition = definition;
        this.definedAt = definedAt;
        this.kind = definition.kind();
        this.itemCount = definition.items().size();
        this.cells = definition.cellsPerItem();
        this.channelCount = definition.channels().size();
        this.itemIds = new int[itemCount];
        for (int i = 0; i < itemCount; i++)
        {
            itemIds[i] = definition.items().get(i).id();
        }
        this.itemIndexById = new ItemIndex(itemIds);
        this.itemStatuses = new ItemStatus[itemCount];
        Arrays.fill(itemStatuses, ItemStatus.PUBLISHED);
        this.counts = new long[itemCount * cells * channelCount];
        this.ballots = new long[channelCount];
        this.arguments = new long[itemCount];
        this.argumentsByStance = new long[kind == PollKind.OPINION ? itemCount * cells : 0];
        this.argumentBook = kind == PollKind.OPINION ? new PollArguments(this) : null;
        this.participants = kind == PollKind.OPINION ? new Participants() : null;
        this.layout = UnitLayout.of(definition);
        this.table = new BallotTable(layout.width);
        this.fingerprintsAside = layout.metaInWord ? new FingerprintsAside() : null;
        // Priority ballots are decoded into an item bitmap even in the compact layout: it finds repeated items.
        this.scratchContent = new long[kind == PollKind.PRIORITY ? (itemCount + 63) / 64 : layout.contentLongs];
        this.scratchGrades = new int[itemCount];
        this.paper = new PaperBook(definition);
        this.paperChannel = definition.channelIndex(PollState.PAPER_CHANNEL);
    }

    PollStatus statusAt(final long timeMicros)
    {
        return PollState.statusAt(definition, opened, closed, timeMicros);
    }

    PollState state()
    {
        return new PollState(definition, opened, closed, isSealed(), defined.items().size(), moderated);
    }

    /** The id the next added item gets: one more than the highest so far, or -1 when there is none left. */
    int nextItemId()
    {
        final int highest = Arrays.stream(itemIds).max().orElse(-1);
        return highest == Integer.MAX_VALUE ? -1 : highest + 1;
    }

    int itemCount()
    {
        return itemCount;
    }

    /**
     * Adds an item last (opinion polls: counters are item-major, so every counter keeps its index): it starts
     * published, with no opinion.
     */
    void addItem(final Item item)
    {
        final List<Item> items = new ArrayList<>(definition.items());
        items.add(item);
        definition = definition.withItems(items);
        itemCount++;
        itemIds = Arrays.copyOf(itemIds, itemCount);
        itemIds[itemCount - 1] = item.id();
        itemIndexById = new ItemIndex(itemIds);
        itemStatuses = Arrays.copyOf(itemStatuses, itemCount);
        itemStatuses[itemCount - 1] = ItemStatus.PUBLISHED;
        counts = Arrays.copyOf(counts, itemCount * cells * channelCount);
        arguments = Arrays.copyOf(arguments, itemCount);
        argumentsByStance = Arrays.copyOf(argumentsByStance, itemCount * cells);
        paper.itemAdded(definition);
    }

    /** The status of the item with this id, or null when the poll has none. */
    ItemStatus itemStatus(final int itemId)
    {
        final int index = itemIndexById.indexOf(itemId);
        return index < 0 ? null : itemStatuses[index];
    }

    void itemStatus(final int itemId, final ItemStatus status)
    {
        itemStatuses[itemIndexById.indexOf(itemId)] = status;
        if (status == ItemStatus.PUBLISHED)
        {
            moderated.remove(itemId);
        }
        else
        {
            moderated.put(itemId, status);
        }
    }

    boolean isSealed()
    {
        return sealedCsv != null;
    }

    /** Seals the poll with the canonical CSV its seal's digest was checked against: its results from now on. */
    void seal(final byte[] canonicalCsv)
    {
        sealedCsv = canonicalCsv;
    }

    /** The canonical CSV the poll was sealed with, or null; callers never write into it. */
    byte[] sealedCsv()
    {
        return sealedCsv;
    }

    boolean resultsPublicAt(final long timeMicros)
    {
        return PollState.resultsPublicAt(definition, opened, closed, isSealed(), timeMicros);
    }

    /** The record time of the poll's last accepted commitment, or {@link PollDefinition#NO_TIME}. */
    long lastCommitMicros()
    {
        return lastCommitMicros;
    }

    void commit(final long timeMicros)
    {
        lastCommitMicros = timeMicros;
    }

    boolean isClosedExplicitly()
    {
        return closed;
    }

    void open()
    {
        opened = true;
    }

    void close()
    {
        closed = true;
    }

    /**
     * Applies a ballot; the result goes to {@code out}. {@code recordsToCome}: how many records a replay expects
     * after this one (0 or less when it does not know), for sizing a grown index.
     */
    void applyBallot(
        final long position, final long timeMicros, final Ballot ballot, final long recordsToCome,
        final ApplyResult out)
    {
        if (!isComplete(ballot))
        {
            out.set(Outcome.REJECTED, RejectReason.INVALID);
            return;
        }
        final Key128 receipt = ballot.receipt();
        final int channel = definition.channelIndex(ballot.channel());
        final BallotContent content = ballot.content();
        final int opinionItemIndex = opinionItemIndex(content);
        final long unitHi = unitHi(ballot, opinionItemIndex);
        final long unitLo = unitLo(ballot, opinionItemIndex);

        layout.requirePosition(position - definedAt);
        // The indexes are far larger than the caches, so each search is a cache miss. The two are independent:
        // issuing the unit's before branching on the receipt's lets the out-of-order core overlap the misses.
        table.reserve(position - definedAt, recordsToCome);
        final long receiptHash = Key128.hash(receipt.hi(), receipt.lo());
        final long unitHash = Key128.hash(unitHi, unitLo);
        final int receiptRef = table.findReceipt(receipt.hi(), receipt.lo(), receiptHash);
        final int unit = table.findUnit(unitHi, unitLo, unitHash);
        if (receiptRef >= 0)
        {
            if (receiptFingerprint(receiptRef) == fingerprint(ballot, channel))
            {
                out.set(Outcome.DUPLICATE, null);
            }
            else
            {
                out.set(Outcome.REJECTED, RejectReason.BALLOT_ID_CONFLICT);
            }
            return;
        }

        final long meta;
        if (kind == PollKind.OPINION)
        {
            meta = channel < 0 || opinionItemIndex < 0 ? -1 : opinionMeta(channel, opinionItemIndex, content);
        }
        else
        {
            meta = channel < 0 ? -1 : decodeContent(channel, content);
        }

        if (isSealed())
        {
            out.set(Outcome.REJECTED, RejectReason.POLL_SEALED);
        }
        else if (!PollState.takesBallotAt(definition, opened, closed, false, ballot.channel(), timeMicros))
        {
            out.set(Outcome.REJECTED, RejectReason.POLL_NOT_OPEN);
        }
        else if (meta < 0)
        {
            out.set(Outcome.REJECTED, RejectReason.INVALID);
        }
        else if (kind == PollKind.OPINION && content instanceof BallotContent.Opinion &&
            itemStatuses[opinionItemIndex] != ItemStatus.PUBLISHED)
        {
            // A withdrawal still takes a voter's opinion off a hidden or withdrawn item.
            out.set(Outcome.REJECTED, RejectReason.ITEM_NOT_PUBLISHED);
        }
        else if (ballot.stand() != null)
        {
            if (applyTyped(unitHi, unitLo, unitHash, unit, ballot, position, meta, channel, receiptHash, out))
            {
                return;
            }
        }
        else if (applyToUnit(unitHi, unitLo, unitHash, unit, ballot, position, meta, channel, receiptHash, out))
        {
            return;
        }
        // The ballot is no unit's current one: its receipt gets a row of its own.
        final int row = table.addReceiptRow();
        writeReceiptRow(row, receipt.hi(), receipt.lo(), position, receiptMeta(fingerprint(ballot, channel), out),
            unitHi, unitLo);
        table.indexReceipt(receiptHash, (row << 1) | 1);
    }

    /**
     * Reads, changing nothing, the index slots where applying this ballot will search its unit and receipt, and
     * returns what it read (for the caller to keep, so the reads cannot be optimised away).
     */
    int prefetch(final Ballot ballot)
    {
        if (!isComplete(ballot))
        {
            return 0;
        }
        final int opinionItemIndex = opinionItemIndex(ballot.content());
        return table.touch(Key128.hash(unitHi(ballot, opinionItemIndex), unitLo(ballot, opinionItemIndex)),
            Key128.hash(ballot.receipt().hi(), ballot.receipt().lo()));
    }

    /** For opinion polls, the index of the proposal a ballot is about (-1 if unknown); -1 for the other kinds. */
    /** The index of an item of the poll in definition order, or -1 when the poll has no such item. */
    int itemIndex(final int itemId)
    {
        return itemIndexById.indexOf(itemId);
    }

    private int opinionItemIndex(final BallotContent content)
    {
        if (kind != PollKind.OPINION)
        {
            return -1;
        }
        final int item = content instanceof BallotContent.Opinion opinion ? opinion.item() :
            content instanceof BallotContent.Withdrawal withdrawal ? withdrawal.item() : BallotContent.NO_ITEM;
        return itemIndexById.indexOf(item);
    }

    /**
     * The high half of the unit's key: the voter's, or for opinion polls the voter's and proposal's. Adding
     * item * (an odd constant) to the low half keeps one voter's units distinct for sure; across voters a clash
     * needs a 128-bit collision of HMAC outputs.
     */
    private long unitHi(final Ballot ballot, final int opinionItemIndex)
    {
        return kind == PollKind.OPINION ? ballot.voter().hi() ^ StateHash.mix(0x5DEECE66DL, opinionItemIndex + 1L) :
            ballot.voter().hi();
    }

    private long unitLo(final Ballot ballot, final int opinionItemIndex)
    {
        return kind == PollKind.OPINION ? ballot.voter().lo() + opinionItemIndex * 0x9E3779B97F4A7C15L :
            ballot.voter().lo();
    }

    /** The voter key's high half back from an opinion unit's (the inverse of {@link #unitHi}). */
    private static long voterHi(final long unitHi, final int itemIndex)
    {
        return unitHi ^ StateHash.mix(0x5DEECE66DL, itemIndex + 1L);
    }

    /** The voter key's low half back from an opinion unit's (the inverse of {@link #unitLo}). */
    private static long voterLo(final long unitLo, final int itemIndex)
    {
        return unitLo - itemIndex * 0x9E3779B97F4A7C15L;
    }

    /**
     * A paper ballot typed from a stand's box: refused when its stand is unknown, its castAt outside the poll's
     * window or its stand's box entered as sheets; else {@link #applyToUnit}, with the row it replaces kept for an
     * annulment to write back.
     */
    private boolean applyTyped(
        final long unitHi, final long unitLo, final long unitHash, final int unit, final Ballot ballot,
        final long position, final long meta, final int channel, final long receiptHash, final ApplyResult out)
    {
        final PaperBook.StandTally stand = paper.stand(ballot.stand());
        final RejectReason refusal = typedRefusal(ballot, channel, stand);
        if (refusal != null)
        {
            out.set(Outcome.REJECTED, refusal);
            return false;
        }
        final boolean replaces = unit >= 0 && !paper.isEmptyUnit(unit);
        paper.addTyped(ballot.receipt(), stand, replaces ? copyOfRow(unit) : null);
        final boolean current =
            applyToUnit(unitHi, unitLo, unitHash, unit, ballot, position, meta, channel, receiptHash, out);
        if (out.outcome() == Outcome.REJECTED)
        {
            paper.removeTyped(ballot.receipt());
        }
        else
        {
            stand.mode = PaperView.BoxMode.TYPED;
        }
        return current;
    }

    private RejectReason typedRefusal(final Ballot ballot, final int channel, final PaperBook.StandTally stand)
    {
        final long opensAt = definition.opensAtMicros();
        final long closesAt = definition.closesAtMicros();
        if (stand == null || channel != paperChannel || opensAt != PollDefinition.NO_TIME && ballot.castAt() < opensAt ||
            closesAt != PollDefinition.NO_TIME && ballot.castAt() > closesAt)
        {
            return RejectReason.INVALID;
        }
        return stand.mode == PaperView.BoxMode.SHEETS ? RejectReason.BOX_ENTERED_OTHERWISE : null;
    }

    /**
     * The unit's row as a typed ballot keeps what it replaced. A compact opinion row is copied as the wide layout
     * held it (absolute position, fingerprint and meta word), which the paper book hashes as earlier versions did.
     */
    private long[] copyOfRow(final int unit)
    {
        final ByteBuffer u = table.unitChunk(unit);
        final int at = table.unitOffset(unit);
        if (!layout.metaInWord)
        {
            final long[] copy = new long[layout.width];
            RowStore.copyOut(u, at, copy, 0, layout.width);
            return copy;
        }
        final long[] copy = new long[UnitLayout.CONTENT];
        RowStore.copyOut(u, at, copy, 0, UnitLayout.BALLOT);
        copy[UnitLayout.BALLOT] = currentPosition(u, at);
        copy[UnitLayout.META] = (currentFingerprint(unit) << 32) | metaOf(u, at);
        return copy;
    }

    /**
     * Makes the decoded ballot in {@code meta}, {@link #scratchContent} and {@link #scratchSelection} the unit's
     * current one, or refuses; returns whether it became current (then its receipt is indexed at the unit's row).
     * {@code unit} is the unit's row, or -1 when the unit has none yet.
     */
    private boolean applyToUnit(
        final long unitHi, final long unitLo, final long unitHash, final int unit, final Ballot ballot,
        final long position, final long meta, final int channel, final long receiptHash, final ApplyResult out)
    {
        final boolean withdrawal = (meta & META_WITHDRAWN) != 0;
        final int row;
        if (unit >= 0 && !paper.isEmptyUnit(unit))
        {
            if (definition.revote() == RevotePolicy.FIRST)
            {
                out.set(Outcome.REJECTED, RejectReason.ALREADY_COUNTED);
                return false;
            }
            if (ballot.castAt() < wordAt(table.unitChunk(unit), table.unitOffset(unit) + UnitLayout.CAST_AT))
            {
                out.set(Outcome.STALE, null);
                return false;
            }
            count(unit, -1);
            out.replaced(currentPosition(table.unitChunk(unit), table.unitOffset(unit)));
            moveCurrentReceipt(unit);
            row = unit;
        }
        else
        {
            if (withdrawal && definition.revote() == RevotePolicy.FIRST)
            {
                // Nothing counted yet, nothing to withdraw, and no unit: the voter's first ballot is still to come.
                out.set(Outcome.ACCEPTED, null);
                return false;
            }
            if (unit >= 0)
            {
                paper.filled(unit); // a unit an annulment emptied: as if new
            }
            row = unit >= 0 ? unit : table.addUnit(unitHi, unitLo, unitHash);
        }
        final ByteBuffer u = table.unitChunk(row);
        final int at = table.unitOffset(row);
        setWordAt(u, at + UnitLayout.RECEIPT_HI, ballot.receipt().hi());
        setWordAt(u, at + UnitLayout.RECEIPT_LO, ballot.receipt().lo());
        setWordAt(u, at + UnitLayout.CAST_AT, ballot.castAt());
        if (layout.selectionInWord)
        {
            setWordAt(u, at + UnitLayout.BALLOT, layout.compactWord(position - definedAt,
                (int)(meta & META_CHANNEL_MASK), withdrawal, scratchSelection));
        }
        else if (layout.metaInWord)
        {
            writeOpinion(u, at, row, position - definedAt, meta, fingerprint(ballot, channel));
        }
        else
        {
            setWordAt(u, at + UnitLayout.BALLOT, position);
            setWordAt(u, at + UnitLayout.META, (fingerprint(ballot, channel) << 32) | meta);
            RowStore.copyIn(scratchContent, 0, u, at + UnitLayout.CONTENT, layout.contentLongs);
        }
        count(row, +1);
        table.indexReceipt(receiptHash, row << 1);
        out.set(Outcome.ACCEPTED, null);
        return true;
    }

    /** Gives the unit's current receipt, about to be replaced, a receipt row of its own. */
    private void moveCurrentReceipt(final int unit)
    {
        final ByteBuffer u = table.unitChunk(unit);
        final int at = table.unitOffset(unit);
        final long hi = wordAt(u, at + UnitLayout.RECEIPT_HI);
        final long lo = wordAt(u, at + UnitLayout.RECEIPT_LO);
        final int row = table.addReceiptRow();
        writeReceiptRow(row, hi, lo, currentPosition(u, at),
            receiptMeta(currentFingerprint(unit), Outcome.ACCEPTED, null),
            wordAt(u, at + UnitLayout.UNIT_HI), wordAt(u, at + UnitLayout.UNIT_LO));
        table.repointReceipt(hi, lo, Key128.hash(hi, lo), (row << 1) | 1);
    }

    private void writeReceiptRow(
        final int row, final long hi, final long lo, final long position, final long meta, final long unitHi,
        final long unitLo)
    {
        final ByteBuffer r = table.receiptChunk(row);
        final int at = table.receiptOffset(row);
        setWordAt(r, at + BallotTable.RECEIPT_HI, hi);
        setWordAt(r, at + BallotTable.RECEIPT_LO, lo);
        setWordAt(r, at + BallotTable.RECEIPT_POSITION, position);
        setWordAt(r, at + BallotTable.RECEIPT_META, meta);
        setWordAt(r, at + BallotTable.RECEIPT_UNIT_HI, unitHi);
        setWordAt(r, at + BallotTable.RECEIPT_UNIT_LO, unitLo);
    }

    /**
     * Adds (sign +1) or removes (-1) a unit's current ballot from the counters, and a typed paper ballot's also
     * from its stand's.
     */
    private void count(final int row, final int sign)
    {
        final int channel = count(row, sign, counts, channelCount, -1);
        if (channel == paperChannel && channel >= 0 && paper.hasTyped())
        {
            final ByteBuffer u = table.unitChunk(row);
            final int at = table.unitOffset(row);
            final PaperBook.TypedBallot typed =
                paper.typed(wordAt(u, at + UnitLayout.RECEIPT_HI), wordAt(u, at + UnitLayout.RECEIPT_LO));
            if (typed != null)
            {
                typed.stand.typedBallots += sign;
                count(row, sign, typed.stand.typedCells, 1, 0);
                standCountsChanged = true;
            }
        }
    }

    /**
     * Adds a unit's current ballot to {@code target}, indexed by (item, cell) times {@code stride} plus the channel
     * ({@code onlyChannel}, or the ballot's own when negative); the poll's own counters also take its ballot and
     * argument. Returns the ballot's channel, or -1 for a withdrawal, which counts nothing.
     */
    private int count(final int row, final int sign, final long[] target, final int stride, final int onlyChannel)
    {
        final boolean own = target == counts;
        final ByteBuffer u = table.unitChunk(row);
        final int at = table.unitOffset(row);
        if (layout.selectionInWord)
        {
            final long word = wordAt(u, at + UnitLayout.BALLOT);
            if (layout.compactWithdrawn(word))
            {
                return -1;
            }
            final int ballotChannel = layout.compactChannel(word);
            final int channel = onlyChannel < 0 ? ballotChannel : onlyChannel;
            if (own)
            {
                ballots[channel] += sign;
            }
            final long itemMask = (1L << layout.itemBits) - 1;
            for (long selection = layout.selection(word); selection != 0; selection >>>= layout.itemBits)
            {
                target[((int)(selection & itemMask) - 1) * stride + channel] += sign;
            }
            return ballotChannel;
        }
        final long meta = metaOf(u, at);
        if ((meta & META_WITHDRAWN) != 0)
        {
            return -1;
        }
        final int ballotChannel = (int)(meta & META_CHANNEL_MASK);
        final int channel = onlyChannel < 0 ? ballotChannel : onlyChannel;
        if (own)
        {
            ballots[channel] += sign;
        }
        switch (kind)
        {
            case PRIORITY ->
            {
                for (int w = 0; w < layout.contentLongs; w++)
                {
                    long bits = wordAt(u, at + UnitLayout.CONTENT + w);
                    while (bits != 0)
                    {
                        final int item = w * 64 + Long.numberOfTrailingZeros(bits);
                        target[item * stride + channel] += sign;
                        bits &= bits - 1;
                    }
                }
            }
            case JUDGMENT -> countGrades(u, at + UnitLayout.CONTENT, target, stride, channel, sign);
            case OPINION ->
            {
                final int item = (int)(meta >>> META_ITEM_SHIFT);
                final int choice = (int)(meta >>> META_CHOICE_SHIFT) & 0x3;
                target[(item * cells + choice) * stride + channel] += sign;
                if (own)
                {
                    participants.add(voterHi(wordAt(u, at + UnitLayout.UNIT_HI), item),
                        voterLo(wordAt(u, at + UnitLayout.UNIT_LO), item), sign);
                    if ((meta & META_ARGUMENT) != 0)
                    {
                        arguments[item] += sign;
                        argumentsByStance[item * cells + choice] += sign;
                    }
                }
            }
        }
        return ballotChannel;
    }

    /** Word by word, shifting: a division by the grades per word for each item would cost more than the rest. */
    private void countGrades(
        final ByteBuffer u, final int from, final long[] target, final int stride, final int channel, final int sign)
    {
        final long gradeMask = (1L << layout.gradeBits) - 1;
        int item = 0;
        for (int w = from; item < itemCount; w++)
        {
            long grades = wordAt(u, w);
            for (int k = 0; k < layout.gradesPerLong && item < itemCount; k++)
            {
                target[(item * cells + (int)(grades & gradeMask)) * stride + channel] += sign;
                grades >>>= layout.gradeBits;
                item++;
            }
        }
    }

    private int grade(final ByteBuffer u, final int from, final int item)
    {
        return (int)(wordAt(u, from + item / layout.gradesPerLong) >>>
            ((item % layout.gradesPerLong) * layout.gradeBits)) & ((1 << layout.gradeBits) - 1);
    }

    /**
     * Decodes a priority or judgment ballot into {@link #scratchContent} (and a priority ballot's items in their
     * order into {@link #scratchSelection}) and returns its meta word, or -1 when the ballot does not fit the
     * definition (the journal should never hold one, but the core must not trust it).
     */
    private long decodeContent(final int channel, final BallotContent content)
    {
        Arrays.fill(scratchContent, 0);
        scratchSelection = 0;
        if (content instanceof BallotContent.Withdrawal withdrawal)
        {
            return withdrawal.item() == BallotContent.NO_ITEM ? channel | META_WITHDRAWN : -1;
        }
        if (kind == PollKind.PRIORITY && content instanceof BallotContent.Selection selection)
        {
            final int[] items = selection.items();
            if (items.length < definition.minSelections() || items.length > definition.maxSelections())
            {
                return -1;
            }
            for (int i = 0; i < items.length; i++)
            {
                final int index = itemIndexById.indexOf(items[i]);
                if (index < 0 || (scratchContent[index >>> 6] & (1L << index)) != 0)
                {
                    return -1;
                }
                scratchContent[index >>> 6] |= 1L << index;
                if (layout.compact)
                {
                    scratchSelection |= (index + 1L) << (i * layout.itemBits);
                }
            }
            return channel;
        }
        if (kind == PollKind.JUDGMENT && content instanceof BallotContent.Grades grades)
        {
            final int[] items = grades.items();
            final int[] given = grades.grades();
            if (items.length == 0 || items.length != given.length)
            {
                return -1;
            }
            Arrays.fill(scratchGrades, -1);
            for (int i = 0; i < items.length; i++)
            {
                final int index = itemIndexById.indexOf(items[i]);
                if (index < 0 || scratchGrades[index] >= 0 || given[i] < 0 || given[i] >= cells)
                {
                    return -1;
                }
                scratchGrades[index] = given[i];
            }
            int word = 0;
            int shift = 0;
            for (int index = 0; index < itemCount; index++)
            {
                final long grade = scratchGrades[index] < 0 ? definition.missingGrade() : scratchGrades[index];
                scratchContent[word] |= grade << shift;
                shift += layout.gradeBits;
                if (shift + layout.gradeBits > Long.SIZE)
                {
                    word++;
                    shift = 0;
                }
            }
            return channel;
        }
        return -1;
    }

    private long opinionMeta(final int channel, final int itemIndex, final BallotContent content)
    {
        final long itemBits = (long)itemIndex << META_ITEM_SHIFT;
        if (content instanceof BallotContent.Withdrawal)
        {
            return channel | META_WITHDRAWN | itemBits;
        }
        final BallotContent.Opinion opinion = (BallotContent.Opinion)content;
        if (opinion.choice() == null ||
            opinion.hasArgument() && opinion.argumentLength() > definition.maxArgumentLength())
        {
            return -1;
        }
        final boolean argued = opinion.argued();
        return channel | itemBits | ((long)opinion.choice().ordinal() << META_CHOICE_SHIFT) |
            (argued ? META_ARGUMENT : 0);
    }

    /**
     * Applies a tally sheet entry: under single entry it replaces an earlier sheet of the same id in the counts;
     * under double entry the sheet's counts change only when two tokens agree ({@link PaperBook#enter}).
     */
    void applySheet(final TallySheet sheet, final long position, final long timeMicros, final ApplyResult out)
    {
        if (isSealed())
        {
            out.set(Outcome.REJECTED, RejectReason.POLL_SEALED);
            return;
        }
        if (!PollState.takesSheetsAt(definition, opened, closed, false, timeMicros))
        {
            out.set(Outcome.REJECTED, RejectReason.SHEETS_CLOSED);
            return;
        }
        if (!TallySheetValidator.validate(definition, sheet).isEmpty())
        {
            out.set(Outcome.REJECTED, RejectReason.INVALID);
            return;
        }
        final PaperBook.StandTally stand = paper.stand(sheet.stand());
        if (stand == null)
        {
            out.set(Outcome.REJECTED, RejectReason.INVALID);
            return;
        }
        if (stand.mode == PaperView.BoxMode.TYPED)
        {
            out.set(Outcome.REJECTED, RejectReason.BOX_ENTERED_OTHERWISE);
            return;
        }
        final TallySheet agreed = paper.enter(sheet, position, timeMicros);
        if (agreed != null)
        {
            final SheetContribution replacement = SheetContribution.of(definition, itemIndexById, agreed);
            final SheetContribution previous = sheets.put(sheet.sheetId(), replacement);
            if (previous != null)
            {
                previous.addTo(counts, ballots, channelCount, -1);
            }
            replacement.addTo(counts, ballots, channelCount, +1);
        }
        out.set(Outcome.ACCEPTED, null);
        out.sheetEntry(paper.lastEntry(sheet.sheetId()));
    }

    /**
     * Annuls a typed paper ballot by its receipt: it stops counting, and when it was its voter's current ballot the
     * row it replaced is written back (the voter's earlier ballot counts again), or the unit is left empty.
     */
    void annul(final Key128 receipt, final long timeMicros, final ApplyResult out)
    {
        final int ref = table.findReceipt(receipt.hi(), receipt.lo(), Key128.hash(receipt.hi(), receipt.lo()));
        final PaperBook.TypedBallot typed = paper.typed(receipt.hi(), receipt.lo());
        if (isSealed())
        {
            out.set(Outcome.REJECTED, RejectReason.POLL_SEALED);
        }
        else if (ref < 0)
        {
            out.set(Outcome.REJECTED, RejectReason.UNKNOWN_RECEIPT);
        }
        else if (typed == null || typed.annulled)
        {
            out.set(Outcome.REJECTED, RejectReason.NOT_ANNULLABLE);
        }
        else if (!PollState.takesBallotAt(definition, opened, closed, false, PollState.PAPER_CHANNEL, timeMicros))
        {
            out.set(Outcome.REJECTED, RejectReason.SHEETS_CLOSED);
        }
        else
        {
            if ((ref & 1) == 0)
            {
                annulCurrent(ref >>> 1, receipt, typed, out);
            }
            else
            {
                annulReplaced(ref >>> 1, receipt, typed);
            }
            typed.annulled = true;
            out.set(Outcome.ACCEPTED, null);
        }
    }

    private void annulCurrent(final int row, final Key128 receipt, final PaperBook.TypedBallot typed,
        final ApplyResult out)
    {
        count(row, -1);
        final ByteBuffer u = table.unitChunk(row);
        final int at = table.unitOffset(row);
        final long position = currentPosition(u, at);
        final int receiptRow = table.addReceiptRow();
        writeReceiptRow(receiptRow, receipt.hi(), receipt.lo(), position,
            receiptMeta(currentFingerprint(row), Outcome.REJECTED, RejectReason.ANNULLED),
            wordAt(u, at + UnitLayout.UNIT_HI), wordAt(u, at + UnitLayout.UNIT_LO));
        table.repointReceipt(receipt.hi(), receipt.lo(), Key128.hash(receipt.hi(), receipt.lo()),
            (receiptRow << 1) | 1);
        if (typed.replacedRow == null)
        {
            // Left empty: no receipt, counting nothing (a withdrawn ballot), earlier than any ballot.
            paper.emptied(row);
            setWordAt(u, at + UnitLayout.RECEIPT_HI, 0);
            setWordAt(u, at + UnitLayout.RECEIPT_LO, 0);
            setWordAt(u, at + UnitLayout.CAST_AT, Long.MIN_VALUE);
            if (layout.selectionInWord)
            {
                setWordAt(u, at + UnitLayout.BALLOT, layout.compactWord(position - definedAt, 0, true, 0));
            }
            else if (layout.metaInWord)
            {
                writeOpinion(u, at, row, position - definedAt, META_WITHDRAWN, 0);
            }
            else
            {
                setWordAt(u, at + UnitLayout.BALLOT, position);
                setWordAt(u, at + UnitLayout.META, META_WITHDRAWN);
                RowStore.clear(u, at + UnitLayout.CONTENT, layout.contentLongs);
            }
            return;
        }
        // Never an empty row (a ballot on an empty unit replaces nothing). The earlier ballot's receipt row, written
        // when it was replaced, stays for the hash; the index finds the receipt current again.
        if (layout.metaInWord)
        {
            final long[] replaced = typed.replacedRow;
            RowStore.copyIn(replaced, 0, u, at, UnitLayout.BALLOT);
            writeOpinion(u, at, row, replaced[UnitLayout.BALLOT] - definedAt, replaced[UnitLayout.META] & 0xFFFF_FFFFL,
                replaced[UnitLayout.META] >>> 32);
        }
        else
        {
            RowStore.copyIn(typed.replacedRow, 0, u, at, layout.width);
        }
        final long hi = wordAt(u, at + UnitLayout.RECEIPT_HI);
        final long lo = wordAt(u, at + UnitLayout.RECEIPT_LO);
        table.repointReceipt(hi, lo, Key128.hash(hi, lo), row << 1);
        count(row, +1);
        out.restored(new Key128(hi, lo));
    }

    /** A typed ballot already replaced (or stale): it says annulled, and no later ballot may restore it. */
    private void annulReplaced(final int receiptRow, final Key128 receipt, final PaperBook.TypedBallot typed)
    {
        final ByteBuffer r = table.receiptChunk(receiptRow);
        final int at = table.receiptOffset(receiptRow);
        setWordAt(r, at + BallotTable.RECEIPT_META,
            receiptMeta(wordAt(r, at + BallotTable.RECEIPT_META) >>> 32, Outcome.REJECTED, RejectReason.ANNULLED));
        for (final PaperBook.TypedBallot later : paper.typedBallots())
        {
            final long[] replaced = later.replacedRow;
            if (replaced != null && replaced[UnitLayout.RECEIPT_HI] == receipt.hi() &&
                replaced[UnitLayout.RECEIPT_LO] == receipt.lo())
            {
                later.replacedRow = typed.replacedRow;
            }
        }
    }

    /** Whether a stand's counts changed since the last call. */
    boolean takePaperChanged()
    {
        final boolean changed = standCountsChanged;
        standCountsChanged = false;
        return changed;
    }

    /** The paper channel as it stands after the record at {@code position}, detached. */
    PaperView paperView(final long position)
    {
        return paper.view(position, sheets);
    }

    /** Whether a ballot's receipt was seen before, and if so with the same content; null when new. */
    PriorBallot prior(final Ballot ballot)
    {
        final long hi = ballot.receipt().hi();
        final long lo = ballot.receipt().lo();
        final int ref = table.findReceipt(hi, lo, Key128.hash(hi, lo));
        if (ref < 0)
        {
            return null;
        }
        final boolean sameContent =
            receiptFingerprint(ref) == fingerprint(ballot, definition.channelIndex(ballot.channel()));
        return new PriorBallot(receiptPosition(ref), sameContent);
    }

    ReceiptLookup lookup(final Key128 receipt)
    {
        final int ref = table.findReceipt(receipt.hi(), receipt.lo(), Key128.hash(receipt.hi(), receipt.lo()));
        if (ref < 0)
        {
            return null;
        }
        final int row = ref >>> 1;
        if ((ref & 1) == 0)
        {
            final ByteBuffer u = table.unitChunk(row);
            final int at = table.unitOffset(row);
            return new ReceiptLookup(receipt, currentPosition(u, at),
                currentWithdrawn(u, at) ? ReceiptStatus.WITHDRAWN : ReceiptStatus.COUNTED, null);
        }
        final ByteBuffer r = table.receiptChunk(row);
        final int at = table.receiptOffset(row);
        final long position = wordAt(r, at + BallotTable.RECEIPT_POSITION);
        final long meta = wordAt(r, at + BallotTable.RECEIPT_META);
        final Outcome outcome = Outcome.values()[(int)(meta & 0xFF)];
        final int reasonOrdinal = (int)(meta >>> 8) & 0xFF;
        return switch (outcome)
        {
            case STALE -> new ReceiptLookup(receipt, position, ReceiptStatus.STALE, null);
            case REJECTED -> reasonOrdinal == RejectReason.ANNULLED.ordinal() ?
                new ReceiptLookup(receipt, position, ReceiptStatus.ANNULLED, null) :
                new ReceiptLookup(receipt, position, ReceiptStatus.REJECTED, RejectReason.fromOrdinal(reasonOrdinal));
            case DUPLICATE -> new ReceiptLookup(receipt, position, ReceiptStatus.DUPLICATE, null);
            case ACCEPTED -> new ReceiptLookup(receipt, position,
                otherReceiptStatus(wordAt(r, at + BallotTable.RECEIPT_UNIT_HI),
                    wordAt(r, at + BallotTable.RECEIPT_UNIT_LO), position),
                null);
        };
    }

    /** Where an accepted ballot that is not its unit's current one stands: replaced, or withdrawn. */
    private ReceiptStatus otherReceiptStatus(final long unitHi, final long unitLo, final long position)
    {
        final int row = table.findUnit(unitHi, unitLo, Key128.hash(unitHi, unitLo));
        if (row < 0)
        {
            return ReceiptStatus.WITHDRAWN;
        }
        final ByteBuffer u = table.unitChunk(row);
        final int at = table.unitOffset(row);
        if (currentWithdrawn(u, at))
        {
            return ReceiptStatus.WITHDRAWN;
        }
        return currentPosition(u, at) == position ? ReceiptStatus.COUNTED : ReceiptStatus.SUPERSEDED;
    }

    private long receiptFingerprint(final int ref)
    {
        final int row = ref >>> 1;
        if ((ref & 1) == 0)
        {
            return currentFingerprint(row);
        }
        return wordAt(table.receiptChunk(row), table.receiptOffset(row) + BallotTable.RECEIPT_META) >>> 32;
    }

    private long receiptPosition(final int ref)
    {
        final int row = ref >>> 1;
        if ((ref & 1) == 0)
        {
            return currentPosition(table.unitChunk(row), table.unitOffset(row));
        }
        return wordAt(table.receiptChunk(row), table.receiptOffset(row) + BallotTable.RECEIPT_POSITION);
    }

    private long currentPosition(final ByteBuffer u, final int at)
    {
        return layout.compact ? definedAt + layout.compactRelativePosition(wordAt(u, at + UnitLayout.BALLOT)) :
            wordAt(u, at + UnitLayout.BALLOT);
    }

    private boolean currentWithdrawn(final ByteBuffer u, final int at)
    {
        return layout.selectionInWord ? layout.compactWithdrawn(wordAt(u, at + UnitLayout.BALLOT)) :
            (metaOf(u, at) & META_WITHDRAWN) != 0;
    }

    /** The 32-bit meta word of a wide or compact opinion row (not a compact selection's). */
    private long metaOf(final ByteBuffer u, final int at)
    {
        return layout.metaInWord ? UnitLayout.meta(wordAt(u, at + UnitLayout.BALLOT)) & ~META_FINGERPRINT_ASIDE :
            wordAt(u, at + UnitLayout.META) & 0xFFFF_FFFFL;
    }

    /**
     * Makes a compact opinion row's word 5 hold a ballot: its position relative to the definition, its meta word,
     * and its fingerprint, which the row gives back when the ballot carried no argument and is otherwise kept
     * aside. Checked, not assumed: whatever the fingerprint, the row answers it exactly.
     */
    private void writeOpinion(
        final ByteBuffer u, final int at, final int row, final long relativePosition, final long meta,
        final long fingerprint)
    {
        final long word = UnitLayout.metaWord(relativePosition, meta);
        final long unitHi = wordAt(u, at + UnitLayout.UNIT_HI);
        final long unitLo = wordAt(u, at + UnitLayout.UNIT_LO);
        if (opinionFingerprint(unitHi, unitLo, meta) == fingerprint)
        {
            if ((wordAt(u, at + UnitLayout.BALLOT) & META_FINGERPRINT_ASIDE) != 0)
            {
                // Only then: a search of the map per ballot would be a cache miss per ballot.
                fingerprintsAside.remove(row);
            }
            setWordAt(u, at + UnitLayout.BALLOT, word);
        }
        else
        {
            setWordAt(u, at + UnitLayout.BALLOT, word | META_FINGERPRINT_ASIDE);
            fingerprintsAside.put(row, fingerprint);
        }
    }

    /**
     * The fingerprint of the opinion ballot or withdrawal a compact row's meta word describes, had it carried no
     * argument ({@link #contentHash} of the same content).
     */
    private long opinionFingerprint(final long unitHi, final long unitLo, final long meta)
    {
        final int item = (int)(meta >>> META_ITEM_SHIFT);
        final long contentHash = (meta & META_WITHDRAWN) != 0 ? StateHash.mix(4, itemIds[item]) :
            StateHash.mix(StateHash.mix(StateHash.mix(3, itemIds[item]), (meta >>> META_CHOICE_SHIFT) & 0x3),
                StateHash.of((String)null));
        return fingerprint(voterHi(unitHi, item), voterLo(unitLo, item), (int)(meta & META_CHANNEL_MASK),
            contentHash);
    }

    /**
     * The unit's current ballot's fingerprint: stored in the wide layout, recomputed from the compact ones (or kept
     * aside, for an argued opinion).
     */
    private long currentFingerprint(final int row)
    {
        final ByteBuffer u = table.unitChunk(row);
        final int at = table.unitOffset(row);
        if (layout.metaInWord)
        {
            final long opinionWord = wordAt(u, at + UnitLayout.BALLOT);
            return (opinionWord & META_FINGERPRINT_ASIDE) != 0 ? fingerprintsAside.get(row) :
                opinionFingerprint(wordAt(u, at + UnitLayout.UNIT_HI), wordAt(u, at + UnitLayout.UNIT_LO),
                    UnitLayout.meta(opinionWord));
        }
        if (!layout.compact)
        {
            return wordAt(u, at + UnitLayout.META) >>> 32;
        }
        final long word = wordAt(u, at + UnitLayout.BALLOT);
        final long contentHash;
        if (layout.compactWithdrawn(word))
        {
            contentHash = StateHash.mix(4, BallotContent.NO_ITEM);
        }
        else
        {
            // StateHash.mix(1, items) over the items in the ballot's order, without building the array.
            final long selection = layout.selection(word);
            final int selected = (Long.SIZE - Long.numberOfLeadingZeros(selection) + layout.itemBits - 1) /
                layout.itemBits;
            final long itemMask = (1L << layout.itemBits) - 1;
            long x = StateHash.mix(1, selected);
            for (int i = 0; i < selected; i++)
            {
                x = StateHash.mix(x, itemIds[(int)((selection >>> (i * layout.itemBits)) & itemMask) - 1]);
            }
            contentHash = x;
        }
        return fingerprint(wordAt(u, at + UnitLayout.UNIT_HI), wordAt(u, at + UnitLayout.UNIT_LO),
            layout.compactChannel(word), contentHash);
    }

    /** A copy of the counts for publishing, with the ranking the poll's kind declares. */
    PollResults results(final long position, final long timeMicros)
    {
        final long[][][] itemCounts = new long[itemCount][cells][channelCount];
        for (int item = 0; item < itemCount; item++)
        {
            for (int cell = 0; cell < cells; cell++)
            {
                System.arraycopy(counts, (item * cells + cell) * channelCount, itemCounts[item][cell], 0, channelCount);
            }
        }
        final int[] majorityGrades = new int[itemCount];
        final Ranking ranking;
        switch (kind)
        {
            case PRIORITY ->
            {
                final long[] totals = new long[itemCount];
                for (int item = 0; item < itemCount; item++)
                {
                    totals[item] = sum(itemCounts[item][0]);
                }
                ranking = PriorityRanking.rank(totals, itemIds);
            }
            case JUDGMENT ->
            {
                final long[][] profiles = new long[itemCount][cells];
                for (int item = 0; item < itemCount; item++)
                {
                    for (int grade = 0; grade < cells; grade++)
                    {
                        profiles[item][grade] = sum(itemCounts[item][grade]);
                    }
                    majorityGrades[item] = MajorityJudgment.majorityGrade(profiles[item]);
                }
                ranking = MajorityJudgment.rank(profiles, itemIds);
            }
            default ->
            {
                final int[] definitionOrder = new int[itemCount];
                Arrays.setAll(definitionOrder, i -> i);
                ranking = new Ranking(definitionOrder, new int[itemCount]);
            }
        }
        return new PollResults(definition, statusAt(timeMicros), position, ballots.clone(), itemCounts,
            arguments.clone(), ranking, majorityGrades, itemStatuses.clone(),
            participants == null ? PollResults.NOT_COUNTED : participants.count(),
            argumentsByStance(itemCount, cells, argumentsByStance));
    }

    /** Per item, the counted arguments per choice (empty rows for a poll of another kind). */
    private static long[][] argumentsByStance(final int itemCount, final int cells, final long[] flat)
    {
        final long[][] rows = new long[itemCount][];
        for (int item = 0; item < itemCount; item++)
        {
            rows[item] = flat.length == 0 ? new long[0] : Arrays.copyOfRange(flat, item * cells, (item + 1) * cells);
        }
        return rows;
    }

    /** Adds this poll's whole state into a deterministic hash. */
    long hash(final long seed)
    {
        long h = seed;
        h = StateHash.mix(h, StateHash.of(definition.id()));
        h = StateHash.mix(h, definedAt);
        h = StateHash.mix(h, (opened ? 1 : 0) | (closed ? 2 : 0) | (isSealed() ? 4 : 0));
        if (lastCommitMicros != PollDefinition.NO_TIME)
        {
            // Only when there is one, so that a journal from before commitments hashes as it always did.
            h = StateHash.mix(h, lastCommitMicros);
        }
        h = StateHash.mix(h, counts);
        h = StateHash.mix(h, ballots);
        h = StateHash.mix(h, arguments);
        h = StateHash.mix(h, unitsHash());
        h = StateHash.mix(h, receiptsHash());
        long sheetsHash = 0;
        for (final Map.Entry<String, SheetContribution> sheet : sheets.entrySet())
        {
            sheetsHash += StateHash.mix(StateHash.of(sheet.getKey()), sheet.getValue().hash());
        }
        h = StateHash.mix(h, sheetsHash);
        // Only when there is something, so that journals from before typed stands and double entry hash as before.
        final long paperHash = paper.hash();
        if (paperHash != 0)
        {
            h = StateHash.mix(h, paperHash);
        }
        // Likewise only for a poll that took items or moderated one (record format 4).
        return itemCount == defined.items().size() && moderated.isEmpty() ? h : StateHash.mix(h, itemsHash());
    }

    /** The items added (ids and texts) and every item's status. */
    private long itemsHash()
    {
        long h = itemCount;
        for (int i = 0; i < itemCount; i++)
        {
            h = StateHash.mix(h, StateHash.mix(itemIds[i], itemStatuses[i].ordinal()));
        }
        for (final Item item : definition.items().subList(defined.items().size(), itemCount))
        {
            h = StateHash.mix(h, StateHash.of(item.title() + '\n' + item.group() + '\n' + item.subject() + '\n' +
                item.description() + '\n' + item.link()));
        }
        return h;
    }

    /**
     * The units as the units table of earlier versions held them (key, castAt, position, meta, content with 8-bit
     * grades), hashed without regard to order.
     */
    private long unitsHash()
    {
        final int legacyContentLongs = switch (kind)
        {
            case PRIORITY -> (itemCount + 63) / 64;
            case JUDGMENT -> (itemCount + LEGACY_GRADES_PER_LONG - 1) / LEGACY_GRADES_PER_LONG;
            case OPINION -> 0;
        };
        final long[] words = new long[5 + legacyContentLongs];
        long sum = 0;
        for (int row = 0; row < table.unitCount(); row++)
        {
            final ByteBuffer u = table.unitChunk(row);
            final int at = table.unitOffset(row);
            Arrays.fill(words, 0);
            words[0] = wordAt(u, at + UnitLayout.UNIT_HI);
            words[1] = wordAt(u, at + UnitLayout.UNIT_LO);
            words[2] = wordAt(u, at + UnitLayout.CAST_AT);
            words[3] = currentPosition(u, at);
            if (layout.selectionInWord)
            {
                final long word = wordAt(u, at + UnitLayout.BALLOT);
                words[4] = layout.compactChannel(word) | (layout.compactWithdrawn(word) ? META_WITHDRAWN : 0);
                final long itemMask = (1L << layout.itemBits) - 1;
                for (long selection = layout.selection(word); selection != 0; selection >>>= layout.itemBits)
                {
                    final int index = (int)(selection & itemMask) - 1;
                    words[5 + (index >>> 6)] |= 1L << index;
                }
            }
            else
            {
                final long meta = metaOf(u, at);
                words[4] = (meta & 0x3FF) | (((meta >>> META_CHOICE_SHIFT) & 0x3) << LEGACY_CHOICE_SHIFT) |
                    ((meta >>> META_ITEM_SHIFT) << LEGACY_ITEM_SHIFT);
                legacyContent(u, at, words);
            }
            sum += StateHash.entry(words);
        }
        return StateHash.mix(table.unitCount(), sum);
    }

    private void legacyContent(final ByteBuffer u, final int at, final long[] words)
    {
        if (kind == PollKind.PRIORITY)
        {
            RowStore.copyOut(u, at + UnitLayout.CONTENT, words, 5, layout.contentLongs);
        }
        else if (kind == PollKind.JUDGMENT)
        {
            for (int item = 0; item < itemCount; item++)
            {
                words[5 + item / LEGACY_GRADES_PER_LONG] |=
                    (long)grade(u, at + UnitLayout.CONTENT, item) << ((item % LEGACY_GRADES_PER_LONG) * 8);
            }
        }
    }

    /** The receipts as the receipts table of earlier versions held them, hashed without regard to order. */
    private long receiptsHash()
    {
        final long[] words = new long[BallotTable.RECEIPT_WIDTH];
        long sum = 0;
        for (int row = 0; row < table.unitCount(); row++)
        {
            final ByteBuffer u = table.unitChunk(row);
            final int at = table.unitOffset(row);
            words[BallotTable.RECEIPT_HI] = wordAt(u, at + UnitLayout.RECEIPT_HI);
            words[BallotTable.RECEIPT_LO] = wordAt(u, at + UnitLayout.RECEIPT_LO);
            words[BallotTable.RECEIPT_POSITION] = currentPosition(u, at);
            words[BallotTable.RECEIPT_META] = receiptMeta(currentFingerprint(row), Outcome.ACCEPTED, null);
            words[BallotTable.RECEIPT_UNIT_HI] = wordAt(u, at + UnitLayout.UNIT_HI);
            words[BallotTable.RECEIPT_UNIT_LO] = wordAt(u, at + UnitLayout.UNIT_LO);
            sum += StateHash.entry(words);
        }
        for (int row = 0; row < table.receiptRowCount(); row++)
        {
            RowStore.copyOut(table.receiptChunk(row), table.receiptOffset(row), words, 0, words.length);
            sum += StateHash.entry(words);
        }
        return StateHash.mix((long)table.unitCount() + table.receiptRowCount(), sum);
    }

    /**
     * The counted receipts list (docs/api.md, "Sealing"): the receipt of every unit's current ballot that is not a
     * withdrawal, that is of every ballot that counts in the results, as 32 lowercase hex characters and a
     * {@code \n} each, sorted (as text, which is the receipts' unsigned order), in ASCII. Sheets have no receipts; a
     * superseded, withdrawn, stale, duplicate or rejected ballot is not counted. Kept until a ballot is accepted:
     * once a poll is closed only late paper ballots change it, and a seal needs it twice. Callers never write into
     * the array.
     */
    byte[] countedReceipts()
    {
        if (countedReceipts == null)
        {
            final long[] his = new long[table.unitCount()];
            final long[] los = new long[table.unitCount()];
            int counted = 0;
            for (int row = 0; row < table.unitCount(); row++)
            {
                final ByteBuffer u = table.unitChunk(row);
                final int at = table.unitOffset(row);
                if (!currentWithdrawn(u, at))
                {
                    his[counted] = wordAt(u, at + UnitLayout.RECEIPT_HI);
                    los[counted++] = wordAt(u, at + UnitLayout.RECEIPT_LO);
                }
            }
            ReceiptSort.sort(his, los, counted);
            final byte[] text = new byte[counted * RECEIPT_LINE];
            for (int i = 0; i < counted; i++)
            {
                writeHex(his[i], text, i * RECEIPT_LINE);
                writeHex(los[i], text, i * RECEIPT_LINE + 16);
                text[i * RECEIPT_LINE + 32] = '\n';
            }
            countedReceipts = text;
        }
        return countedReceipts;
    }

    /** The SHA-256 of {@link #countedReceipts()}, kept as long as the list. */
    byte[] countedReceiptsSha256()
    {
        if (countedReceiptsSha256 == null)
        {
            countedReceiptsSha256 = Sha256.of(countedReceipts());
        }
        return countedReceiptsSha256;
    }

    /** After an accepted ballot: the counted receipts may have changed. */
    void receiptsChanged()
    {
        countedReceipts = null;
        countedReceiptsSha256 = null;
    }

    private static void writeHex(final long value, final byte[] text, final int at)
    {
        for (int i = 0; i < 16; i++)
        {
            text[at + i] = HEX_DIGITS[(int)(value >>> (60 - 4 * i)) & 0xF];
        }
    }

    long footprintBytes()
    {
        return table.footprintBytes() + (fingerprintsAside == null ? 0 : fingerprintsAside.footprintBytes());
    }

    /** A decoded ballot can carry a null anywhere; without its keys or its content's arrays it cannot be counted. */
    private static boolean isComplete(final Ballot ballot)
    {
        final BallotContent content = ballot.content();
        return ballot.voter() != null && ballot.receipt() != null && content != null &&
            !(content instanceof BallotContent.Selection selection && selection.items() == null) &&
            !(content instanceof BallotContent.Grades grades && (grades.items() == null || grades.grades() == null));
    }

    /** What a retry must repeat (castAt aside, which a platform may stamp anew): voter, channel and content. */
    static long fingerprint(final Ballot ballot, final int channel)
    {
        return fingerprint(ballot.voter().hi(), ballot.voter().lo(), channel, contentHash(ballot.content()));
    }

    private static long fingerprint(final long voterHi, final long voterLo, final int channel, final long contentHash)
    {
        long h = StateHash.mix(voterHi, voterLo);
        h = StateHash.mix(h, channel);
        h = StateHash.mix(h, contentHash);
        return h >>> 32;
    }

    private static long receiptMeta(final long fingerprint, final ApplyResult result)
    {
        return receiptMeta(fingerprint, result.outcome(), result.reason());
    }

    /** A receipt's meta word: fingerprint, reason (0xFF for none) and outcome, as earlier versions stored it. */
    private static long receiptMeta(final long fingerprint, final Outcome outcome, final RejectReason reason)
    {
        return (fingerprint << 32) | ((long)(reason == null ? 0xFF : reason.ordinal()) << 8) | outcome.ordinal();
    }

    private static long contentHash(final BallotContent content)
    {
        if (content instanceof BallotContent.Selection selection)
        {
            return StateHash.mix(1, selection.items());
        }
        if (content instanceof BallotContent.Grades grades)
        {
            return StateHash.mix(StateHash.mix(2, grades.items()), grades.grades());
        }
        if (content instanceof BallotContent.Opinion opinion)
        {
            final long choice = opinion.choice() == null ? -1 : opinion.choice().ordinal();
            // A tagged argument (format 4) is told from another by its keyed tag, which outlives the text's erasure;
            // earlier ones by their text, as they always were.
            final SealedArgument sealed = opinion.sealed();
            return StateHash.mix(StateHash.mix(StateHash.mix(3, opinion.item()), choice),
                sealed != null && sealed.tag() != null ? StateHash.mix(5, Arrays.hashCode(sealed.tag())) :
                    StateHash.of(opinion.argument()));
        }
        return StateHash.mix(4, ((BallotContent.Withdrawal)content).item());
    }

    private static long sum(final long[] values)
    {
        long total = 0;
        for (final long value : values)
        {
            total += value;
        }
        return total;
    }
}
