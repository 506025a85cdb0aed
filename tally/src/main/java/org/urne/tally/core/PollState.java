package org.urne.tally.core;

import java.util.Map;

import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.Publication;

/**
 * What decides a poll's status, as an immutable value: its definition (with its scheduled times) and whether an
 * operator opened, closed or sealed it. The tally core keeps the same facts; readers on other threads get copies of
 * this, so event loops refuse what the core would refuse before anything is journaled.
 *
 * @param definition   the poll's definition, with the items added since.
 * @param opened       whether an operator opened it.
 * @param closed       whether an operator closed it (final).
 * @param sealed       whether it is sealed: nothing changes its counts any more.
 * @param definedItems how many of the definition's items its definition record gave; those after were added while
 *                     the poll ran (opinion polls).
 * @param moderated    the status of every item that is not {@link ItemStatus#PUBLISHED}, by item id.
 */
public record PollState(PollDefinition definition, boolean opened, boolean closed, boolean sealed, int definedItems,
    Map<Integer, ItemStatus> moderated)
{
    public PollState
    {
        moderated = Map.copyOf(moderated);
    }

    /** The poll as its definition record gave it, without the items added since: what a redefinition must equal. */
    public PollDefinition asDefined()
    {
        return definedItems == definition.items().size() ? definition :
            definition.withItems(definition.items().subList(0, definedItems));
    }

    /**
     * An item's status: published unless moderated or withdrawn; null when the poll has no such item. It looks the item
     * up among all of them: a reader that knows the item exists asks {@link #moderated()} alone.
     */
    public ItemStatus itemStatus(final int itemId)
    {
        final ItemStatus status = moderated.get(itemId);
        if (status != null)
        {
            return status;
        }
        for (final Item item : definition.items())
        {
            if (item.id() == itemId)
            {
                return ItemStatus.PUBLISHED;
            }
        }
        return null;
    }

    /** The channel whose typed ballots, like tally sheets, are still taken after the close until sheetsUntil. */
    public static final String PAPER_CHANNEL = "paper";

    /** The status at {@code timeMicros}: closing wins, then opening, then the schedule. */
    public PollStatus statusAt(final long timeMicros)
    {
        return statusAt(definition, opened, closed, timeMicros);
    }

    /**
     * Whether a tally sheet recorded at {@code timeMicros} counts: not once sealed; before the close always (paper
     * may be counted early); after it, up to the definition's {@code sheetsUntil} inclusive, and never when it has
     * none.
     */
    public boolean takesSheetsAt(final long timeMicros)
    {
        return takesSheetsAt(definition, opened, closed, sealed, timeMicros);
    }

    /**
     * Whether a ballot of {@code channel} received at {@code timeMicros} falls in the poll's window: while open, and
     * for the paper channel also after the close up to {@code sheetsUntil} inclusive (ballots typed from the stands'
     * boxes); never once sealed. A version 1 poll ({@link PollDefinition#SHEETS_ANY_TIME}) took none after the
     * close, and still does not.
     */
    public boolean takesBallotAt(final String channel, final long timeMicros)
    {
        return takesBallotAt(definition, opened, closed, sealed, channel, timeMicros);
    }

    /** Whether the public may see counts at {@code timeMicros} under the definition's {@code publication}. */
    public boolean resultsPublicAt(final long timeMicros)
    {
        return resultsPublicAt(definition, opened, closed, sealed, timeMicros);
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

    static boolean takesSheetsAt(final PollDefinition definition, final boolean opened, final boolean closed,
        final boolean sealed, final long timeMicros)
    {
        if (sealed)
        {
            return false;
        }
        return statusAt(definition, opened, closed, timeMicros) != PollStatus.CLOSED || beforeSheetsUntil(definition,
            timeMicros);
    }

    static boolean takesBallotAt(final PollDefinition definition, final boolean opened, final boolean closed,
        final boolean sealed, final String channel, final long timeMicros)
    {
        if (sealed)
        {
            return false;
        }
        final PollStatus status = statusAt(definition, opened, closed, timeMicros);
        return status == PollStatus.OPEN || status == PollStatus.CLOSED && PAPER_CHANNEL.equals(channel) &&
            definition.sheetsUntilMicros() != PollDefinition.SHEETS_ANY_TIME_MICROS &&
            beforeSheetsUntil(definition, timeMicros);
    }

    static boolean resultsPublicAt(final PollDefinition definition, final boolean opened, final boolean closed,
        final boolean sealed, final long timeMicros)
    {
        final Publication publication = definition.publication();
        return publication == null || publication == Publication.LIVE ||
            publication == Publication.AT_CLOSE && statusAt(definition, opened, closed, timeMicros) == PollStatus.CLOSED ||
            sealed;
    }

    private static boolean beforeSheetsUntil(final PollDefinition definition, final long timeMicros)
    {
        final long until = definition.sheetsUntilMicros();
        return until != PollDefinition.NO_TIME && timeMicros <= until;
    }
}
