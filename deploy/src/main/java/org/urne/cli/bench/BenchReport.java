package org.urne.cli.bench;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.HistogramLogWriter;

/**
 * Where a run's numbers go: printed as they come, and into the output directory as {@code summary.txt}, one
 * HdrHistogram log per phase (one interval histogram a second, readable by HdrHistogram's log tools) and
 * {@code report.html}, a self-contained percentile plot of every phase.
 */
final class BenchReport implements AutoCloseable
{
    private final Path directory;
    private final PrintStream out;
    private final StringBuilder summary = new StringBuilder();
    private final List<PhaseResult> phases = new ArrayList<>();
    private final List<HistogramLogWriter> logs = new ArrayList<>();
    private long errors;

    BenchReport(final Path directory, final PrintStream out) throws IOException
    {
        this.directory = Files.createDirectories(directory);
        this.out = out;
    }

    Path directory()
    {
        return directory;
    }

    /** A fresh histogram log for a phase, closed with the report. */
    synchronized HistogramLogWriter log(final String phase)
    {
        final Path file = directory.resolve(String.format(Locale.ROOT, "%02d-%s.hlog", logs.size() + 1,
            phase.replaceAll("[^A-Za-z0-9]+", "-")));
        try
        {
            final HistogramLogWriter log = new HistogramLogWriter(file.toFile());
            log.outputComment("Urne load generator, phase " + phase + "; values in microseconds from the intended " +
                "send time");
            log.outputLogFormatVersion();
            log.outputStartTime(System.currentTimeMillis());
            log.setBaseTime(System.currentTimeMillis());
            log.outputLegend();
            logs.add(log);
            return log;
        }
        catch (final FileNotFoundException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports a phase; answers with a status outside {@code ok} (or none) count as errors. */
    synchronized void phase(final PhaseResult result, final int... ok)
    {
        phases.add(result);
        errors += result.errors(ok);
        line(String.format(Locale.ROOT, "%-28s sent %8d in %6.2f s = %8.0f/s ok | ms p50 %6.2f p90 %6.2f " +
                "p99 %7.2f p99.9 %7.2f max %7.2f | %s", result.name(), result.sent(), result.seconds(),
            result.throughput(ok), result.percentileMillis(50), result.percentileMillis(90),
            result.percentileMillis(99), result.percentileMillis(99.9), result.maxMillis(), result.statuses()));
    }

    synchronized void line(final String text)
    {
        out.println(text);
        out.flush();
        summary.append(text).append('\n');
    }

    /** Answers outside the expected statuses, and requests without an answer, over every phase. */
    synchronized long errors()
    {
        return errors;
    }

    @Override
    public synchronized void close() throws IOException
    {
        logs.forEach(HistogramLogWriter::close);
        Files.writeString(directory.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("report.html"), PercentilePlot.html(phases, summary.toString()),
            StandardCharsets.UTF_8);
    }
}
