package org.urne.tally.agent;

import org.urne.tally.core.Outcome;
import org.urne.tally.core.RejectReason;
import org.urne.tally.core.SheetEntry;

/**
 * What the tally core decided for one journaled record, as its submitter is told.
 *
 * @param position      the record's journal position.
 * @param timeMicros    the time the journal recorded with it.
 * @param outcome       what applying it did.
 * @param reason        why it changed nothing, when {@code outcome} is {@link Outcome#REJECTED}; else null.
 * @param priorPosition for a ballot that repeats an earlier one's receipt, the earlier one's position; else -1.
 * @param sheetEntry    for a tally sheet entry, where the sheet stands now; else null.
 * @param addedItem     for an accepted added item, the id the journal gave it; else -1.
 */
public record Applied(long position, long timeMicros, Outcome outcome, RejectReason reason, long priorPosition,
    SheetEntry sheetEntry, int addedItem)
{
}
