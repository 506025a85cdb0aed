package org.urne.tally.core;

import java.util.Locale;

/**
 * Where a tally sheet stands after an entry: what the agent who entered it is told. Declared from the least advanced
 * to the most, so a stand's status is its sheets' lowest.
 */
public enum SheetEntry
{
    /** Double entry: two tokens entered different figures; the last agreed figures (if any) still count. */
    IN_DISPUTE,
    /** Double entry: entered once (or changed), waiting for a second token to enter the same figures. */
    AWAITING_SECOND_ENTRY,
    /** The entered figures count. */
    COUNTED;

    /** The JSON name: {@code awaiting-second-entry}, {@code in-dispute}, {@code counted}. */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
