package org.urne.tally.journal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.urne.tally.agent.ReadAheadRecordSource;
import org.urne.tally.agent.TallyAgent;
import org.urne.tally.bench.BallotGenerator;
import org.urne.tally.bench.BenchFiles;
import org.urne.tally.bench.ClermontPolls;
import org.urne.tally.bench.ForkFlags;
import org.urne.tally.core.PrefetchingApplier;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.TallyIn;

/**
 * Records per second replayed from a journal of {@link #RECORDS} records (the Clermont priority poll defined and
 * opened, then one ballot from each of 999,998 voters), written once per trial. {@code intoCore} is an operator's
 * recount: open a reader at 0 and apply every record to a fresh {@link TallyCore}; {@code intoCorePrefetched} the
 * same through a {@link PrefetchingApplier}; {@code intoAgent} as a serving node's start and {@code urne replay}
 * run it, through a {@link TallyAgent} told the journal's size ({@link TallyAgent#expectRecords}), its records read
 * ahead on a second thread ({@link ReadAheadRecordSource}). {@code readOnly}
 * reads, verifies and decodes the same records into a handler that only counts them, which separates the journal's
 * share of a replay from the core's.
 *
 * <p>Checks: every invocation must dispatch every record; at each iteration's end the last replayed core's state
 * hash must equal that of a core the same entries were applied to directly, and the counting handler must have
 * seen every voter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(jvmArgs = "-Xmx4g")
public class ReplayBenchmark extends ForkFlags
{
    static final int RECORDS = 1_000_000;
    private static final long TIME_MICROS = BallotGenerator.FIRST_CAST_AT;

    private Path directory;
    private long expectedHash;
    private long expectedVoterSum;
    private TallyCore lastCore;
    private RecordCounter lastCounter;

    @Setup(Level.Trial)
    public void writeJournal()
    {
        final PollDefinition poll = ClermontPolls.of(PollKind.PRIORITY);
        final Ballot[] ballots = BallotGenerator.firstBallots(poll, RECORDS - 2, 2022);
        final JournalEntry[] entries = new JournalEntry[RECORDS];
        entries[0] = new JournalEntry.PollDefined(poll);
        entries[1] = new JournalEntry.PollOpened(poll.id());
        for (int i = 0; i < ballots.length; i++)
        {
            entries[i + 2] = new JournalEntry.BallotCast(ballots[i]);
            expectedVoterSum += ballots[i].voter().lo();
        }
        directory = BenchFiles.newJournalDirectory("replay");
        // A fixed clock, so the direct application below can give each record the time the journal recorded.
        try (Journal journal = Journal.open(new JournalContext().directory(directory)
            .durability(Durability.PAGE_CACHE).clockMicros(() -> TIME_MICROS)))
        {
            final AppendWindow window = new AppendWindow(journal, RingHandOffBenchmark.OUTSTANDING);
            for (final JournalEntry entry : entries)
            {
                window.append(entry);
            }
            window.drain();
        }
        final TallyCore direct = new TallyCore();
        for (int position = 0; position < RECORDS; position++)
        {
            entries[position].dispatch(position, TIME_MICROS, direct);
        }
        expectedHash = direct.stateHash();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public TallyCore intoCore()
    {
        final TallyCore core = new TallyCore();
        replay(core);
        lastCore = core;
        return core;
    }

    /**
     * The same replay through a {@link PrefetchingApplier}, which applies ballots 16 at a time, each batch
     * prefetched so that its cache misses overlap.
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public TallyCore intoCorePrefetched()
    {
        final TallyCore core = new TallyCore();
        final PrefetchingApplier applier = new PrefetchingApplier(core::prefetch, core);
        replay(applier);
        applier.flush();
        lastCore = core;
        return core;
    }

    /**
     * The replay a serving node's start and {@code urne replay} run: a {@link TallyAgent} applying what a second
     * thread reads ahead, which also records every receipt for readers and publishes the results once caught up.
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public TallyCore intoAgent()
    {
        final TallyCore core = new TallyCore();
        try (JournalReader reader = JournalReader.open(directory, 0);
            ReadAheadRecordSource source = ReadAheadRecordSource.start(reader, Long.MAX_VALUE))
        {
            final TallyAgent agent = new TallyAgent(core, source, () -> TIME_MICROS, 0, JournalWriter.BATCH_LIMIT,
                Long.MAX_VALUE);
            // As TallyAgent.serving and urne replay do: the journal's size is known before a replay.
            agent.expectRecords(RECORDS);
            agent.catchUp();
            if (agent.appliedPosition() != RECORDS - 1)
            {
                throw new IllegalStateException("the agent applied up to position " + agent.appliedPosition() +
                    " of " + RECORDS + " records");
            }
        }
        lastCore = core;
        return core;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public RecordCounter readOnly()
    {
        final RecordCounter counter = new RecordCounter();
        replay(counter);
        lastCounter = counter;
        return counter;
    }

    @TearDown(Level.Iteration)
    public void checkLastReplay()
    {
        if (lastCore != null && lastCore.stateHash() != expectedHash)
        {
            throw new IllegalStateException("replayed state hash " + Long.toHexString(lastCore.stateHash()) +
                ", applied directly " + Long.toHexString(expectedHash));
        }
        if (lastCounter != null && lastCounter.voterSum() != expectedVoterSum)
        {
            throw new IllegalStateException("the counting handler saw different voters than were journaled");
        }
    }

    @TearDown(Level.Trial)
    public void deleteJournal()
    {
        BenchFiles.deleteJournal(directory);
    }

    private void replay(final TallyIn handler)
    {
        final long dispatched;
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            dispatched = reader.replay(handler, Long.MAX_VALUE);
        }
        if (dispatched != RECORDS)
        {
            throw new IllegalStateException("replay dispatched " + dispatched + " of " + RECORDS + " records");
        }
    }
}
