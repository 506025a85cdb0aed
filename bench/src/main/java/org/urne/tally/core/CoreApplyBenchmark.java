package org.urne.tally.core;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.urne.tally.bench.BallotGenerator;
import org.urne.tally.bench.BenchFiles;
import org.urne.tally.bench.ClermontPolls;
import org.urne.tally.bench.ForkFlags;
import org.urne.tally.bench.Recount;
import org.urne.tally.bench.RecordsCounter;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * Ballots per second one thread applies to a {@link TallyCore}, for each ballot kind, in an election of
 * {@code voters} distinct voters. One invocation is one whole election: an empty core, the poll defined and
 * opened, then every voter's ballot once, so the measure includes the voter and receipt tables growing, as a replay
 * from position 0 does, and every iteration sees the same mix of small and large tables (at 10 million voters an
 * iteration is one election, however long it takes). The result to read is {@code apply:records}, ballots per
 * second; the primary score is elections per second.
 *
 * <p>Checks: every ballot must be accepted, and at each iteration's end the last election's counts must equal an
 * independent recount of the ballots. The trial reports the core's table bytes per voter after a full election.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(jvmArgs = "-Xmx8g")
public class CoreApplyBenchmark extends ForkFlags
{
    private static final long SEED = 2022;
    /** Every record comes in at the same server time: the poll is open and never closes by itself. */
    private static final long TIME_MICROS = BallotGenerator.FIRST_CAST_AT;
    /** Ballots prefetched together by {@link #applyPrefetched}: enough misses in flight to cover one's latency. */
    private static final int PREFETCH_BATCH = 16;

    @Param({"PRIORITY", "OPINION", "JUDGMENT"})
    public PollKind kind;

    @Param({"1000", "1000000", "10000000"})
    public int voters;

    private PollDefinition poll;
    private Ballot[] ballots;
    private TallyCore lastElection;

    @Setup(Level.Trial)
    public void generateBallots()
    {
        poll = ClermontPolls.of(kind);
        ballots = BallotGenerator.firstBallots(poll, voters, SEED);
    }

    @Benchmark
    public TallyCore apply(final RecordsCounter counter)
    {
        final TallyCore core = new TallyCore();
        long position = 0;
        core.onPollDefined(position, TIME_MICROS, poll);
        core.onPollOpened(++position, TIME_MICROS, poll.id());
        int accepted = 0;
        for (final Ballot ballot : ballots)
        {
            core.onBallot(++position, TIME_MICROS, ballot);
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                accepted++;
            }
        }
        if (accepted != ballots.length)
        {
            throw new IllegalStateException(accepted + " of " + ballots.length + " distinct voters' ballots accepted");
        }
        counter.records += ballots.length;
        lastElection = core;
        return core;
    }

    /**
     * The same election applied as a caller holding the next ballots can: {@link TallyCore#prefetch} for each of
     * the next {@link #PREFETCH_BATCH} ballots, then {@code onBallot} for each, so that the batch's cache misses
     * overlap. Read {@code applyPrefetched:records}.
     */
    @Benchmark
    public TallyCore applyPrefetched(final RecordsCounter counter)
    {
        final TallyCore core = new TallyCore();
        long position = 0;
        core.onPollDefined(position, TIME_MICROS, poll);
        core.onPollOpened(++position, TIME_MICROS, poll.id());
        int accepted = 0;
        for (int from = 0; from < ballots.length; from += PREFETCH_BATCH)
        {
            final int to = Math.min(ballots.length, from + PREFETCH_BATCH);
            for (int i = from; i < to; i++)
            {
                core.prefetch(ballots[i]);
            }
            for (int i = from; i < to; i++)
            {
                core.onBallot(++position, TIME_MICROS, ballots[i]);
                if (core.lastOutcome() == Outcome.ACCEPTED)
                {
                    accepted++;
                }
            }
        }
        if (accepted != ballots.length)
        {
            throw new IllegalStateException(accepted + " of " + ballots.length + " distinct voters' ballots accepted");
        }
        counter.records += ballots.length;
        lastElection = core;
        return core;
    }

    @TearDown(Level.Iteration)
    public void checkCounts()
    {
        Recount.of(poll, ballots, ballots.length).requireMatches(lastElection.results(poll.id(), TIME_MICROS));
    }

    @TearDown(Level.Trial)
    public void reportFootprint()
    {
        final long bytes = lastElection.footprintBytes();
        final String report = String.format("kind=%s voters=%d footprintBytes=%d bytesPerVoter=%.1f%n",
            kind, voters, bytes, (double)bytes / voters);
        System.out.print(report);
        BenchFiles.writeReport("footprint-" + kind.wireName() + "-" + voters + ".txt", report);
    }
}
