package org.urne.tally.core;

import java.util.Locale;

/** Whether a poll accepts ballots at a given time. */
public enum PollStatus
{
    SCHEDULED, OPEN, CLOSED;

    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
