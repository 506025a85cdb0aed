package org.urne.tally.core;

import org.urne.tally.domain.Key128;

/** The outcome of the last record applied, reused so the hot path allocates nothing. */
final class ApplyResult
{
    private Outcome outcome = Outcome.ACCEPTED;
    private RejectReason reason;
    private long replaced = -1;
    private SheetEntry sheetEntry;
    private int addedItem = -1;
    private Key128 restored;
    private boolean paperChanged;
    private boolean standCountsChanged;

    void set(final Outcome outcome, final RejectReason reason)
    {
        this.outcome = outcome;
        this.reason = reason;
    }

    /** Before {@link #set}: the accepted ballot replaces the unit's current one, journaled at this position. */
    void replaced(final long position)
    {
        this.replaced = position;
    }

    long replaced()
    {
        return replaced;
    }

    void reset()
    {
        replaced = -1;
        sheetEntry = null;
        addedItem = -1;
        restored = null;
        paperChanged = false;
        standCountsChanged = false;
    }

    /** The record changed a poll's paper channel (a stand's counts, a sheet, an annulment). */
    void paperChanged()
    {
        this.paperChanged = true;
    }

    boolean isPaperChanged()
    {
        return paperChanged;
    }

    /** A ballot from no stand replaced a typed one: a stand's counts changed. */
    void standCountsChanged()
    {
        this.standCountsChanged = true;
    }

    boolean isStandCountsChanged()
    {
        return standCountsChanged;
    }

    /** A tally sheet's state after the entry just applied. */
    void sheetEntry(final SheetEntry entry)
    {
        this.sheetEntry = entry;
    }

    SheetEntry sheetEntry()
    {
        return sheetEntry;
    }

    void addedItem(final int itemId)
    {
        this.addedItem = itemId;
    }

    int addedItem()
    {
        return addedItem;
    }

    /** An annulment gave the voter back this earlier ballot as the current one. */
    void restored(final Key128 receipt)
    {
        this.restored = receipt;
    }

    Key128 restored()
    {
        return restored;
    }

    Outcome outcome()
    {
        return outcome;
    }

    RejectReason reason()
    {
        return reason;
    }
}
