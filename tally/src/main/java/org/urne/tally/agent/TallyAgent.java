package org.urne.tally.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.concurrent.WakeableIdleStrategy;
import org.urne.tally.core.ArgumentView;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PaperView;
import org.urne.tally.core.PollResults;
import org.urne.tally.core.PollState;
import org.urne.tally.core.PollStatus;
import org.urne.tally.core.PrefetchingApplier;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.journal.ArgumentKeys;
import org.urne.tally.journal.JournalRecord;

/**
 * The one thread that owns the {@link TallyCore}: it applies journal records in order, publishes what readers need
 * as immutable or single-writer state, and publishes an immutable {@link
 * ResultsSnapshot} at most every {@code publishIntervalMicros} (and whenever a poll's status changes with time).
 *
 * <p>Two ways records arrive. Built with the constructor, it reads them from a {@link RecordSource} (start-up
 * replay, tailing a journal, an operator's replay to a position). Built with {@link #serving}, it replays the
 * journal up to where the writer starts, then takes the writer's durable {@link Submission}s in position order,
 * applies each and tells its submitter what the core decided, after publishing the {@link PollStates} and
 * {@link ReceiptIndex} entries that reflect it: one pass, no query before journaling.
 *
 * <p>Other threads never touch the core: they read {@link #snapshot()}, {@link #polls()} and {@link #receipts()}.
 */
public final class TallyAgent implements Agent
{
    private static final int DURABLE_QUEUE_CAPACITY = 64 * 1024;

    private final TallyCore core;
    private final RecordSource source;
    private final LongSupplier clockMicros;
    private final long publishIntervalMicros;
    private final int batchLimit;
    private final long stopAtPosition;
    private final CountingApplier applier = new CountingApplier();
    /** Replayed records go through it: their ballots reach {@link #applier} in batches whose cache misses overlap. */
    private final PrefetchingApplier replayApplier;
    private final AtomicLongArray outcomes = new AtomicLongArray(Outcome.values().length);
    private final OneToOneConcurrentArrayQueue<Submission> durable;
    private final List<Submission> appliedBatch = new ArrayList<>();
    private final List<Applied> appliedOutcomes = new ArrayList<>();
    private final ReceiptIndex receipts = new ReceiptIndex();
    private final Map<String, Integer> pollIndexes = new HashMap<>();
    private final WakeableIdleStrategy idle = new WakeableIdleStrategy(1, 10, TimeUnit.MILLISECONDS.toNanos(10),
        this::hasDurableRecords);
    private final Map<String, PollRecord> recordsByPoll = new HashMap<>();
    private volatile Map<String, PollRecord> records = Map.of();
    private volatile PollStates polls = PollStates.EMPTY;
    private final Map<String, AssemblyView> assembliesById = new HashMap<>();
    private volatile Map<String, AssemblyView> assemblies = Map.of();
    private boolean pollsChanged = true;
    private final Map<String, PaperView> paperByPoll = new HashMap<>();
    private volatile Map<String, PaperView> paper = Map.of();
    /** Polls whose paper channel changed since {@link #paper} was published, to publish before answering. */
    private final Set<String> paperChanged = new HashSet<>();
    /** Polls whose stands' counts a ballot from no stand changed: published with the next results. */
    private final Set<String> paperStale = new HashSet<>();
    private final TypedBallots typedBallots = new TypedBallots();
    private final Map<String, ArgumentView> argumentsByPoll = new HashMap<>();
    private volatile Map<String, ArgumentView> arguments = Map.of();
    /** Where erased arguments' keys are destroyed; null for an agent that only reads (a replay, an export). */
    private ArgumentKeys argumentKeys;
    /** Set when an argument was hidden or erased: published before answering, not with the next results. */
    private boolean argumentsChanged;
    private volatile ResultsSnapshot snapshot = ResultsSnapshot.EMPTY;
    private volatile boolean caughtUp;
    /** A serving agent's source has no more records: the rest come from the writer. */
    private boolean replayEnded;
    private volatile long appliedPosition = -1;
    private long lastPublishMicros;
    private boolean publishNow;
    private boolean dirty = true;
    /** True while records come from {@link #source}, false while they come from the journal writer. */
    private boolean replaying;
    /** The author of the record being applied: the token's name, or null for the server's own records. */
    private String appliedBy;
    /** The chain value of the record being applied (null from a source that follows no journal). */
    private byte[] appliedChain;

    /**
     * @param core                  the state to apply records to (fresh, or restored).
     * @param source                the journal records, read from the core's next position.
     * @param clockMicros           wall time in epoch microseconds, for publication pacing and poll status only.
     * @param publishIntervalMicros the least time between two published snapshots.
     * @param batchLimit            the most records read from {@code source} per duty cycle.
     * @param stopAtPosition        the last position to apply ({@code Long.MAX_VALUE} to tail for ever).
     */
    public TallyAgent(final TallyCore core, final RecordSource source, final LongSupplier clockMicros,
        final long publishIntervalMicros, final int batchLimit, final long stopAtPosition)
    {
        this(core, source, clockMicros, publishIntervalMicros, batchLimit, stopAtPosition, null);
    }

    private TallyAgent(final TallyCore core, final RecordSource source, final LongSupplier clockMicros,
        final long publishIntervalMicros, final int batchLimit, final long stopAtPosition,
        final OneToOneConcurrentArrayQueue<Submission> durable)
    {
        this.durable = durable;
        this.core = core;
        this.source = source;
        this.clockMicros = clockMicros;
        this.publishIntervalMicros = publishIntervalMicros;
        this.batchLimit = batchLimit;
        this.stopAtPosition = stopAtPosition;
        this.replayApplier = new PrefetchingApplier(this::prefetch, applier);
    }

    /**
     * An agent for a serving node: it replays {@code source} (the records written before this process started its
     * writer) until the source has none left, its poll returning 0, then applies what {@link TallyPipeline} hands it.
     * The source must end where the writer starts: the caller checks {@link #appliedPosition} against the journal.
     */
    public static TallyAgent serving(final TallyCore core, final RecordSource source, final LongSupplier clockMicros,
        final long publishIntervalMicros, final int batchLimit)
    {
        return new TallyAgent(core, source, clockMicros, publishIntervalMicros, batchLimit, Long.MAX_VALUE,
            new OneToOneConcurrentArrayQueue<>(DURABLE_QUEUE_CAPACITY));
    }

    /**
     * Makes room in the readers' receipt index for a journal of about {@code records} records before a replay, so
     * that it is sized once instead of grown step by step (each step copies every receipt so far), and tells the core
     * ({@link TallyCore#expectRecords}), whose polls then grow their indexes to the size the journal needs. An
     * estimate: fewer records than that leave the room unused, more grow the indexes as usual. Called before the
     * agent runs.
     */
    public void expectRecords(final long records)
    {
        receipts.reserve(records);
        core.expectRecords(records);
    }

    /**
     * Makes this agent destroy, in {@code keys}, the key of every argument an applied erasure erases, replayed ones
     * included: a key store restored from an older backup loses again the keys the journal says were erased. Called
     * before the agent runs; a serving node's agent gets its journal's key store as the journal's opening pass, which
     * it replays from, begins ({@link org.urne.tally.journal.VerifiedRecords#expect}).
     */
    public void destroyErasedKeysIn(final ArgumentKeys keys)
    {
        this.argumentKeys = keys;
    }

    @Override
    public int doWork()
    {
        int applied = 0;
        if (!replayEnded && core.lastPosition() < stopAtPosition)
        {
            applied = replayFromSource();
            // A serving agent's replay ends with its source: from then on, it applies what the writer hands it.
            replayEnded = applied == 0 && durable != null;
        }
        if (replayEnded && applied == 0)
        {
            // In the same duty cycle as the replay's end: a cluster's service applies each committed record by
            // calling this once after handing it over (TallyClusteredService), and must find it applied.
            applied = applyDurable();
        }
        if (applied > 0)
        {
            dirty = true;
            appliedPosition = core.lastPosition();
        }
        else if (!caughtUp && (durable == null || replayEnded))
        {
            caughtUp = true;
        }
        if (caughtUp && pollsChanged)
        {
            publishPolls();
        }
        if (caughtUp && !paperChanged.isEmpty())
        {
            // Before answering: an agent told "awaiting second entry" sees it on the stand list, and a box's way of
            // entry refuses the other way at the edge from now on.
            publishPaper();
        }
        if (caughtUp && argumentsChanged)
        {
            // Before answering: a hidden or erased argument is not served any more once the operator is told.
            publishArguments();
        }
        if (caughtUp && publishNow)
        {
            // A closed poll changed (closed, late paper, sealed): the results a seal is computed from show it before
            // anyone is told, so a seal sent on the answer is not refused as outdated.
            publish(clockMicros.getAsLong());
        }
        answerApplied();
        final long now = clockMicros.getAsLong();
        final boolean due = snapshot == ResultsSnapshot.EMPTY || now - lastPublishMicros >= publishIntervalMicros;
        if (caughtUp && (dirty && due || statusChanged(now)))
        {
            publish(now);
        }
        return applied;
    }

    /** Applies the next records of the source, as many as the batch limit and the stop position allow. */
    private int replayFromSource()
    {
        replaying = true;
        try
        {
            final int read = source.poll(replayApplier, nextBatchLimit());
            // Nothing read is left waiting: the core's position and what readers see are the source's.
            replayApplier.flush();
            return read;
        }
        finally
        {
            replaying = false;
        }
    }

    /** What applying a replayed ballot will look up: the core's slots and the readers' receipt index. */
    private void prefetch(final Ballot ballot)
    {
        core.prefetch(ballot);
        receipts.prefetch(ballot);
    }

    /** How many records the next batch may apply without passing the stop position. */
    private int nextBatchLimit()
    {
        // Overflows (negative) only when the stop position is far beyond any journal: then the batch limit rules.
        final long room = stopAtPosition - core.lastPosition();
        return room > 0 && room < batchLimit ? (int)room : batchLimit;
    }

    /** Applies records on the calling thread until the source has none left (or the stop position), then publishes. */
    public void catchUp()
    {
        while (!caughtUp)
        {
            doWork();
        }
        publishPolls();
        publishPaper();
        publish(clockMicros.getAsLong());
    }

    /**
     * A typed paper ballot's stand and whether it was annulled, by receipt, readable from any thread; null when the
     * receipt is not a typed ballot's (known before its ballot is answered).
     */
    public TypedBallots.Typed typedBallot(final String pollId, final Key128 receipt)
    {
        return typedBallots.find(pollId, receipt);
    }

    /** A poll's paper channel (stands, sheets) as last published, or null when the poll has none yet. */
    public PaperView paper(final String pollId)
    {
        return paper.get(pollId);
    }

    /**
     * An opinion poll's arguments as last published (with the results, and before answering a hide or an erasure),
     * readable from any thread without waiting for this agent; null for a poll that is unknown or takes none.
     */
    public ArgumentView arguments(final String pollId)
    {
        return arguments.get(pollId);
    }

    /** The latest published poll definitions and status facts; never null. */
    public PollStates polls()
    {
        return polls;
    }

    /**
     * A poll's public record as last published (its seal and commitments), readable from any thread without
     * waiting for this agent; {@code PollRecord} with no seal and no commitment for a poll that has neither.
     */
    public PollRecord record(final String pollId)
    {
        final PollRecord record = records.get(pollId);
        return record == null ? PollRecord.NONE : record;
    }

    /**
     * An assembly as last published (after every record that changed it, before its submitter is told), readable
     * from any thread without waiting for this agent; null when no such assembly is defined.
     */
    public AssemblyView assembly(final String assemblyId)
    {
        return assemblies.get(assemblyId);
    }

    /** Every receipt applied so far, readable from any thread. */
    public ReceiptIndex receipts()
    {
        return receipts;
    }

    /**
     * The idle strategy to run this agent with: a serving agent is woken by the journal writer when it hands over
     * records, and otherwise parks up to 10 ms (its clock-driven duties, publication and status changes, are
     * coarser than that).
     */
    public WakeableIdleStrategy idleStrategy()
    {
        return idle;
    }

    /**
     * Takes a durable record from the journal writer, in position order, and wakes this agent. When the queue is
     * full the writer waits for the agent: back-pressure, not loss.
     */
    void takeDurable(final Submission submission)
    {
        if (durable == null)
        {
            throw new IllegalStateException("this agent was not built to serve: build it with TallyAgent.serving");
        }
        while (!durable.offer(submission))
        {
            idle.wake();
            Thread.onSpinWait();
        }
        idle.wake();
    }

    /**
     * Takes a record that is already final elsewhere (committed by a cluster's log), numbered and timed by the
     * caller, to apply on the next {@link #doWork}; its submitter is answered from there, as for a journaled one.
     * The caller is the thread that runs this agent.
     */
    public void takeCommitted(final Submission submission, final long position, final long timeMicros,
        final byte[] chain)
    {
        submission.handOffTo(this);
        submission.onDurable(position, timeMicros, chain);
    }

    /** The latest published results; never null. */
    public ResultsSnapshot snapshot()
    {
        return snapshot;
    }

    /** True once the agent has applied every record the journal held when it started. */
    public boolean isCaughtUp()
    {
        return caughtUp;
    }

    /** The position of the last applied record (-1 before any), readable from any thread. */
    public long appliedPosition()
    {
        return appliedPosition;
    }

    /** How many records have had each {@link Outcome}, by ordinal, readable from any thread. */
    public long outcomeCount(final Outcome outcome)
    {
        return outcomes.get(outcome.ordinal());
    }

    @Override
    public String roleName()
    {
        return "urne-tally";
    }

    private boolean hasDurableRecords()
    {
        return durable != null && !durable.isEmpty();
    }

    /** Applies the durable records waiting and keeps their outcomes to answer once what readers see reflects them. */
    private int applyDurable()
    {
        // All of them: the writer hands over at most a batch of its own between two duty cycles, and when the agent
        // runs on the writer's thread (Journal.attach) a queue left to fill would stop the writer for good.
        int applied = 0;
        Submission submission;
        while ((submission = durable.poll()) != null)
        {
            final JournalEntry entry = submission.entry();
            appliedBy = submission.by();
            appliedChain = submission.chain();
            entry.dispatch(submission.position(), submission.timeMicros(), applier);
            appliedBatch.add(submission);
            appliedOutcomes.add(new Applied(submission.position(), submission.timeMicros(), core.lastOutcome(),
                core.lastRejectReason(), priorPosition(entry), core.lastSheetEntry(), core.lastAddedItem()));
            applied++;
        }
        return applied;
    }

    /** For a ballot whose receipt the journal held already, where the first one is; else -1. */
    private long priorPosition(final JournalEntry entry)
    {
        if (core.lastOutcome() != Outcome.DUPLICATE || !(entry instanceof JournalEntry.BallotCast cast))
        {
            return -1;
        }
        final ReceiptIndex.Entry prior = receipts.find(pollIndex(cast.pollId()), cast.ballot().receipt());
        return prior == null ? -1 : prior.position();
    }

    /** Tells the submitters of the last batch what the core decided, now that the published state shows it. */
    private void answerApplied()
    {
        RuntimeException failure = null;
        for (int i = 0; i < appliedBatch.size(); i++)
        {
            try
            {
                appliedBatch.get(i).onApplied(appliedOutcomes.get(i));
            }
            catch (final RuntimeException ex)
            {
                // One submitter's failure must not keep the others waiting, nor answer anyone twice.
                failure = failure == null ? ex : failure;
            }
        }
        appliedBatch.clear();
        appliedOutcomes.clear();
        if (failure != null)
        {
            throw failure;
        }
    }

    /** The poll's number in definition order, which is also its index in every later {@link PollStates}. */
    private int pollIndex(final String pollId)
    {
        final Integer index = pollIndexes.get(pollId);
        return index == null ? -1 : index;
    }

    /** Publishes a poll's new public record: one map copy, for a handful of polls, per seal or commitment. */
    private void publishRecord(final String pollId, final PollRecord record)
    {
        recordsByPoll.put(pollId, record);
        records = Map.copyOf(recordsByPoll);
    }

    private void publishPolls()
    {
        final List<PollState> states = new ArrayList<>();
        for (final PollDefinition definition : core.definitions())
        {
            states.add(core.state(definition.id()));
        }
        polls = new PollStates(core.lastPosition(), states);
        pollsChanged = false;
    }

    private void publishPaper()
    {
        for (final String pollId : paperChanged)
        {
            // None for a poll the core does not know: it refused the sheet or annulment that named it.
            final PaperView view = core.paper(pollId);
            if (view != null)
            {
                paperByPoll.put(pollId, view);
            }
        }
        paperChanged.clear();
        paper = Map.copyOf(paperByPoll);
    }

    /** Publishes every opinion poll's arguments: the core hands back the same view while nothing changed. */
    private void publishArguments()
    {
        boolean changed = false;
        for (final PollDefinition definition : core.definitions())
        {
            final ArgumentView view = core.arguments(definition.id());
            if (view != null && argumentsByPoll.put(definition.id(), view) != view)
            {
                changed = true;
            }
        }
        if (changed)
        {
            arguments = Map.copyOf(argumentsByPoll);
        }
        argumentsChanged = false;
    }

    private void publish(final long now)
    {
        publishArguments();
        if (!paperStale.isEmpty())
        {
            paperChanged.addAll(paperStale);
            paperStale.clear();
            publishPaper();
        }
        final List<PublishedPoll> polls = new ArrayList<>();
        for (final PollDefinition definition : core.definitions())
        {
            final PollResults results = core.results(definition.id(), now);
            final boolean sealed = core.state(definition.id()).sealed();
            final byte[] receiptsSha256 = !sealed && results.status() == PollStatus.CLOSED ?
                core.countedReceiptsSha256(definition.id()) : null;
            polls.add(new PublishedPoll(results, core.lastTimeMicros(), sealed, receiptsSha256,
                paperByPoll.get(definition.id())));
        }
        snapshot = new ResultsSnapshot(core.lastPosition(), core.lastTimeMicros(), polls);
        lastPublishMicros = now;
        dirty = false;
        publishNow = false;
    }

    private boolean statusChanged(final long now)
    {
        for (final PublishedPoll poll : snapshot.polls())
        {
            final PollStatus status = core.status(poll.pollId(), now);
            if (status != poll.results().status())
            {
                return true;
            }
        }
        return false;
    }

    /** Applies each record to the core and counts its outcome. */
    private final class CountingApplier implements TallyIn
    {
        @Override
        public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
        {
            core.onPollDefined(position, timeMicros, definition);
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                pollIndexes.put(definition.id(), pollIndexes.size());
                paperChanged.add(definition.id());
            }
            pollsChanged = true;
            count();
        }

        @Override
        public void onPollOpened(final long position, final long timeMicros, final String pollId)
        {
            core.onPollOpened(position, timeMicros, pollId);
            pollsChanged = true;
            count();
        }

        @Override
        public void onPollClosed(final long position, final long timeMicros, final String pollId)
        {
            core.onPollClosed(position, timeMicros, pollId);
            pollsChanged = true;
            publishNow |= core.lastOutcome() == Outcome.ACCEPTED;
            count();
        }

        @Override
        public void onBallot(final long position, final long timeMicros, final Ballot ballot)
        {
            core.onBallot(position, timeMicros, ballot);
            receipts.onBallot(core, pollIndex(ballot.pollId()), position, ballot);
            if (core.lastChangedPaper())
            {
                paperChanged.add(ballot.pollId());
                if (core.lastOutcome() == Outcome.ACCEPTED || core.lastOutcome() == Outcome.STALE)
                {
                    typedBallots.typed(ballot.pollId(), ballot.receipt(), ballot.stand(), position);
                }
            }
            else if (core.lastChangedStandCounts())
            {
                paperStale.add(ballot.pollId());
            }
            count();
        }

        @Override
        public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
        {
            core.onTallySheet(position, timeMicros, sheet);
            // A late sheet changed a closed poll: publish before answering (see doWork). Late paper ballots, which
            // may come by the thousand, wait for the next publication: a seal sent meanwhile is refused as outdated.
            publishNow |= core.lastOutcome() == Outcome.ACCEPTED &&
                core.status(sheet.pollId(), timeMicros) == PollStatus.CLOSED;
            paperChanged.add(sheet.pollId());
            count();
        }

        @Override
        public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
            final Key128 receipt)
        {
            core.onBallotAnnulled(position, timeMicros, pollId, receipt);
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                receipts.onAnnulled(core, pollId, receipt, core.lastRestoredReceipt());
                typedBallots.annulled(pollId, receipt);
            }
            paperChanged.add(pollId);
            count();
        }

        @Override
        public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
        {
            takeRecordContext();
            core.onPollSealed(position, timeMicros, seal);
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                final String pollId = seal.pollId();
                final Seal published = new Seal(position, chainOfApplied(), seal.resultsSha256().clone(),
                    seal.receiptsSha256().clone(), seal.format(), timeMicros, appliedBy,
                    core.sealedCsv(pollId), core.countedReceipts(pollId).clone());
                publishRecord(pollId, record(pollId).sealed(published));
                pollsChanged = true;
                // The snapshot's results say "sealed" when the seal is answered, not a publish interval later.
                publishNow = true;
            }
            count();
        }

        @Override
        public void onCommitment(final long position, final long timeMicros, final String pollId)
        {
            takeRecordContext();
            core.onCommitment(position, timeMicros, pollId);
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                publishRecord(pollId, record(pollId).committed(new Commitment(position, chainOfApplied(),
                    timeMicros)));
            }
            count();
        }

        @Override
        public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
        {
            core.onItemAdded(position, timeMicros, added);
            itemsChanged(added.pollId());
        }

        @Override
        public void onItemStatusChanged(final long position, final long timeMicros,
            final JournalEntry.ItemStatusChanged changed)
        {
            core.onItemStatusChanged(position, timeMicros, changed);
            itemsChanged(changed.pollId());
        }

        /**
         * Every event loop sees the poll's new items before the change is answered (a ballot on an added item sent on
         * the answer is taken), and so do the stand views, whose tables have a row per item.
         */
        private void itemsChanged(final String pollId)
        {
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                pollsChanged = true;
                paperChanged.add(pollId);
                publishNow = true;
            }
            count();
        }

        @Override
        public void onAssembly(final long position, final long timeMicros, final AssemblyEvent event)
        {
            core.onAssembly(position, timeMicros, event);
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                // A handful of assemblies of a few dozen members: one view and one map copy per accepted record.
                assembliesById.put(event.assemblyId(), core.assembly(event.assemblyId()));
                assemblies = Map.copyOf(assembliesById);
            }
            count();
        }

        @Override
        public void onArgumentHidden(final long position, final long timeMicros,
            final JournalEntry.ArgumentHidden hidden)
        {
            core.onArgumentHidden(position, timeMicros, hidden);
            argumentsChanged |= core.lastOutcome() == Outcome.ACCEPTED;
            count();
        }

        @Override
        public void onArgumentErased(final long position, final long timeMicros,
            final JournalEntry.ArgumentErased erased)
        {
            core.onArgumentErased(position, timeMicros, erased);
            argumentsChanged |= core.lastOutcome() == Outcome.ACCEPTED;
            if (argumentKeys != null && core.lastErasedReceipt() != null)
            {
                // Durable before the operator is told: the file is rewritten without the key and synced.
                argumentKeys.destroy(erased.pollId(), core.lastErasedReceipt());
            }
            count();
        }

        /**
         * The applied record's chain value, an array of its own (the submission's or the decoded record's copy); 32
         * zero bytes from a source that follows no journal (a list of records in tests).
         */
        private byte[] chainOfApplied()
        {
            return appliedChain == null ? new byte[Sha256.LENGTH] : appliedChain;
        }

        /** The author and chain value of a replayed record, which {@link TallyIn} does not carry. */
        private void takeRecordContext()
        {
            if (replaying)
            {
                final JournalRecord record = source.current();
                appliedBy = record == null ? null : record.by();
                appliedChain = record == null ? null : record.chain();
            }
        }

        private void count()
        {
            final int index = core.lastOutcome().ordinal();
            outcomes.lazySet(index, outcomes.get(index) + 1);
        }
    }
}
