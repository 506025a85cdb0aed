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
import org.urne.tally.bench.ClermontPolls;
import org.urne.tally.bench.ForkFlags;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * What the tally agent pays to publish an opinion poll's arguments once one more argued ballot arrived, with
 * {@code arguments} already held: one operation applies the ballot and takes the view the agent publishes (it
 * publishes every 100 ms while ballots come in, so at least one such view per publication). Microseconds per
 * operation.
 *
 * <p>Check: at each iteration's end the last view serves exactly the arguments applied (every ballot is a new
 * voter's, so every argument counts) and knows the last one as counted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(jvmArgs = "-Xmx4g")
public class ArgumentsPublicationBenchmark extends ForkFlags
{
    private static final String ARGUMENT = "Indispensable pour les quartiers nord, et peu coûteux.";

    @Param({"10000", "1000000"})
    public int arguments;

    private PollDefinition poll;
    private TallyCore core;
    private long position;
    private long applied;
    private ArgumentView last;

    @Setup(Level.Trial)
    public void holdArguments()
    {
        poll = ClermontPolls.of(PollKind.OPINION);
        core = new TallyCore();
        core.onPollDefined(position, BallotGenerator.FIRST_CAST_AT, poll);
        core.onPollOpened(++position, BallotGenerator.FIRST_CAST_AT, poll.id());
        for (int i = 0; i < arguments; i++)
        {
            applyOne();
        }
        core.arguments(poll.id());
    }

    @Benchmark
    public ArgumentView applyAndPublish()
    {
        applyOne();
        last = core.arguments(poll.id());
        return last;
    }

    @TearDown(Level.Iteration)
    public void checkLastView()
    {
        long served = 0;
        for (int item = 0; item < poll.items().size(); item++)
        {
            for (final Choice stance : Choice.values())
            {
                served += last.servedCount(item, stance);
            }
        }
        if (served != applied)
        {
            throw new IllegalStateException("the view serves " + served + " arguments, " + applied + " were applied");
        }
        final ArgumentView.Known known = last.find(position);
        if (known == null || !known.counted())
        {
            throw new IllegalStateException("the last argument, " + position + ", is " + known);
        }
    }

    /** One argued opinion from a new voter, on the items and stances in turn. */
    private void applyOne()
    {
        final long n = applied;
        final BallotContent content = new BallotContent.Opinion(poll.items().get((int)(n % poll.items().size())).id(),
            Choice.fromOrdinal((int)(n / poll.items().size() % Choice.values().length)), ARGUMENT);
        final Ballot ballot = new Ballot(poll.id(), BallotGenerator.BALLOT_ID, new Key128(n, ~n), new Key128(~n, n),
            ClermontPolls.DIGITAL, BallotGenerator.FIRST_CAST_AT + n, content);
        core.onBallot(++position, BallotGenerator.FIRST_CAST_AT + n, ballot);
        if (core.lastOutcome() != Outcome.ACCEPTED)
        {
            throw new IllegalStateException("ballot " + n + " was not accepted: " + core.lastOutcome());
        }
        applied++;
    }
}
