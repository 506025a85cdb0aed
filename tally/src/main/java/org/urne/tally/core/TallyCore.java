package org.urne.tally.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.urne.tally.assembly.AssemblyBook;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollDefinitionValidator;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Proposals;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.Utf8;

/**
 * The tally state machine: applies journal records, in journal order, to exact counters per poll, item and
 * channel. Pure: it reads no clock (times come with the records), does no I/O, starts no thread, logs nothing and
 * never lets hash order reach an output, so the same journal always yields the same state, live or replayed.
 * Single-threaded: one thread owns an instance; others see its state only through {@link PollResults} copies.
 */
public final class TallyCore implements TallyIn
{
    private final Map<String, PollTally> pollsById = new HashMap<>();
    private final List<PollTally> pollsInOrder = new ArrayList<>();
    private final ApplyResult result = new ApplyResult();
    private final AssemblyBook assemblies = new AssemblyBook();
    private long lastPosition = -1;
    private long lastTimeMicros = PollDefinition.NO_TIME;
    private int prefetchSink;
    private PollTally lastBallotPoll;
    /** The ballot key of the argument the last record erased, or null. */
    private Key128 lastErasedReceipt;
    /** The records a replay said the journal holds from position 0 ({@link #expectRecords}), or 0. */
    private long expectedRecords;

    /**
     * Tells the core that the journal it is about to be given holds about {@code records} records from position 0,
     * as a replay knows: a poll whose index fills replaces it with one sized for the keys the records still to come
     * would bring at the poll's rate so far, instead of one half as large again each time, which moves every key
     * about twice over an election (docs/benchmarks.md, "Indexes sized for a replay"). An estimate: no answer
     * depends on it; too high leaves slots unused, too low grows as usual, and past that position it no longer acts.
     */
    public void expectRecords(final long records)
    {
        if (records < 0)
        {
            throw new IllegalArgumentException("a journal of " + records + " records");
        }
        this.expectedRecords = records;
    }

    @Override
    public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
    {
        advance(position, timeMicros);
        final PollTally existing = pollsById.get(definition.id());
        if (existing != null)
        {
            if (existing.isSealed())
            {
                result.set(Outcome.REJECTED, RejectReason.POLL_SEALED);
            }
            else if (existing.defined.equals(definition))
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
        final PollTally poll = new PollTally(definition, position);
        pollsById.put(definition.id(), poll);
        pollsInOrder.add(poll);
        result.set(Outcome.ACCEPTED, null);
    }

    @Override
    public void onPollOpened(final long position, final long timeMicros, final String pollId)
    {
        advance(position, timeMicros);
        final PollTally poll = pollsById.get(pollId);
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
        }
        else if (poll.isSealed())
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_SEALED);
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
        final PollTally poll = pollsById.get(pollId);
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
        }
        else if (poll.isSealed())
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_SEALED);
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
        final PollTally poll = ballotPoll(ballot.pollId());
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
            return;
        }
        poll.applyBallot(position, timeMicros, ballot, expectedRecords - position - 1, result);
        if (result.outcome() == Outcome.ACCEPTED)
        {
            poll.receiptsChanged();
            if (poll.argumentBook != null)
            {
                poll.argumentBook.onBallot(position, timeMicros, ballot, result.outcome());
            }
        }
        if (ballot.stand() != null)
        {
            poll.takePaperChanged();
            result.paperChanged();
        }
        else if (poll.takePaperChanged())
        {
            result.standCountsChanged();
        }
    }

    /**
     * Optional, and changes nothing: starts loading what applying this ballot will read first (the index slots of
     * its voter and receipt). A caller holding the next ballots calls it for a few of them (16, say) before applying
     * them: the cache misses, which dominate applying a ballot once a poll has millions of voters, then overlap
     * instead of coming one after another. Outcomes are the same with or without it.
     */
    public void prefetch(final Ballot ballot)
    {
        final PollTally poll = ballotPoll(ballot.pollId());
        if (poll != null)
        {
            // Kept in a field so the compiler cannot drop the reads: their only purpose is to start the misses.
            prefetchSink += poll.prefetch(ballot);
        }
    }

    @Override
    public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
    {
        advance(position, timeMicros);
        final PollTally poll = pollsById.get(sheet.pollId());
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
            return;
        }
        poll.applySheet(sheet, position, timeMicros, result);
        result.paperChanged();
    }

    @Override
    public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
        final Key128 receipt)
    {
        advance(position, timeMicros);
        final PollTally poll = pollsById.get(pollId);
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
            return;
        }
        poll.annul(receipt, timeMicros, result);
        poll.takePaperChanged();
        result.paperChanged();
        if (result.outcome() == Outcome.ACCEPTED)
        {
            poll.receiptsChanged();
            if (poll.argumentBook != null)
            {
                poll.argumentBook.onAnnulled(receipt, result.restored());
            }
        }
    }

    /**
     * An item added to an opinion poll that is not closed (nor sealed): it gets the poll's highest item id plus one.
     * Refused when the poll takes no items while it runs (priority, judgment), when the subject already has an item
     * of that title, when a citizen proposes to a poll that takes no citizens' proposals, or for invalid texts.
     */
    @Override
    public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
    {
        advance(position, timeMicros);
        final PollTally poll = pollsById.get(added.pollId());
        final RejectReason refusal = poll == null ? RejectReason.POLL_UNKNOWN : poll.isSealed() ?
            RejectReason.POLL_SEALED : poll.definition.kind() != PollKind.OPINION ? RejectReason.ITEMS_FIXED :
            poll.statusAt(timeMicros) == PollStatus.CLOSED ? RejectReason.POLL_CLOSED : itemRefusal(poll, added);
        if (refusal != null)
        {
            result.set(Outcome.REJECTED, refusal);
            return;
        }
        final int id = poll.nextItemId();
        poll.addItem(added.item(id));
        result.addedItem(id);
        result.set(Outcome.ACCEPTED, null);
    }

    private static RejectReason itemRefusal(final PollTally poll, final JournalEntry.ItemAdded added)
    {
        if (added.proposer() != null && poll.definition.proposals() != Proposals.CITIZENS)
        {
            return RejectReason.PROPOSALS_CLOSED;
        }
        if (!PollDefinitionValidator.validateAdded(added.item(0)).isEmpty() || poll.nextItemId() < 0 ||
            poll.itemCount() >= PollDefinitionValidator.MAX_ITEMS)
        {
            return RejectReason.INVALID;
        }
        return poll.definition.itemTitled(added.subject(), added.title()) != null ? RejectReason.DUPLICATE_ITEM : null;
    }

    /** An item hidden, withdrawn or published again; the same status again changes nothing (a retry). */
    @Override
    public void onItemStatusChanged(final long position, final long timeMicros,
        final JournalEntry.ItemStatusChanged changed)
    {
        advance(position, timeMicros);
        final PollTally poll = pollsById.get(changed.pollId());
        final ItemStatus current = poll == null ? null : poll.itemStatus(changed.item());
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
        }
        else if (poll.isSealed())
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_SEALED);
        }
        else if (poll.definition.kind() != PollKind.OPINION)
        {
            result.set(Outcome.REJECTED, RejectReason.ITEMS_FIXED);
        }
        else if (current == null)
        {
            result.set(Outcome.REJECTED, RejectReason.ITEM_UNKNOWN);
        }
        else if (changed.status() == null || changed.reason() != null &&
            changed.reason().length() > PollDefinitionValidator.MAX_TITLE_LENGTH)
        {
            result.set(Outcome.REJECTED, RejectReason.INVALID);
        }
        else if (changed.status() == current)
        {
            result.set(Outcome.DUPLICATE, null);
        }
        else
        {
            poll.itemStatus(changed.item(), changed.status());
            result.set(Outcome.ACCEPTED, null);
        }
    }

    /**
     * Seals a closed poll: accepted only when the poll is closed at the record's time, not sealed yet, and its
     * results as they stand render to the record's digests (the canonical CSV of {@code format} and the counted
     * receipts list); a record that slipped in between the sealing server's snapshot and the seal makes it
     * {@link RejectReason#SEAL_OUTDATED}, so a seal never names results other than those it freezes.
     */
    @Override
    public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
    {
        advance(position, timeMicros);
        final PollTally poll = pollsById.get(seal.pollId());
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
        }
        else if (poll.isSealed())
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_SEALED);
        }
        else if (poll.statusAt(timeMicros) != PollStatus.CLOSED)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_NOT_CLOSED);
        }
        else if (seal.format() != CanonicalResults.FORMAT || seal.resultsSha256() == null ||
            seal.receiptsSha256() == null)
        {
            result.set(Outcome.REJECTED, RejectReason.INVALID);
        }
        else
        {
            final byte[] csv = Utf8.encode(CanonicalResults.csv(poll.results(position, timeMicros)));
            if (Arrays.equals(Sha256.of(csv), seal.resultsSha256()) &&
                Arrays.equals(poll.countedReceiptsSha256(), seal.receiptsSha256()))
            {
                poll.seal(csv);
                result.set(Outcome.ACCEPTED, null);
            }
            else
            {
                result.set(Outcome.REJECTED, RejectReason.SEAL_OUTDATED);
            }
        }
    }

    /**
     * A commitment: accepted only while the poll's results are not public at the record's time, and at least the
     * poll's {@code commitEvery} seconds (of record time) after its last accepted one, so that several timers (the
     * members of a cluster) do not multiply them.
     */
    @Override
    public void onCommitment(final long position, final long timeMicros, final String pollId)
    {
        advance(position, timeMicros);
        final PollTally poll = pollsById.get(pollId);
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
        }
        else if (poll.resultsPublicAt(timeMicros))
        {
            result.set(Outcome.REJECTED, RejectReason.RESULTS_PUBLIC);
        }
        else if (poll.lastCommitMicros() != PollDefinition.NO_TIME &&
            timeMicros - poll.lastCommitMicros() < poll.definition.commitEvery() * 1_000_000L)
        {
            result.set(Outcome.REJECTED, RejectReason.COMMITMENT_TOO_SOON);
        }
        else
        {
            poll.commit(timeMicros);
            result.set(Outcome.ACCEPTED, null);
        }
    }

    /** An assembly's record: applied to the assemblies' state machine, which changes no poll. */
    @Override
    public void onAssembly(final long position, final long timeMicros, final AssemblyEvent event)
    {
        advance(position, timeMicros);
        assemblies.apply(event);
        result.set(assemblies.lastOutcome(), assemblies.lastReason());
    }

    /**
     * Hides an argument from the public: rejected when the poll is unknown or takes no argument
     * ({@link RejectReason#POLL_UNKNOWN}, {@link RejectReason#ARGUMENT_UNKNOWN}), when it took no argument with this
     * id, or when the argument is hidden already. Changes no count, sealed poll or not.
     */
    @Override
    public void onArgumentHidden(final long position, final long timeMicros, final JournalEntry.ArgumentHidden hidden)
    {
        advance(position, timeMicros);
        final PollArguments book = argumentBook(hidden.pollId());
        if (book != null)
        {
            decided(book.hide(hidden.argument(), hidden.reason()));
        }
    }

    /**
     * Forgets an argument's text (the key that encrypts it is destroyed outside the core): rejected as
     * {@link #onArgumentHidden} is, and when the text is erased already. Changes no count.
     */
    @Override
    public void onArgumentErased(final long position, final long timeMicros, final JournalEntry.ArgumentErased erased)
    {
        advance(position, timeMicros);
        final PollArguments book = argumentBook(erased.pollId());
        if (book != null)
        {
            final RejectReason refused = book.erase(erased.argument());
            decided(refused);
            lastErasedReceipt = refused == null ? book.receiptOf(erased.argument()) : null;
        }
    }

    /**
     * An opinion poll's arguments as they stand (served, hidden, erased), detached and immutable; null when the poll
     * is unknown or not an opinion poll. The same instance until one of its arguments changes.
     */
    public ArgumentView arguments(final String pollId)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null || poll.argumentBook == null ? null : poll.argumentBook.view();
    }

    /**
     * When the last record was an accepted erasure, the ballot key of the ballot whose argument it erased (its
     * key's name in the argument key store, with the poll); else null.
     */
    public Key128 lastErasedReceipt()
    {
        return lastErasedReceipt;
    }

    /** The arguments of an opinion poll, or null after rejecting the record (unknown poll, or not an opinion one). */
    private PollArguments argumentBook(final String pollId)
    {
        final PollTally poll = pollsById.get(pollId);
        if (poll == null)
        {
            result.set(Outcome.REJECTED, RejectReason.POLL_UNKNOWN);
            return null;
        }
        if (poll.argumentBook == null)
        {
            result.set(Outcome.REJECTED, RejectReason.ARGUMENT_UNKNOWN);
        }
        return poll.argumentBook;
    }

    private void decided(final RejectReason refused)
    {
        if (refused == null)
        {
            result.set(Outcome.ACCEPTED, null);
        }
        else
        {
            result.set(Outcome.REJECTED, refused);
        }
    }

    /** An assembly as readers may see it (a new immutable copy), or null when unknown. */
    public AssemblyView assembly(final String assemblyId)
    {
        return assemblies.view(assemblyId, lastPosition);
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

    /**
     * When the last applied record was an accepted ballot that replaced its voter's current one (a revote or a
     * withdrawal), the position of the replaced ballot; otherwise -1.
     */
    public long lastReplacedPosition()
    {
        return result.replaced();
    }

    /**
     * Whether the last applied record was a paper record (a typed ballot, a sheet, an annulment) whose submitter
     * reads {@link #paper} next: it must be given anew before the answer.
     */
    public boolean lastChangedPaper()
    {
        return result.isPaperChanged();
    }

    /**
     * Whether the last applied record, a ballot from no stand, changed a stand's counts (it replaced a typed
     * ballot): {@link #paper} is stale until published again, which may wait for the next results.
     */
    public boolean lastChangedStandCounts()
    {
        return result.isStandCountsChanged();
    }

    /** When the last applied record was an accepted added item, the id the journal gave it; else -1. */
    public int lastAddedItem()
    {
        return result.addedItem();
    }

    /** When the last applied record was a tally sheet entry, where the sheet stands now; else null. */
    public SheetEntry lastSheetEntry()
    {
        return result.sheetEntry();
    }

    /**
     * When the last applied record was an accepted annulment that gave the voter back an earlier ballot, that
     * ballot's receipt; else null.
     */
    public Key128 lastRestoredReceipt()
    {
        return result.restored();
    }

    /** A poll's paper channel (stands, sheets), detached; null when the poll is unknown. */
    public PaperView paper(final String pollId)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.paperView(lastPosition);
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
        for (final PollTally poll : pollsInOrder)
        {
            definitions.add(poll.definition);
        }
        return Collections.unmodifiableList(definitions);
    }

    /** A poll's definition with its added items, or null if none is defined: {@link #state} without the status. */
    public PollDefinition definition(final String pollId)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.definition;
    }

    /** A copy of what decides a poll's status, or null when the poll is unknown. */
    public PollState state(final String pollId)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.state();
    }

    /**
     * What a retry of {@code ballot} must repeat (voter, channel and content; castAt aside), as the core compares
     * it: two ballots under one receipt with equal fingerprints are one ballot sent twice.
     */
    public static long fingerprint(final PollDefinition definition, final Ballot ballot)
    {
        return PollTally.fingerprint(ballot, definition.channelIndex(ballot.channel()));
    }

    /** A poll's status at the given time, or null when the poll is unknown. */
    public PollStatus status(final String pollId, final long timeMicros)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.statusAt(timeMicros);
    }

    /** A copy of a poll's counts and ranking, with its status at {@code timeMicros}; null when unknown. */
    public PollResults results(final String pollId, final long timeMicros)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.results(lastPosition, timeMicros);
    }

    /**
     * The canonical CSV (UTF-8) a sealed poll was sealed with, the one its seal's digest is of; null when the poll
     * is unknown or not sealed. The core's own array: callers never write into it.
     */
    public byte[] sealedCsv(final String pollId)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.sealedCsv();
    }

    /** A poll's results in the canonical CSV, version {@link CanonicalResults#FORMAT}; null when unknown. */
    public String canonicalCsv(final String pollId)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : CanonicalResults.csv(poll.results(lastPosition, lastTimeMicros));
    }

    /**
     * A poll's counted receipts list (docs/api.md, "Sealing"), ASCII text; null when unknown. The core's own array,
     * kept until the poll's next accepted ballot: the caller copies it before keeping it.
     */
    public byte[] countedReceipts(final String pollId)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.countedReceipts();
    }

    /** The SHA-256 of {@link #countedReceipts}, a copy; null when the poll is unknown. */
    public byte[] countedReceiptsSha256(final String pollId)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.countedReceiptsSha256().clone();
    }

    /** The status of a ballot by receipt, or null when the poll or the receipt is unknown. */
    public ReceiptLookup lookup(final String pollId, final Key128 receipt)
    {
        final PollTally poll = pollsById.get(pollId);
        return poll == null ? null : poll.lookup(receipt);
    }

    /**
     * Whether the journal already holds a ballot with this one's receipt (a retry), and if so whether the content
     * is the same; null when the ballot is new or its poll unknown. The core's own view, which the layout tests
     * compare; ingest answers retries from the agent's {@code ReceiptIndex}, readable off the tally thread.
     */
    PriorBallot prior(final Ballot ballot)
    {
        final PollTally poll = pollsById.get(ballot.pollId());
        return poll == null ? null : poll.prior(ballot);
    }

    /** A deterministic hash of the whole state: equal hashes after equal journal prefixes, live or replayed. */
    public long stateHash()
    {
        long h = StateHash.mix(0x75726E65L, lastPosition);
        for (final PollTally poll : pollsInOrder)
        {
            h = poll.hash(h);
        }
        // Without assemblies the hash is what it always was: journals without them keep their pinned hashes.
        return assemblies.isEmpty() ? h : assemblies.hash(h);
    }

    /** Bytes held by the per-voter and per-receipt tables of all polls, for memory reports. */
    public long footprintBytes()
    {
        long bytes = 0;
        for (final PollTally poll : pollsInOrder)
        {
            bytes += poll.footprintBytes();
        }
        return bytes;
    }

    /**
     * The poll a ballot is cast in, or null. Ballots come in runs of the same poll, and a decoded record's poll id is
     * a new string each time: comparing it with the last one's is cheaper than hashing it.
     */
    private PollTally ballotPoll(final String pollId)
    {
        if (lastBallotPoll == null || !lastBallotPoll.definition.id().equals(pollId))
        {
            final PollTally poll = pollsById.get(pollId);
            if (poll == null)
            {
                return null;
            }
            lastBallotPoll = poll;
        }
        return lastBallotPoll;
    }

    private void advance(final long position, final long timeMicros)
    {
        result.reset();
        lastErasedReceipt = null;
        if (position <= lastPosition)
        {
            throw new IllegalArgumentException("records must come in journal order: position " + position +
                " after " + lastPosition);
        }
        lastPosition = position;
        lastTimeMicros = timeMicros;
    }
}
