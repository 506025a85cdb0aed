package org.urne.cli;

import java.time.Instant;

import org.urne.tally.domain.Times;

/** Wall time for the commands: only what is shown (a poll's status now), never what is counted. */
final class Clock
{
    private Clock()
    {
    }

    static long nowMicros()
    {
        return Times.toMicros(Instant.now());
    }
}
