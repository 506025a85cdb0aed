package org.urne.tally.domain;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Conversions between wire times and the microseconds since the epoch that the journal and core use. */
public final class Times
{
    private Times()
    {
    }

    public static long toMicros(final OffsetDateTime time)
    {
        if (time == null)
        {
            return PollDefinition.NO_TIME;
        }
        return toMicros(time.toInstant());
    }

    public static long toMicros(final Instant instant)
    {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant toInstant(final long micros)
    {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
