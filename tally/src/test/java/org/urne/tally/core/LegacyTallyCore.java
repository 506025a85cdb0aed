package org.urne.tally.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollDefinitionValidator;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;

/**
 * The tally core as it was before the compact layout ({@code BallotTable}), kept word for word as the oracle of
 * {@link CoreLayoutEquivalenceTest}: the new core must decide every record, answer every lookup and hash its state
 * exactly as this one does. The original's description follows.
 *
 * <p>The tally state machine: applies journal records, in journal order, to exact counters per poll, item and
 * channel. Pure: it reads no clock (times come with the records), does no I/O, starts no thread, logs nothing and
 * never lets hash order reach an output, so the same journal always yields the same state, live or replayed.
 * Single-threaded: one thread owns an instance; others see its state only through {@link PollResults} copies.
 */
final class LegacyTallyCore implements TallyIn
{
    private final Map<String, LegacyPollTally> pollsById = new HashMap<>();
    private final List<LegacyPollTally> pollsInOrder = new ArrayList<>();
    private final ApplyResult result = new ApplyResult();
    private long lastPosition = -1;
    private long lastTimeMicros = PollDefinition.NO_TIME;

    @Override
    public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
    {
        advance(position, timeMicros);
        final LegacyPollTally existing = pollsById.get(definition.id());
        if (existing != null)
        {
            if (existing.definition.equals(definition))
            {
                result.set(Outcome.DUPLICATE, null);
            }
            else
            {
                result.set(Outcome.REJECTED, RejectReason.DEFINITION_CONFLICT);
            }
            return;
        }
        if (!PollDefinitionValidator.validate(definition).isEmpty())
        {
            result.set(Outcome.REJECTED, RejectReason.INVALID);
            return;
        }
        final LegacyPollTally poll = new LegacyPollTally(definition, position);
        pollsById.put(definition.id(), poll);
        pollsInOrder.add(poll);
        result.set(Outcome.ACCEPTED, null);
    }

    @Override
    public void onPollOpened(final long position, final long timeMicros, final String pollId)
    {
        advance(position, timeMicros);
        final LegacyPollTally poll = pollsById.get(pollId);
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
        }
        else if (poll.statusAt(timeMicros) == PollStatus.CLOSED)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_CLOSED);
        }
        else
        {
            poll.open();
            result.set(Outcome.ACCEPTED, null);
        }
    }

    @Override
    public void onPollClosed(final long position, final long timeMicros, final String pollId)
    {
        advance(position, timeMicros);
        final LegacyPollTally poll = pollsById.get(pollId);
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
        }
        else if (poll.isClosedExplicitly())
        {
            result.set(Outcome.DUPLICATE, null);
        }
        else
        {
            poll.close();
            result.set(Outcome.ACCEPTED, null);
        }
    }

    @Override
    public void onBallot(final long position, final long timeMicros, final Ballot ballot)
    {
        advance(position, timeMicros);
        final LegacyPollTally poll = pollsById.get(ballot.pollId());
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
            return;
        }
        poll.applyBallot(position, timeMicros, ballot, result);
    }

    @Override
    public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
    {
        advance(position, timeMicros);
        final LegacyPollTally poll = pollsById.get(sheet.pollId());
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
            return;
        }
        poll.applySheet(sheet, timeMicros, result);
    }

    /** The equivalence tests' journals (RandomJournal) hold no seal or commitment: the reference refuses them. */
    @Override
    public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
    {
        advance(position, timeMicros);
        result.set(Outcome.REJECTED, RejectReason.INVALID);
    }

    @Override
    public void onCommitment(final long position, final long timeMicros, final String pollId)
    {
        advance(position, timeMicros);
        result.set(Outcome.REJECTED, RejectReason.INVALID);
    }

    @Override
    public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
        final Key128 receipt)
    {
        advance(position, timeMicros);
        result.set(Outcome.REJECTED, RejectReason.INVALID);
    }

    /** Items added while a poll runs came with record format 4, after this core: the equivalence never sends one. */
    @Override
    public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
    {
        advance(position, timeMicros);
        result.set(Outcome.REJECTED, RejectReason.INVALID);
    }

    @Override
    public void onItemStatusChanged(final long position, final long timeMicros,
        final JournalEntry.ItemStatusChanged changed)
    {
        advance(position, timeMicros);
        result.set(Outcome.REJECTED, RejectReason.INVALID);
    }

    /** What the last applied record did. */
    public Outcome lastOutcome()
    {
        return result.outcome();
    }

    /** Why the last applied record was rejected, or null. */
    public RejectReason lastRejectReason()
    {
        return result.reason();
    }

    /** The position of the last applied record, or -1 before any. */
    public long lastPosition()
    {
        return lastPosition;
    }

    /** The recorded time of the last applied record, or {@link PollDefinition#NO_TIME} before any. */
    public long lastTimeMicros()
    {
        return lastTimeMicros;
    }

    /** The definitions of all polls, in the order they were defined. */
    public List<PollDefinition> definitions()
    {
        final List<PollDefinition> definitions = new ArrayList<>(pollsInOrder.size());
        for (final LegacyPollTally poll : pollsInOrder)
        {
            definitions.add(poll.definition);
        }
        return Collections.unmodifiableList(definitions);
    }

    /** The definition of a poll, or null when unknown. */
    public PollDefinition definition(final String pollId)
    {
        final LegacyPollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.definition;
    }

    /** A poll's status at the given time, or null when the poll is unknown. */
    public PollStatus status(final String pollId, final long timeMicros)
    {
        final LegacyPollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.statusAt(timeMicros);
    }

    /** A copy of a poll's counts and ranking, with its status at {@code timeMicros}; null when unknown. */
    public PollResults results(final String pollId, final long timeMicros)
    {
        final LegacyPollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.results(lastPosition, timeMicros);
    }

    /** The status of a ballot by receipt, or null when the poll or the receipt is unknown. */
    public ReceiptLookup lookup(final String pollId, final Key128 receipt)
    {
        final LegacyPollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.lookup(receipt);
    }

    /**
     * Whether the journal already holds a ballot with this one's receipt (a retry), and if so whether the content
     * is the same; null when the ballot is new or its poll unknown. Lets ingest answer a retry without journaling
     * it again, and refuse a reused ballotId before it reaches the journal.
     */
    public PriorBallot prior(final Ballot ballot)
    {
        final LegacyPollTally poll = pollsById.get(ballot.pollId());
        return poll == null ? null : poll.prior(ballot);
    }

    /** A deterministic hash of the whole state: equal hashes after equal journal prefixes, live or replayed. */
    public long stateHash()
    {
        long h = StateHash.mix(0x75726E65L, lastPosition);
        for (final LegacyPollTally poll : pollsInOrder)
        {
            h = poll.hash(h);
        }
        return h;
    }

    /** Bytes held by the per-voter and per-receipt tables of all polls, for memory reports. */
    public long footprintBytes()
    {
        long bytes = 0;
        for (final LegacyPollTally poll : pollsInOrder)
        {
            bytes += poll.footprintBytes();
        }
        return bytes;
    }

    private void advance(final long position, final long timeMicros)
    {
        if (position <= lastPosition)
        {
            throw new IllegalArgumentException("records must come in journal order: position " + position +
                " after " + lastPosition);
        }
        lastPosition = position;
        lastTimeMicros = timeMicros;
    }
}
