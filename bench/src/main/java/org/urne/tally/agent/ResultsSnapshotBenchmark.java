package org.urne.tally.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import org.urne.tally.bench.Recount;
import org.urne.tally.core.PollResults;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * What one results publication of the 40-item Clermont poll costs the tally agent, by step: {@code results}
 * copies the counts and ranks the items (majority judgment for the judgment poll), {@code json} and {@code csv}
 * render them. The tally agent does all three per poll each time it publishes. The core holds Clermont's 12,994
 * ballots; the cost depends on items, grades and channels, not on voters. Microseconds per operation.
 *
 * <p>Checks: at each iteration's end the last results must equal an independent recount, and the last JSON and CSV
 * must be byte for byte those rendered in set-up from checked results, whose JSON must carry the right total.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(jvmArgs = "-Xmx1g")
public class ResultsSnapshotBenchmark extends ForkFlags
{
    /** Clermont's votation: 3,050 paper and 9,944 digital votes. */
    private static final int VOTERS = 12_994;
    private static final long TIME_MICROS = BallotGenerator.FIRST_CAST_AT;

    @Param({"PRIORITY", "JUDGMENT"})
    public PollKind kind;

    private PollDefinition poll;
    private TallyCore core;
    private Recount recount;
    private PollResults results;
    private byte[] expectedJson;
    private byte[] expectedCsv;
    private PollResults lastResults;
    private byte[] lastJson;
    private byte[] lastCsv;

    @Setup(Level.Trial)
    public void countClermont()
    {
        poll = ClermontPolls.of(kind);
        final Ballot[] ballots = BallotGenerator.firstBallots(poll, VOTERS, 2022);
        core = new TallyCore();
        long position = 0;
        core.onPollDefined(position, TIME_MICROS, poll);
        core.onPollOpened(++position, TIME_MICROS, poll.id());
        for (final Ballot ballot : ballots)
        {
            core.onBallot(++position, TIME_MICROS, ballot);
        }
        recount = Recount.of(poll, ballots, ballots.length);
        results = core.results(poll.id(), TIME_MICROS);
        recount.requireMatches(results);
        expectedJson = ResultsRenderer.json(results, TIME_MICROS);
        expectedCsv = ResultsRenderer.csv(results);
        final long jsonTotal = ballotsTotal(expectedJson);
        if (jsonTotal != VOTERS)
        {
            throw new IllegalStateException("results JSON says " + jsonTotal + " ballots, " + VOTERS + " were cast");
        }
    }

    @Benchmark
    public PollResults results()
    {
        lastResults = core.results(poll.id(), TIME_MICROS);
        return lastResults;
    }

    @Benchmark
    public byte[] json()
    {
        lastJson = ResultsRenderer.json(results, TIME_MICROS);
        return lastJson;
    }

    @Benchmark
    public byte[] csv()
    {
        lastCsv = ResultsRenderer.csv(results);
        return lastCsv;
    }

    @TearDown(Level.Iteration)
    public void checkLastOutputs()
    {
        if (lastResults != null)
        {
            recount.requireMatches(lastResults);
            if (!Arrays.equals(lastResults.ranking().order(), results.ranking().order()))
            {
                throw new IllegalStateException("the ranking changed between two results of the same counts");
            }
        }
        if (lastJson != null && !Arrays.equals(lastJson, expectedJson))
        {
            throw new IllegalStateException("rendered JSON differs from the checked rendering");
        }
        if (lastCsv != null && !Arrays.equals(lastCsv, expectedCsv))
        {
            throw new IllegalStateException("rendered CSV differs from the checked rendering");
        }
    }

    /** The top-level {@code ballots.total} of a results JSON. */
    private static long ballotsTotal(final byte[] json)
    {
        try (JsonParser parser = new JsonFactory().createParser(json))
        {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = parser.currentName();
                parser.nextToken();
                if (field.equals("ballots"))
                {
                    while (parser.nextToken() == JsonToken.FIELD_NAME)
                    {
                        final String channel = parser.currentName();
                        parser.nextToken();
                        if (channel.equals("total"))
                        {
                            return parser.getLongValue();
                        }
                    }
                }
                parser.skipChildren();
            }
            throw new IllegalStateException("results JSON has no ballots.total");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
