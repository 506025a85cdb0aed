package org.urne.tally.core;

import org.urne.tally.domain.PollDefinition;

/**
 * What decides a poll's status, as an immutable value: its definition (with its scheduled times) and whether an
 * operator opened or closed it. The tally core keeps the same facts; readers on other threads get copies of this.
 *
 * @param definition the poll's definition.
 * @param opened     whether an operator opened it.
 * @param closed     whether an operator closed it (final).
 */
public record PollState(PollDefinition definition, boolean opened, boolean closed)
{
    /** The status at {@code timeMicros}: closing wins, then opening, then the schedule. */
    public PollStatus statusAt(final long timeMicros)
    {
        return statusAt(definition, opened, closed, timeMicros);
    }

    static PollStatus statusAt(
        final PollDefinition definition, final boolean opened, final boolean closed, final long timeMicros)
    {
        final long closesAt = definition.closesAtMicros();
        if (closed || closesAt != PollDefinition.NO_TIME && timeMicros > closesAt)
        {
            return PollStatus.CLOSED;
        }
        final long opensAt = definition.opensAtMicros();
        if (opened || opensAt != PollDefinition.NO_TIME && timeMicros >= opensAt)
        {
            return PollStatus.OPEN;
        }
        return PollStatus.SCHEDULED;
    }
}
