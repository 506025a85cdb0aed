package org.urne.cli.bench;

import java.util.List;
import java.util.Locale;

import org.urne.cli.harness.BallotModel;
import org.urne.cli.harness.PlannedBallot;

/**
 * What each profile does with the phases: a fixed rate (ci, clermont-2022, paris), a step-up to the highest
 * sustainable rate and the targets around it (find-max), or a sample projected to a country (france-hour). Every
 * ballot Urne acknowledges, in any phase, goes into the one model the run is checked against.
 */
final class Scenarios
{
    private static final double SECONDS_PER_DAY = 86_400;
    private static final double SECONDS_PER_HOUR = 3_600;

    private final PhaseRunner runner;
    private final BenchReport report;
    private final BallotModel model;
    private final Endpoint urne;
    private final Endpoint ceiling;
    private final Settings settings;

    /** @param ceiling the raw ceiling, or null when not loaded. */
    Scenarios(final PhaseRunner runner, final BenchReport report, final BallotModel model, final Endpoint urne,
        final Endpoint ceiling, final Settings settings)
    {
        this.runner = runner;
        this.report = report;
        this.model = model;
        this.urne = urne;
        this.ceiling = ceiling;
        this.settings = settings;
    }

    /** The profile's ballots at the rate, on Urne, then the same requests on the ceiling. */
    void fixedRate(final Profile profile)
    {
        final double rate = settings.rate();
        final List<PlannedBallot> plan = runner.plan(rate, settings.ballots(), settings.seconds());
        final PhaseResult result = runner.ingest(label("urne", rate), urne, model, rate, plan, settings.seconds(),
            settings.readers());
        if (ceiling != null)
        {
            runner.ingest(label("ceiling", rate), ceiling, new BallotModel(), rate, plan, settings.seconds(), 0);
        }
        final long ballots = plan.stream().map(PlannedBallot::ballotId).distinct().count();
        if ("clermont-2022".equals(profile.name()))
        {
            report.line(String.format(Locale.ROOT, "clermont-2022: %d ballots (%d planned; 19 days in June 2022) " +
                    "took %.2f s here, %.0f times faster than the votation", ballots, settings.ballots(),
                result.seconds(), Profile.CLERMONT_DAYS * SECONDS_PER_DAY / result.seconds()));
        }
        else if ("paris".equals(profile.name()))
        {
            report.line(String.format(Locale.ROOT, "paris: %d ballots from up to %d voters took %.2f s", ballots,
                settings.voters(), result.seconds()));
        }
    }

    /**
     * The ceiling's and Urne's highest sustainable rates and their ratio; then Urne at half the ceiling's rate,
     * alone and with results readers at {@code readers} times that rate.
     */
    void findMax()
    {
        final StepUp.Result raw = ceiling == null ? null : stepUp(ceiling, new BallotModel());
        final StepUp.Result durable = stepUp(urne, model);
        report.line(String.format(Locale.ROOT, "find-max: urne sustains %.0f/s (peak %.0f/s) with p99 <= %.1f ms",
            durable.sustainable(), durable.peak(), settings.p99LimitMillis()));
        if (raw != null)
        {
            report.line(String.format(Locale.ROOT, "find-max: the raw HTTP + JSON ceiling sustains %.0f/s (peak " +
                    "%.0f/s); urne is %.0f%% of it sustained (target >= 70%%), %.0f%% at peak",
                raw.sustainable(), raw.peak(), percent(durable.sustainable(), raw.sustainable()),
                percent(durable.peak(), raw.peak())));
        }
        final double half = (raw != null ? raw.sustainable() : durable.sustainable()) / 2;
        if (half <= 0)
        {
            report.line("find-max: no step passed, so there is no half rate to measure");
            return;
        }
        final PhaseResult alone = runner.ingest(label("urne half", half), urne, model, half,
            runner.plan(half, Long.MAX_VALUE, settings.seconds()), settings.seconds(), 0);
        report.line(String.format(Locale.ROOT, "find-max: at %.0f/s (half the %s) urne's p99 is %.2f ms (target " +
            "<= 10 ms)", half, raw != null ? "ceiling" : "sustainable rate", alone.percentileMillis(99)));
        if (settings.readers() > 0)
        {
            final PhaseResult read = runner.ingest(label("urne half", half) + " + reads x" + trim(settings.readers()),
                urne, model, half, runner.plan(half, Long.MAX_VALUE, settings.seconds()), settings.seconds(),
                settings.readers());
            report.line(String.format(Locale.ROOT, "find-max: with results reads at %sx, ingest p99 is %.2f ms, " +
                    "%+.0f%% (target <= +20%%)", trim(settings.readers()), read.percentileMillis(99),
                percent(read.percentileMillis(99), alone.percentileMillis(99)) - 100));
        }
    }

    /**
     * A sample at the sustainable rate (found by a step-up unless {@code rateGiven}), and how long absorbing every
     * adult in France would take at the throughput it reached.
     */
    void franceHour(final boolean rateGiven)
    {
        final double rate = rateGiven ? settings.rate() : stepUp(urne, model).sustainable();
        if (rate <= 0)
        {
            report.line("france-hour: no step passed, so there is no sustainable rate to sample");
            return;
        }
        final PhaseResult sample = runner.ingest(label("urne france sample", rate), urne, model, rate,
            runner.plan(rate, settings.ballots(), settings.seconds()), settings.seconds(), settings.readers());
        final double throughput = sample.throughput(202);
        final double hours = Profile.FRANCE_ADULTS / throughput / SECONDS_PER_HOUR;
        report.line(String.format(Locale.ROOT, "france-hour: %,d ballots at the sample's %.0f/s would take %.1f h " +
                "(%.1f days); absorbing them in one hour needs %.0f/s, %.1f times this rate",
            Profile.FRANCE_ADULTS, throughput, hours, hours / 24, Profile.FRANCE_ADULTS / SECONDS_PER_HOUR,
            Profile.FRANCE_ADULTS / SECONDS_PER_HOUR / throughput));
    }

    private StepUp.Result stepUp(final Endpoint endpoint, final BallotModel into)
    {
        return StepUp.run(runner, endpoint, into, settings.rate(), settings.stepFactor(), settings.stepSeconds(),
            settings.maxSteps(), settings.p99LimitMillis());
    }

    private static String label(final String what, final double rate)
    {
        return what + " " + Math.round(rate) + "/s";
    }

    private static double percent(final double part, final double whole)
    {
        return whole > 0 ? 100 * part / whole : 0;
    }

    private static String trim(final double value)
    {
        return value == Math.rint(value) ? String.valueOf((long)value) : String.valueOf(value);
    }
}
