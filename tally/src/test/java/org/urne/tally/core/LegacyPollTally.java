package org.urne.tally.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.TallySheetValidator;

/**
 * {@link LegacyTallyCore}'s poll: the two hash tables of units and receipts. The original's description follows.
 *
 * <p>The counts of one poll and what they need to stay exact under revotes, retries and corrections.
 *
 * <p>Counters are one flat {@code long[]} indexed by (item, cell, channel), where a cell is the one vote of a
 * priority item, a choice of an opinion item or a grade of a judgment item. Each counted unit (the voter, or for
 * opinion polls the voter and proposal) keeps its current ballot in {@link #units} so a revote or withdrawal can
 * take exactly that ballot out; each receipt is remembered in {@link #receipts} so a retry changes nothing.
 */
final class LegacyPollTally
{
    private static final int UNIT_CAST_AT = 0;
    private static final int UNIT_POSITION = 1;
    private static final int UNIT_META = 2;
    private static final int UNIT_CONTENT = 3;

    private static final int RECEIPT_POSITION = 0;
    private static final int RECEIPT_META = 1;
    private static final int RECEIPT_UNIT_HI = 2;
    private static final int RECEIPT_UNIT_LO = 3;

    private static final long META_CHANNEL_MASK = 0xFF;
    private static final long META_WITHDRAWN = 1L << 8;
    private static final long META_ARGUMENT = 1L << 9;
    private static final int META_CHOICE_SHIFT = 16;
    private static final int META_ITEM_SHIFT = 32;

    private static final int GRADES_PER_LONG = 8;

    final PollDefinition definition;
    final long definedAt;
    private final PollKind kind;
    private final int itemCount;
    private final int cells;
    private final int channelCount;
    private final int[] itemIds;
    private final ItemIndex itemIndexById;
    private final long[] counts;
    private final long[] ballots;
    private final long[] arguments;
    private final int contentLongs;
    private final LegacyKey128Table units;
    private final LegacyKey128Table receipts;
    private final Map<String, SheetContribution> sheets = new HashMap<>();
    private final long opensAt;
    private final long closesAt;
    private final long[] scratchContent;
    private final int[] scratchGrades;
    private boolean opened;
    private boolean closed;

    LegacyPollTally(final PollDefinition definition, final long definedAt)
    {
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
        this.counts = new long[itemCount * cells * channelCount];
        this.ballots = new long[channelCount];
        this.arguments = new long[itemCount];
        this.contentLongs = switch (kind)
        {
            case PRIORITY -> (itemCount + 63) / 64;
            case JUDGMENT -> (itemCount + GRADES_PER_LONG - 1) / GRADES_PER_LONG;
            case OPINION -> 0;
        };
        this.units = new LegacyKey128Table(UNIT_CONTENT + contentLongs, 1024);
        this.receipts = new LegacyKey128Table(4, 1024);
        this.opensAt = definition.opensAtMicros();
        this.closesAt = definition.closesAtMicros();
        this.scratchContent = new long[contentLongs];
        this.scratchGrades = new int[itemCount];
    }

    PollStatus statusAt(final long timeMicros)
    {
        if (closed || closesAt != PollDefinition.NO_TIME && timeMicros > closesAt)
        {
            return PollStatus.CLOSED;
        }
        if (opened || opensAt != PollDefinition.NO_TIME && timeMicros >= opensAt)
        {
            return PollStatus.OPEN;
        }
        return PollStatus.SCHEDULED;
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

    /** Applies a ballot; the result goes to {@code out}. */
    void applyBallot(final long position, final long timeMicros, final Ballot ballot, final ApplyResult out)
    {
        if (!isComplete(ballot))
        {
            out.set(Outcome.REJECTED, RejectReason.INVALID);
            return;
        }
        final Key128 receipt = ballot.receipt();
        final int channel = definition.channelIndex(ballot.channel());
        final long fingerprint = fingerprint(ballot, channel);
        final BallotContent content = ballot.content();
        final long unitHi;
        final long unitLo;
        final int opinionItemIndex;
        if (kind == PollKind.OPINION)
        {
            // The unit is (voter, proposal). Adding item * (an odd constant) to the low half keeps one voter's
            // units distinct for sure; across voters a clash needs a 128-bit collision of HMAC outputs.
            final int item = content instanceof BallotContent.Opinion opinion ? opinion.item() :
                content instanceof BallotContent.Withdrawal withdrawal ? withdrawal.item() : BallotContent.NO_ITEM;
            opinionItemIndex = itemIndexById.indexOf(item);
            unitHi = ballot.voter().hi() ^ StateHash.mix(0x5DEECE66DL, opinionItemIndex + 1L);
            unitLo = ballot.voter().lo() + opinionItemIndex * 0x9E3779B97F4A7C15L;
        }
        else
        {
            opinionItemIndex = -1;
            unitHi = ballot.voter().hi();
            unitLo = ballot.voter().lo();
        }

        // Both tables are far larger than the caches, so each first probe is a cache (and TLB) miss. The two
        // lookups are independent: issuing the unit's before branching on the receipt's lets the misses overlap.
        final int receiptProbe = receipts.probe(receipt.hi(), receipt.lo());
        final int unitProbe = units.probe(unitHi, unitLo);
        if (receiptProbe >= 0)
        {
            final long meta = receipts.array()[receiptProbe + RECEIPT_META];
            if ((meta >>> 32) == fingerprint)
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

        if (!PollState.takesBallotAt(definition, opened, closed, false, ballot.channel(), timeMicros))
        {
            out.set(Outcome.REJECTED, RejectReason.POLL_NOT_OPEN);
        }
        else if (meta < 0)
        {
            out.set(Outcome.REJECTED, RejectReason.INVALID);
        }
        else
        {
            applyToUnit(unitHi, unitLo, unitProbe, ballot.castAt(), position, meta, out);
        }

        final int at = receipts.insert(receipt.hi(), receipt.lo(), receiptProbe);
        final long[] r = receipts.array();
        r[at + RECEIPT_POSITION] = position;
        r[at + RECEIPT_META] = (fingerprint << 32) |
            ((long)(out.reason() == null ? 0xFF : out.reason().ordinal()) << 8) | out.outcome().ordinal();
        r[at + RECEIPT_UNIT_HI] = unitHi;
        r[at + RECEIPT_UNIT_LO] = unitLo;
    }

    /**
     * Makes the decoded ballot in {@code meta} and {@link #scratchContent} the unit's current one, or refuses.
     * {@code unitProbe} is the units table's {@link LegacyKey128Table#probe} answer for the unit.
     */
    private void applyToUnit(
        final long unitHi, final long unitLo, final int unitProbe, final long castAt, final long position,
        final long meta, final ApplyResult out)
    {
        final boolean withdrawal = (meta & META_WITHDRAWN) != 0;
        final int at;
        if (unitProbe >= 0)
        {
            at = unitProbe;
            final long[] u = units.array();
            if (definition.revote() == RevotePolicy.FIRST)
            {
                out.set(Outcome.REJECTED, RejectReason.ALREADY_COUNTED);
                return;
            }
            if (castAt < u[at + UNIT_CAST_AT])
            {
                out.set(Outcome.STALE, null);
                return;
            }
            addUnit(u, at, -1);
        }
        else
        {
            if (withdrawal && definition.revote() == RevotePolicy.FIRST)
            {
                // Nothing counted yet, nothing to withdraw, and no unit: the voter's first ballot is still to come.
                out.set(Outcome.ACCEPTED, null);
                return;
            }
            at = units.insert(unitHi, unitLo, unitProbe);
        }
        final long[] u = units.array();
        u[at + UNIT_CAST_AT] = castAt;
        u[at + UNIT_POSITION] = position;
        u[at + UNIT_META] = meta;
        System.arraycopy(scratchContent, 0, u, at + UNIT_CONTENT, contentLongs);
        addUnit(u, at, +1);
        out.set(Outcome.ACCEPTED, null);
    }

    /** Adds (sign +1) or removes (-1) a unit's current ballot from the counters. */
    private void addUnit(final long[] u, final int at, final int sign)
    {
        final long meta = u[at + UNIT_META];
        if ((meta & META_WITHDRAWN) != 0)
        {
            return;
        }
        final int channel = (int)(meta & META_CHANNEL_MASK);
        ballots[channel] += sign;
        switch (kind)
        {
            case PRIORITY ->
            {
                for (int w = 0; w < contentLongs; w++)
                {
                    long bits = u[at + UNIT_CONTENT + w];
                    while (bits != 0)
                    {
                        final int item = w * 64 + Long.numberOfTrailingZeros(bits);
                        counts[item * channelCount + channel] += sign;
                        bits &= bits - 1;
                    }
                }
            }
            case JUDGMENT ->
            {
                for (int item = 0; item < itemCount; item++)
                {
                    final int grade = (int)(u[at + UNIT_CONTENT + item / GRADES_PER_LONG] >>>
                        ((item % GRADES_PER_LONG) * 8)) & 0xFF;
                    counts[(item * cells + grade) * channelCount + channel] += sign;
                }
            }
            case OPINION ->
            {
                final int item = (int)(meta >>> META_ITEM_SHIFT);
                final int choice = (int)(meta >>> META_CHOICE_SHIFT) & 0x3;
                counts[(item * cells + choice) * channelCount + channel] += sign;
                if ((meta & META_ARGUMENT) != 0)
                {
                    arguments[item] += sign;
                }
            }
        }
    }

    /**
     * Decodes a priority or judgment ballot into {@link #scratchContent} and returns its meta word, or -1 when the
     * ballot does not fit the definition (the journal should never hold one, but the core must not trust it).
     */
    private long decodeContent(final int channel, final BallotContent content)
    {
        Arrays.fill(scratchContent, 0);
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
            for (final int id : items)
            {
                final int index = itemIndexById.indexOf(id);
                if (index < 0 || (scratchContent[index >>> 6] & (1L << index)) != 0)
                {
                    return -1;
                }
                scratchContent[index >>> 6] |= 1L << index;
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
            for (int index = 0; index < itemCount; index++)
            {
                final long grade = scratchGrades[index] < 0 ? definition.missingGrade() : scratchGrades[index];
                scratchContent[index / GRADES_PER_LONG] |= grade << ((index % GRADES_PER_LONG) * 8);
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
            opinion.argument() != null && opinion.argument().length() > definition.maxArgumentLength())
        {
            return -1;
        }
        final boolean argued = opinion.argument() != null && !opinion.argument().isBlank();
        return channel | itemBits | ((long)opinion.choice().ordinal() << META_CHOICE_SHIFT) |
            (argued ? META_ARGUMENT : 0);
    }

    /** Applies a tally sheet, replacing an earlier sheet of the same id. */
    void applySheet(final TallySheet sheet, final long timeMicros, final ApplyResult out)
    {
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
        final SheetContribution replacement = SheetContribution.of(definition, itemIndexById, sheet);
        final SheetContribution previous = sheets.put(sheet.sheetId(), replacement);
        if (previous != null)
        {
            previous.addTo(counts, ballots, channelCount, -1);
        }
        replacement.addTo(counts, ballots, channelCount, +1);
        out.set(Outcome.ACCEPTED, null);
    }

    /** Whether a ballot's receipt was seen before, and if so with the same content; null when new. */
    PriorBallot prior(final Ballot ballot)
    {
        final int at = receipts.find(ballot.receipt().hi(), ballot.receipt().lo());
        if (at < 0)
        {
            return null;
        }
        final long[] r = receipts.array();
        final boolean sameContent =
            (r[at + RECEIPT_META] >>> 32) == fingerprint(ballot, definition.channelIndex(ballot.channel()));
        return new PriorBallot(r[at + RECEIPT_POSITION], sameContent);
    }

    ReceiptLookup lookup(final Key128 receipt)
    {
        final int at = receipts.find(receipt.hi(), receipt.lo());
        if (at < 0)
        {
            return null;
        }
        final long[] r = receipts.array();
        final long position = r[at + RECEIPT_POSITION];
        final long meta = r[at + RECEIPT_META];
        final Outcome outcome = Outcome.values()[(int)(meta & 0xFF)];
        final int reasonOrdinal = (int)(meta >>> 8) & 0xFF;
        return switch (outcome)
        {
            case STALE -> new ReceiptLookup(receipt, position, ReceiptStatus.STALE, null);
            case REJECTED -> new ReceiptLookup(receipt, position, ReceiptStatus.REJECTED,
                RejectReason.fromOrdinal(reasonOrdinal));
            case DUPLICATE -> new ReceiptLookup(receipt, position, ReceiptStatus.DUPLICATE, null);
            case ACCEPTED -> new ReceiptLookup(receipt, position,
                currentStatus(r[at + RECEIPT_UNIT_HI], r[at + RECEIPT_UNIT_LO], position), null);
        };
    }

    private ReceiptStatus currentStatus(final long unitHi, final long unitLo, final long position)
    {
        final int at = units.find(unitHi, unitLo);
        if (at < 0)
        {
            return ReceiptStatus.WITHDRAWN;
        }
        final long[] u = units.array();
        if ((u[at + UNIT_META] & META_WITHDRAWN) != 0)
        {
            return ReceiptStatus.WITHDRAWN;
        }
        return u[at + UNIT_POSITION] == position ? ReceiptStatus.COUNTED : ReceiptStatus.SUPERSEDED;
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
            arguments.clone(), ranking, majorityGrades, new long[itemCount][0]);
    }

    /** Adds this poll's whole state into a deterministic hash. */
    long hash(final long seed)
    {
        long h = seed;
        h = StateHash.mix(h, StateHash.of(definition.id()));
        h = StateHash.mix(h, definedAt);
        h = StateHash.mix(h, (opened ? 1 : 0) | (closed ? 2 : 0));
        h = StateHash.mix(h, counts);
        h = StateHash.mix(h, ballots);
        h = StateHash.mix(h, arguments);
        h = StateHash.mix(h, LegacyKey128Table.unorderedHash(units));
        h = StateHash.mix(h, LegacyKey128Table.unorderedHash(receipts));
        long sheetsHash = 0;
        for (final Map.Entry<String, SheetContribution> sheet : sheets.entrySet())
        {
            sheetsHash += StateHash.mix(StateHash.of(sheet.getKey()), sheet.getValue().hash());
        }
        return StateHash.mix(h, sheetsHash);
    }

    long footprintBytes()
    {
        return units.footprintBytes() + receipts.footprintBytes();
    }

    int unitCount()
    {
        return units.size();
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
    private static long fingerprint(final Ballot ballot, final int channel)
    {
        long h = StateHash.mix(ballot.voter().hi(), ballot.voter().lo());
        h = StateHash.mix(h, channel);
        h = StateHash.mix(h, contentHash(ballot.content()));
        return h >>> 32;
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
            return StateHash.mix(StateHash.mix(StateHash.mix(3, opinion.item()), choice),
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
