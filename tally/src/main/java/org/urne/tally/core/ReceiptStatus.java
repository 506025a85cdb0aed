package org.urne.tally.core;

import java.util.Locale;

/** Where a ballot stands now, as its receipt reports it. */
public enum ReceiptStatus
{
    /** It is the voter's current ballot and it counts. */
    COUNTED,
    /** A later ballot of the same voter replaced it. */
    SUPERSEDED,
    /** The voter withdrew: this ballot, or the withdrawal itself, counts nothing. */
    WITHDRAWN,
    /** It repeats a ballot already received. */
    DUPLICATE,
    /** It was cast before the voter's ballot that counted when it arrived, and changed nothing. */
    STALE,
    /** It was refused; see the reason. */
    REJECTED,
    /** A typed paper ballot its stand annulled ("cancel the last one"): it does not count. */
    ANNULLED;

    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
