package org.urne.tally.agent;

import java.util.HashMap;
import java.util.Map;

import org.agrona.collections.ArrayUtil;
import org.agrona.collections.LongArrayList;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.ReceiptLookup;
import org.urne.tally.core.ReceiptStatus;
import org.urne.tally.core.RejectReason;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;

/**
 * Every receipt the journal holds, readable from any thread while the tally agent applies records: its position,
 * the fingerprint a retry must match, and its status as {@link TallyCore#lookup} reports it now. Event loops answer
 * a retry and a receipt lookup from it without asking the tally thread.
 *
 * <p>The agent records each ballot right after the core applied it, before anyone is told. A receipt's status
 * changes only when its voter's counted ballot does (a revote, a withdrawal), so after an accepted ballot the
 * agent asks the core again for the receipts of the ballot it replaced and, while their status changes, the ones
 * before: a chain through the positions of one voter's accepted ballots, kept on the agent's side only. One case
 * has no chain: under the first-ballot rule, a withdrawal before any ballot is accepted without a counted ballot to
 * replace, and reads "withdrawn" until the voter's first ballot makes it "superseded"; those few are kept by
 * voter until then.
 */
public final class ReceiptIndex
{
    private static final long NONE = -1;
    /** What asking the core again did to a receipt's status: nothing, counted to superseded, anything else. */
    private static final int UNCHANGED = 0;
    private static final int SUPERSEDED_FROM_COUNTED = 1;
    private static final int CHANGED = 2;
    private static final int REASON_SHIFT = 8;
    private static final int POLL_SHIFT = 16;
    private static final int FINGERPRINT_SHIFT = 32;
    private static final ReceiptStatus[] STATUSES = ReceiptStatus.values();
    private static final RejectReason[] REASONS = RejectReason.values();

    private final ReceiptTable table = new ReceiptTable(1024);
    private long prefetchSink;
    /** By journal position: the receipt of the ballot there, and the accepted ballot it replaced (or -1). */
    private final LongArrayList receiptHi = new LongArrayList();
    private final LongArrayList receiptLo = new LongArrayList();
    private final LongArrayList replaced = new LongArrayList();
    private final Map<Key128, LongArrayList> withdrawnBeforeFirstBallot = new HashMap<>();

    /**
     * A receipt as a reader finds it.
     *
     * @param position    where the ballot first given this receipt is journaled.
     * @param fingerprint what a retry must repeat ({@link TallyCore#fingerprint}).
     * @param status      where that ballot stands now.
     * @param reason      why it was refused, or null.
     */
    public record Entry(long position, long fingerprint, ReceiptStatus status, RejectReason reason)
    {
    }

    /** Reader side: the receipt of poll number {@code pollIndex} ({@link PollStates#indexOf}), or null. */
    public Entry find(final int pollIndex, final Key128 receipt)
    {
        final long[] slots = table.table();
        final int base = ReceiptTable.find(slots, receipt.hi(), receipt.lo());
        if (base < 0)
        {
            return null;
        }
        final long word = ReceiptTable.word(slots, base);
        if ((int)(word >>> POLL_SHIFT & 0xFFFF) != pollIndex)
        {
            return null;
        }
        final int reason = (int)(word >>> REASON_SHIFT & 0xFF);
        return new Entry(ReceiptTable.position(slots, base), word >>> FINGERPRINT_SHIFT,
            STATUSES[(int)(word & 0xFF)], reason == 0 ? null : REASONS[reason - 1]);
    }

    /**
     * Writer side: makes room for a journal of {@code records} records (at most one receipt each), so that replaying
     * it grows neither the table nor the by-position lists step by step.
     */
    void reserve(final long records)
    {
        table.reserve(records);
        final int positions = (int)Math.min(records, ArrayUtil.MAX_CAPACITY);
        receiptHi.ensureCapacity(positions);
        receiptLo.ensureCapacity(positions);
        replaced.ensureCapacity(positions);
    }

    /** Writer side: starts the cache miss {@link #onBallot} will take for this ballot's receipt. */
    void prefetch(final Ballot ballot)
    {
        final Key128 receipt = ballot.receipt();
        if (receipt != null)
        {
            // Kept in a field so the compiler cannot drop the read: its only purpose is to start the miss.
            prefetchSink += ReceiptTable.touch(table.table(), receipt.hi(), receipt.lo());
        }
    }

    /** Writer side: records what the core just did with {@code ballot}, journaled at {@code position}. */
    void onBallot(final TallyCore core, final int pollIndex, final long position, final Ballot ballot)
    {
        pad(position);
        final PollDefinition definition = core.definition(ballot.pollId());
        final Key128 receipt = ballot.receipt();
        if (definition == null || receipt == null || ReceiptTable.find(table.table(), receipt.hi(), receipt.lo()) >= 0)
        {
            return;
        }
        final ReceiptLookup lookup = core.lookup(ballot.pollId(), receipt);
        if (lookup == null)
        {
            return; // the core could not even read the ballot, and keeps no receipt for it
        }
        receiptHi.addLong(receipt.hi());
        receiptLo.addLong(receipt.lo());
        replaced.addLong(core.lastReplacedPosition());
        table.insert(receipt.hi(), receipt.lo(), position,
            word(TallyCore.fingerprint(definition, ballot), pollIndex, lookup));
        long earlier = core.lastReplacedPosition();
        boolean first = true;
        while (earlier != NONE)
        {
            final int change = refresh(core, ballot.pollId(), earlier);
            // An accepted ballot that is not its voter's current one reads withdrawn while the current one is a
            // withdrawal, superseded otherwise: after a plain revote (the ballot replaced was counted, and is
            // superseded now) the ones before it were superseded and stay so, and asking again would only say that.
            if (change == SUPERSEDED_FROM_COUNTED || change == UNCHANGED && !first)
            {
                break;
            }
            first = false;
            earlier = replaced.getLong((int)earlier);
        }
        if (core.lastOutcome() == Outcome.ACCEPTED && core.lastReplacedPosition() == NONE)
        {
            refreshWithdrawnBeforeFirstBallot(core, ballot, lookup.status() == ReceiptStatus.WITHDRAWN, position);
        }
    }

    /**
     * Writer side: after an accepted annulment, the annulled receipt and the one it gave back to the voter (or
     * null) read what the core says of them now.
     */
    void onAnnulled(final TallyCore core, final String pollId, final Key128 annulled, final Key128 restored)
    {
        refresh(core, pollId, annulled);
        if (restored != null)
        {
            refresh(core, pollId, restored);
        }
    }

    /** Keeps an accepted withdrawal that replaced nothing, and refreshes the voter's earlier ones. */
    private void refreshWithdrawnBeforeFirstBallot(
        final TallyCore core, final Ballot ballot, final boolean withdrawn, final long position)
    {
        final LongArrayList earlier = withdrawnBeforeFirstBallot.get(ballot.voter());
        if (earlier != null)
        {
            for (int i = earlier.size() - 1; i >= 0; i--)
            {
                refresh(core, ballot.pollId(), earlier.getLong(i));
                if (status(earlier.getLong(i)) != ReceiptStatus.WITHDRAWN)
                {
                    earlier.removeAt(i);
                }
            }
        }
        if (withdrawn)
        {
            withdrawnBeforeFirstBallot.computeIfAbsent(ballot.voter(), voter -> new LongArrayList()).addLong(position);
        }
        else if (earlier != null && earlier.isEmpty())
        {
            withdrawnBeforeFirstBallot.remove(ballot.voter());
        }
    }

    private ReceiptStatus status(final long position)
    {
        final long[] slots = table.table();
        final int at = (int)position;
        final int base = ReceiptTable.find(slots, receiptHi.getLong(at), receiptLo.getLong(at));
        return STATUSES[(int)(ReceiptTable.word(slots, base) & 0xFF)];
    }

    /** Bytes held for readers and for the agent's chains, for memory reports. */
    public long footprintBytes()
    {
        return table.footprintBytes() + 3L * Long.BYTES * receiptHi.capacity();
    }

    /** Asks the core again for the receipt at {@code position}, as {@link #refresh(TallyCore, String, Key128)}. */
    private int refresh(final TallyCore core, final String pollId, final long position)
    {
        final int at = (int)position;
        return refresh(core, pollId, new Key128(receiptHi.getLong(at), receiptLo.getLong(at)));
    }

    /**
     * Asks the core again for a receipt this index holds: {@link #UNCHANGED}, {@link #SUPERSEDED_FROM_COUNTED} when
     * it was counted and is superseded now, or {@link #CHANGED}.
     */
    private int refresh(final TallyCore core, final String pollId, final Key128 receipt)
    {
        final long[] slots = table.table();
        final int base = ReceiptTable.find(slots, receipt.hi(), receipt.lo());
        final long old = ReceiptTable.word(slots, base);
        final long updated = word(old >>> FINGERPRINT_SHIFT, (int)(old >>> POLL_SHIFT & 0xFFFF),
            core.lookup(pollId, receipt));
        if (updated == old)
        {
            return UNCHANGED;
        }
        table.updateWord(base, updated);
        return STATUSES[(int)(old & 0xFF)] == ReceiptStatus.COUNTED &&
            STATUSES[(int)(updated & 0xFF)] == ReceiptStatus.SUPERSEDED ? SUPERSEDED_FROM_COUNTED : CHANGED;
    }

    /** Keeps the by-position lists one entry per journal position, whatever the record there was. */
    private void pad(final long position)
    {
        while (receiptHi.size() < position)
        {
            receiptHi.addLong(0);
            receiptLo.addLong(0);
            replaced.addLong(NONE);
        }
    }

    private static long word(final long fingerprint, final int pollIndex, final ReceiptLookup lookup)
    {
        final int reason = lookup.reason() == null ? 0 : lookup.reason().ordinal() + 1;
        return fingerprint << FINGERPRINT_SHIFT | (long)pollIndex << POLL_SHIFT | (long)reason << REASON_SHIFT |
            lookup.status().ordinal();
    }
}
