package org.urne.tally.core;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * Ballots per second one thread applies to a {@link TallyCore}, for each ballot kind, in an election of
 * {@code voters} distinct voters: each election starts from an empty core and takes every voter's ballot once, so
 * the measure includes the voter and receipt tables growing, as a replay from position 0 does. When one election
 * is over the next starts at once; at 1,000 voters that makes defining the poll part of the measure, at a million
 * it is noise.
 *
 * <p>Checks: every ballot must be accepted, and at each iteration's end the core's counts must equal an
 * independent recount of the ballots the current election took. The trial ends by running one whole election
 * outside the measure, checking it, and reporting the core's table bytes per voter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(jvmArgs = "-Xmx8g")
public class CoreApplyBenchmark extends ForkFlags
{
    private static final int BATCH = 1000;
    private static final long SEED = 2022;
    /** Every record comes in at the same server time: the poll is open and never closes by itself. */
    private static final long TIME_MICROS = BallotGenerator.FIRST_CAST_AT;

    @Param({"PRIORITY", "OPINION", "JUDGMENT"})
    public PollKind kind;

    @Param({"1000", "1000000", "10000000"})
    public int voters;

    private PollDefinition poll;
    private Ballot[] ballots;
    private TallyCore core;
    private long position;
    private int next;
    private long applied;
    private long accepted;

    @Setup(Level.Trial)
    public void generateBallots()
    {
        poll = ClermontPolls.of(kind);
        ballots = BallotGenerator.firstBallots(poll, voters, SEED);
    }

    @Setup(Level.Iteration)
    public void startCounting()
    {
        applied = 0;
        accepted = 0;
        startElection();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void apply()
    {
        for (int i = 0; i < BATCH; i++)
        {
            if (next == ballots.length)
            {
                startElection();
            }
            core.onBallot(++position, TIME_MICROS, ballots[next++]);
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                accepted++;
            }
        }
        applied += BATCH;
    }

    @TearDown(Level.Iteration)
    public void checkCounts()
    {
        if (accepted != applied)
        {
            throw new IllegalStateException(accepted + " of " + applied + " distinct voters' ballots accepted");
        }
        Recount.of(poll, ballots, next).requireMatches(core.results(poll.id(), TIME_MICROS));
    }

    @TearDown(Level.Trial)
    public void reportFootprint()
    {
        startElection();
        while (next < ballots.length)
        {
            core.onBallot(++position, TIME_MICROS, ballots[next++]);
        }
        Recount.of(poll, ballots, next).requireMatches(core.results(poll.id(), TIME_MICROS));
        final long bytes = core.footprintBytes();
        final String report = String.format("kind=%s voters=%d footprintBytes=%d bytesPerVoter=%.1f%n",
            kind, voters, bytes, (double)bytes / voters);
        System.out.print(report);
        BenchFiles.writeReport("footprint-" + kind.wireName() + "-" + voters + ".txt", report);
    }

    private void startElection()
    {
        core = new TallyCore();
        position = 0;
        next = 0;
        core.onPollDefined(position, TIME_MICROS, poll);
        core.onPollOpened(++position, TIME_MICROS, poll.id());
        if (core.lastOutcome() != Outcome.ACCEPTED)
        {
            throw new IllegalStateException("the poll did not open: " + core.lastRejectReason());
        }
    }
}
