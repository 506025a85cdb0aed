package org.urne.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

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
            final double warmupRate = Math.min(rate, WARMUP_RATE);
            final List<PlannedBallot> warmup = plan(warmupRate, Long.MAX_VALUE, warmupSeconds);
            final PhaseResult result = sender(endpoint.name(), endpoint).run(endpoint.name() + " warm-up",
                warmupRate, warmup.size(), warmupSeconds, i -> new BallotExchange(warmup.get(i), authorization, model),
                report.log(endpoint.name() + " warm-up"));
            report.line(String.format(Locale.ROOT, "%s warm-up: %d requests at %.0f/s (not measured) %s",
                endpoint.name(), result.sent(), warmupRate, result.statuses()));
        }
        return sender(endpoint.name(), endpoint).run(label, rate, plan.size(), seconds,
            i -> new BallotExchange(plan.get(i), authorization, model), report.log(label));
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
        return senders.computeIfAbsent(key, ignored -> new OpenLoopSender(vertx, endpoint.url(), loops, connections));
    }

    @Override
    public void close()
    {
        senders.values().forEach(OpenLoopSender::close);
    }
}
