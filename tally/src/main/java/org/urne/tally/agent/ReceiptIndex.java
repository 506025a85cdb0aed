package org.urne.tally.agent;

import java.util.HashMap;
import java.util.Map;

import org.agrona.collections.ArrayUtil;
import org.agrona.collections.IntArrayList;
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
 * before: a chain through the rows of one voter's accepted ballots, kept on the agent's side only. One case
 * has no chain: under the first-ballot rule, a withdrawal before any ballot is accepted without a counted ballot to
 * replace, and reads "withdrawn" until the voter's first ballot makes it "superseded"; those few are kept by
 * voter until then.
 */
public final class ReceiptIndex
{
    private static final long NONE = -1;
    private static final int NO_ROW = -1;
    /** What asking the core again did to a receipt's status: nothing, counted to superseded, anything else. */
    private static final int UNCHANGED = 0;
    private static final int SUPERSEDED_FROM_COUNTED = 1;
    private static final int CHANGED = 2;
    private static final int REASON_SHIFT = 8;
    private static final int POLL_SHIFT = 16;
    private static final int FINGERPRINT_SHIFT = 32;
    private static final ReceiptStatus[] STATUSES = ReceiptStatus.values();
    private static final RejectReason[] REASONS = RejectReason.values();

    private final ReceiptRows rows = new ReceiptRows(1024);
    private long prefetchSink;
    /** By journal position: the row of the receipt first given to the ballot there, or -1. */
    private final IntArrayList rowByPosition = new IntArrayList(16, NO_ROW);
    /** By row: the row of the accepted ballot this receipt's ballot replaced, or -1. */
    private final IntArrayList replacedRow = new IntArrayList(16, NO_ROW);
    private final Map<Key128, IntArrayList> withdrawnBeforeFirstBallot = new HashMap<>();

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
        final int row = rows.find(receipt.hi(), receipt.lo());
        if (row < 0)
        {
            return null;
        }
        final long word = rows.word(row);
        if ((int)(word >>> POLL_SHIFT & 0xFFFF) != pollIndex)
        {
            return null;
        }
        final int reason = (int)(word >>> REASON_SHIFT & 0xFF);
        return new Entry(rows.position(row), word >>> FINGERPRINT_SHIFT,
            STATUSES[(int)(word & 0xFF)], reason == 0 ? null : REASONS[reason - 1]);
    }

    /**
     * Writer side: makes room for a journal of {@code records} records (at most one receipt each), so that replaying
     * it grows neither the index nor the lists step by step.
     */
    void reserve(final long records)
    {
        rows.reserve(records);
        final int positions = (int)Math.min(records, ArrayUtil.MAX_CAPACITY);
        rowByPosition.ensureCapacity(positions);
        replacedRow.ensureCapacity(positions);
    }

    /** Writer side: starts the cache miss {@link #onBallot} will take for this ballot's receipt. */
    void prefetch(final Ballot ballot)
    {
        final Key128 receipt = ballot.receipt();
        if (receipt != null)
        {
            // Kept in a field so the compiler cannot drop the read: its only purpose is to start the miss.
            prefetchSink += rows.touch(receipt.hi(), receipt.lo());
        }
    }

    /** Writer side: records what the core just did with {@code ballot}, journaled at {@code position}. */
    void onBallot(final TallyCore core, final int pollIndex, final long position, final Ballot ballot)
    {
        pad(position);
        final PollDefinition definition = core.definition(ballot.pollId());
        final Key128 receipt = ballot.receipt();
        if (definition == null || receipt == null || rows.find(receipt.hi(), receipt.lo()) >= 0)
        {
            return;
        }
        final ReceiptLookup lookup = core.lookup(ballot.pollId(), receipt);
        if (lookup == null)
        {
            return; // the core could not even read the ballot, and keeps no receipt for it
        }
        final long replacedPosition = core.lastReplacedPosition();
        final int replaced = replacedPosition == NONE ? NO_ROW : rowByPosition.getInt((int)replacedPosition);
        final int row = rows.add(receipt.hi(), receipt.lo(), position,
            word(TallyCore.fingerprint(definition, ballot), pollIndex, lookup));
        rowByPosition.addInt(row);
        replacedRow.addInt(replaced);
        int earlier = replaced;
        boolean first = true;
        while (earlier != NO_ROW)
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
            earlier = replacedRow.getInt(earlier);
        }
        if (core.lastOutcome() == Outcome.ACCEPTED && replacedPosition == NONE)
        {
            refreshWithdrawnBeforeFirstBallot(core, ballot, lookup.status() == ReceiptStatus.WITHDRAWN, row);
        }
    }

    /**
     * Writer side: after an accepted annulment, the annulled receipt and the one it gave back to the voter (or
     * null) read what the core says of them now.
     */
    void onAnnulled(final TallyCore core, final String pollId, final Key128 annulled, final Key128 restored)
    {
        refresh(core, pollId, rows.find(annulled.hi(), annulled.lo()));
        if (restored != null)
        {
            refresh(core, pollId, rows.find(restored.hi(), restored.lo()));
        }
    }

    /** Keeps an accepted withdrawal that replaced nothing, and refreshes the voter's earlier ones. */
    private void refreshWithdrawnBeforeFirstBallot(
        final TallyCore core, final Ballot ballot, final boolean withdrawn, final int row)
    {
        final IntArrayList earlier = withdrawnBeforeFirstBallot.get(ballot.voter());
        if (earlier != null)
        {
            for (int i = earlier.size() - 1; i >= 0; i--)
            {
                refresh(core, ballot.pollId(), earlier.getInt(i));
                if (STATUSES[(int)(rows.word(earlier.getInt(i)) & 0xFF)] != ReceiptStatus.WITHDRAWN)
                {
                    earlier.removeAt(i);
                }
            }
        }
        if (withdrawn)
        {
            withdrawnBeforeFirstBallot.computeIfAbsent(ballot.voter(), voter -> new IntArrayList()).addInt(row);
        }
        else if (earlier != null && earlier.isEmpty())
        {
            withdrawnBeforeFirstBallot.remove(ballot.voter());
        }
    }

    /**
     * Bytes held for readers and for the agent's chains, for memory reports: the rows and their index, and an int
     * per journal position and per receipt.
     */
    public long footprintBytes()
    {
        return rows.footprintBytes() + (long)Integer.BYTES * (rowByPosition.capacity() + replacedRow.capacity());
    }

    /**
     * Asks the core again for the receipt in {@code row} (nothing when -1): {@link #UNCHANGED},
     * {@link #SUPERSEDED_FROM_COUNTED} when it was counted and is superseded now, or {@link #CHANGED}.
     */
    private int refresh(final TallyCore core, final String pollId, final int row)
    {
        if (row == NO_ROW)
        {
            return UNCHANGED;
        }
        final long old = rows.word(row);
        final long updated = word(old >>> FINGERPRINT_SHIFT, (int)(old >>> POLL_SHIFT & 0xFFFF),
            core.lookup(pollId, new Key128(rows.hi(row), rows.lo(row))));
        if (updated == old)
        {
            return UNCHANGED;
        }
        rows.updateWord(row, updated);
        return STATUSES[(int)(old & 0xFF)] == ReceiptStatus.COUNTED &&
            STATUSES[(int)(updated & 0xFF)] == ReceiptStatus.SUPERSEDED ? SUPERSEDED_FROM_COUNTED : CHANGED;
    }

    /** Keeps the by-position list one entry per journal position, whatever the record there was. */
    private void pad(final long position)
    {
        while (rowByPosition.size() < position)
        {
            rowByPosition.addInt(NO_ROW);
        }
    }

    private static long word(final long fingerprint, final int pollIndex, final ReceiptLookup lookup)
    {
        final int reason = lookup.reason() == null ? 0 : lookup.reason().ordinal() + 1;
        return fingerprint << FINGERPRINT_SHIFT | (long)pollIndex << POLL_SHIFT | (long)reason << REASON_SHIFT |
            lookup.status().ordinal();
    }
}
