package org.urne.ingest.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.urne.ingest.intake.DiskFullAlarm;
import org.urne.ingest.problem.Problem;
import org.urne.tally.agent.TallyAgent;
import org.urne.tally.core.Outcome;

/** The server's Prometheus metrics: what ingest received and acknowledged, refused, and how far behind the tally is. */
public final class IngestMetrics
{
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter received;
    private final Counter acked;
    private final Timer ackLatency;

    public IngestMetrics(
        final TallyAgent agent, final LongSupplier durablePosition, final LongSupplier clockMicros, final Path journalDir,
        final DiskFullAlarm diskFull)
    {
        received = Counter.builder("urne.ballots.received").description("ballots received, before any check")
            .register(registry);
        this.acked = Counter.builder("urne.ballots.acked").description("ballots answered 202 (durable or retries)")
            .register(registry);
        ackLatency = Timer.builder("urne.journal.ack").description("from submission to the answer: journaled durably, then applied by the tally core")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
        Gauge.builder("urne.journal.lag", () -> Math.max(0, durablePosition.getAsLong() - agent.appliedPosition()))
            .description("records acknowledged by the journal but not yet applied by the tally agent")
            .register(registry);
        Gauge.builder("urne.snapshot.age.seconds", () -> snapshotAgeSeconds(agent, clockMicros))
            .description("seconds since the record the published results reflect was received")
            .register(registry);
        Gauge.builder("urne.tally.applied.position", agent::appliedPosition).register(registry);
        final FileStore journalStore = fileStore(journalDir);
        Gauge.builder("urne.journal.disk.free.bytes", () -> usableBytes(journalStore))
            .description("bytes free for the journal on its filesystem; writes are refused below journal.minFreeBytes")
            .register(registry);
        Gauge.builder("urne.journal.disk.refusing", () -> diskFull.isRaised() ? 1 : 0)
            .description("1 while writes are refused with 503 for lack of disk space, else 0")
            .register(registry);
        for (final Outcome outcome : Outcome.values())
        {
            Gauge.builder("urne.tally.records", () -> agent.outcomeCount(outcome))
                .description("journal records applied, by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry);
        }
    }

    public void received(final int ballots)
    {
        received.increment(ballots);
    }

    public void acked()
    {
        acked.increment();
    }

    public void ackLatency(final long nanos)
    {
        ackLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a refusal by status and a short reason (its type's name, or the field at fault for 422s). */
    public void rejected(final Problem problem)
    {
        final String reason = problem.status() == 422 && !problem.errors().isEmpty() ?
            fieldFamily(problem.errors().get(0).field()) : problem.type().slug();
        registry.counter("urne.requests.rejected", "status", Integer.toString(problem.status()), "reason", reason)
            .increment();
    }

    public String scrape()
    {
        return registry.scrape();
    }

    /** {@code selections[2]} and {@code grades.14} count as {@code selections} and {@code grades}: bounded tags. */
    private static String fieldFamily(final String field)
    {
        int end = field.length();
        for (int i = 0; i < field.length(); i++)
        {
            final char c = field.charAt(i);
            if (c == '[' || c == '.')
            {
                end = i;
                break;
            }
        }
        return field.substring(0, Math.min(end, 32));
    }

    private static FileStore fileStore(final Path journalDir)
    {
        try
        {
            return Files.getFileStore(journalDir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot find the filesystem of journal directory " + journalDir, ex);
        }
    }

    /** NaN when the filesystem cannot say: a scrape must not fail, and Prometheus shows NaN as unknown. */
    private static double usableBytes(final FileStore store)
    {
        try
        {
            return store.getUsableSpace();
        }
        catch (final IOException ex)
        {
            return Double.NaN;
        }
    }

    private static double snapshotAgeSeconds(final TallyAgent agent, final LongSupplier clockMicros)
    {
        final long time = agent.snapshot().timeMicros();
        return time == Long.MIN_VALUE ? 0 : Math.max(0, clockMicros.getAsLong() - time) / 1e6;
    }
}
