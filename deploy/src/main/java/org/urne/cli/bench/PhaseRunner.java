package org.urne.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import io.vertx.core.Vertx;
import org.urne.cli.harness.BallotModel;
import org.urne.cli.harness.BallotPlanner;
import org.urne.cli.harness.PlannedBallot;

/**
 * Runs one measured phase: a planned stream of ballots sent to an endpoint on the open model, with optionally a
 * crowd of results readers at a multiple of the ingest rate alongside, and hands the results to the report. Keeps
 * one sender (one connection pool) per endpoint across phases, so a step-up does not reconnect at every step, and
 * warms each endpoint up before its first phase: a cold JVM answers nothing for a second or two while it opens
 * connections and compiles, and on the open model that backlog would be every later request's latency.
 */
final class PhaseRunner implements AutoCloseable
{
    /** Fast enough to compile the hot paths, slow enough for a cold server to keep up. */
    private static final double WARMUP_RATE = 1_000;
    /**
     * After the warm-up, this long at the measured rate itself, unmeasured: the first second after a jump from
     * 1,000/s to 15,000/s has a p50 of 2.4-3.3 ms against under 1 ms once settled, a transient the measured phase
     * would otherwise report as its tail (docs/load.md).
     */
    private static final double SETTLE_SECONDS = 5;

    private final Vertx vertx;
    private final int loops;
    private final int connections;
    private final BallotPlanner planner;
    private final BenchReport report;
    private final double warmupSeconds;
    private final Map<String, OpenLoopSender> senders = new LinkedHashMap<>();

    /** @param warmupSeconds how long each endpoint is loaded, unmeasured, before its first phase. */
    PhaseRunner(final Vertx vertx, final int loops, final int connections, final BallotPlanner planner,
        final BenchReport report, final double warmupSeconds)
    {
        this.vertx = vertx;
        this.loops = loops;
        this.connections = connections;
        this.planner = planner;
        this.report = report;
        this.warmupSeconds = warmupSeconds;
    }

    /** The next ballots, no more than {@code seconds} at {@code rate} can carry. */
    List<PlannedBallot> plan(final double rate, final long ballots, final double seconds)
    {
        return planner.next((int)Math.min(ballots, Math.ceil(rate * seconds)));
    }

    /**
     * Sends {@code plan} at {@code rate} requests per second for at most {@code seconds}; with {@code readers}
     * above 0, results readers at {@code readers} times that rate run alongside (each a {@code GET} with the last
     * ETag seen). Acknowledged ballots go into {@code model}.
     */
    PhaseResult ingest(final String label, final Endpoint endpoint, final BallotModel model, final double rate,
        final List<PlannedBallot> plan, final double seconds, final double readers)
    {
        final CompletableFuture<PhaseResult> reads = readers > 0 ?
            CompletableFuture.supplyAsync(() -> read(label + " readers", endpoint, rate * readers, seconds)) :
            CompletableFuture.completedFuture(null);
        final PhaseResult result = send(label, endpoint, model, rate, plan, seconds);
        report.phase(result, 202);
        final PhaseResult readResult = reads.join();
        if (readResult != null)
        {
            report.phase(readResult, 200, 304);
        }
        return result;
    }

    private PhaseResult send(final String label, final Endpoint endpoint, final BallotModel model, final double rate,
        final List<PlannedBallot> plan, final double seconds)
    {
        final String authorization = "Bearer " + endpoint.token();
        if (!senders.containsKey(endpoint.name()) && warmupSeconds > 0)
        {
            final double coldRate = Math.min(rate, WARMUP_RATE);
            warmUp(endpoint, model, authorization, " warm-up", coldRate, warmupSeconds);
            if (rate > coldRate)
            {
                warmUp(endpoint, model, authorization, " settling", rate, Math.min(SETTLE_SECONDS, warmupSeconds));
            }
        }
        return sender(endpoint.name(), endpoint).run(label, rate, plan.size(), seconds,
            ballots(plan, authorization, model), report.log(label));
    }

    /** Unmeasured load at {@code rate} for {@code seconds}; its ballots go into the model like any others. */
    private void warmUp(final Endpoint endpoint, final BallotModel model, final String authorization,
        final String what, final double rate, final double seconds)
    {
        final List<PlannedBallot> warmup = plan(rate, Long.MAX_VALUE, seconds);
        final PhaseResult result = sender(endpoint.name(), endpoint).run(endpoint.name() + what, rate,
            warmup.size(), seconds, ballots(warmup, authorization, model), report.log(endpoint.name() + what));
        report.line(String.format(Locale.ROOT, "%s%s: %d requests at %.0f/s (not measured) %s", endpoint.name(),
            what, result.sent(), rate, result.statuses()));
    }

    /**
     * The requests of a plan. One lambda for warm-up and measured phases alike: with one each, the sender's loop
     * was compiled for the warm-up's and deoptimized when the measured phase's came, and at 15,000/s the first
     * second of the measured phase had a p50 of 19-87 ms against under 1 ms in the second before it (3-4 ms with
     * one lambda).
     */
    private static IntFunction<Exchange> ballots(final List<PlannedBallot> plan, final String authorization,
        final BallotModel model)
    {
        return i -> new BallotExchange(plan.get(i), authorization, model);
    }

    private PhaseResult read(final String label, final Endpoint endpoint, final double rate, final double seconds)
    {
        final List<AtomicReference<String>> etags = new ArrayList<>();
        endpoint.polls().forEach(poll -> etags.add(new AtomicReference<>()));
        final int polls = endpoint.polls().size();
        return sender(endpoint.name() + " readers", endpoint).run(label, rate, (int)Math.ceil(rate * seconds),
            seconds, i -> new ResultsReadExchange(endpoint.polls().get(i % polls).id(), etags.get(i % polls)),
            report.log(label));
    }

    private synchronized OpenLoopSender sender(final String key, final Endpoint endpoint)
    {
        return senders.computeIfAbsent(key, ignored -> new OpenLoopSender(vertx, endpoint.url(), loops, connections,
            report::line));
    }

    @Override
    public void close()
    {
        senders.values().forEach(OpenLoopSender::close);
    }
}
