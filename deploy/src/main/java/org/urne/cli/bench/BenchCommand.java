package org.urne.cli.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.urne.cli.harness.BallotModel;
import org.urne.cli.harness.BallotPlanner;
import org.urne.cli.harness.PollShape;
import org.urne.cli.harness.ResultsCheck;
import org.urne.cli.harness.UrneClient;
import org.urne.ingest.UrneServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code urne bench}: the load generator. Posts realistic ballots on the open model (a constant arrival rate,
 * latency from each request's intended send time) over a pool of keep-alive connections, to a server it starts
 * in-process or to {@code --url}, side by side with a do-nothing HTTP + JSON server (the ceiling); then checks that
 * the server's results equal what it acknowledged. Exit 0 only when they do and no request failed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Load-test ingest on the open model (latency from each request's intended send time), side by "
        + "side with a raw HTTP + JSON ceiling, then check the server's results equal what it acknowledged.",
        "Exits 1 if the results differ or any request failed (non-2xx or no answer); the numbers are printed, "
            + "never asserted."},
    footer = {"%nProfiles:",
        "  ci             10 s at 1,000/s over the three demo polls (revotes, retries, paper); no ceiling",
        "  clermont-2022  the 2022 votation's volume (9,944 digital + 3,050 paper ballots over 19 days) at --rate",
        "  paris          200,000 voters on the three polls at --rate",
        "  france-hour    54 M ballots: a bounded sample at the sustainable rate, the projected time for all",
        "  find-max       step the rate up until p99 > --p99-limit-ms, for Urne and the ceiling; then Urne at half",
        "                 the ceiling's rate for --duration, without and with --readers"})
public final class BenchCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", defaultValue = "ci", paramLabel = "NAME",
        description = "ci, clermont-2022, paris, france-hour or find-max (below). Default: ${DEFAULT-VALUE}.")
    String profileName;

    @Option(names = "--rate", description = "Requests per second (find-max, france-hour: where the step-up "
        + "starts; france-hour with --rate skips the step-up). Default: per profile.")
    Double rate;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "The longest the measured phase runs. "
        + "Default: per profile.")
    Double duration;

    @Option(names = "--count", description = "The most ballots in the measured phase (retries on top). "
        + "Default: per profile.")
    Long count;

    @Option(names = "--voters", description = "Distinct voters. Default: per profile.")
    Integer voters;

    @Option(names = "--revote", description = "Share of ballots from voters who already voted, 0 to 1.")
    Double revote;

    @Option(names = "--retry", description = "Share of ballots sent twice, as a platform retrying, 0 to 1.")
    Double retry;

    @Option(names = "--paper", description = "Share of paper ballots, 0 to 1 (needs an operator token).")
    Double paper;

    @Option(names = "--readers", paramLabel = "MULTIPLE", description = "Results reads (GET with If-None-Match) "
        + "per ballot request, alongside the ingest. Default: per profile (find-max: 10).")
    Double readers;

    @Option(names = "--poll", paramLabel = "ID", description = "Polls to vote in (repeatable). Default: per "
        + "profile, else every open poll.")
    List<String> polls = new ArrayList<>();

    @Option(names = "--connections", defaultValue = "256", description = "Keep-alive HTTP/1.1 connections per "
        + "server. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--client-loops", defaultValue = "1", description = "The generator's event loops. "
        + "Default: ${DEFAULT-VALUE}.")
    int clientLoops;

    @Option(names = "--p99-limit-ms", defaultValue = "10", description = "find-max: the p99 a step may reach. "
        + "Default: ${DEFAULT-VALUE}.")
    double p99LimitMillis;

    @Option(names = "--step-seconds", defaultValue = "4", description = "find-max: each step's length. "
        + "Default: ${DEFAULT-VALUE}.")
    double stepSeconds;

    @Option(names = "--step-factor", defaultValue = "1.25", description = "find-max: each step's rate over the "
        + "previous one's. Default: ${DEFAULT-VALUE}.")
    double stepFactor;

    @Option(names = "--max-steps", defaultValue = "25", description = "find-max: the most steps. "
        + "Default: ${DEFAULT-VALUE}.")
    int maxSteps;

    @Option(names = "--ceiling", negatable = true, description = "Also load the raw HTTP + JSON ceiling "
        + "(--no-ceiling: do not). Default: per profile.")
    Boolean ceiling;

    @Option(names = "--durability", defaultValue = "fsync", description = "Self-hosted server: fsync or "
        + "page-cache. Default: ${DEFAULT-VALUE}.")
    String durability;

    @Option(names = "--polls-dir", paramLabel = "DIR", description = "Self-hosted server: the poll definitions. "
        + "Default: the demo polls.")
    Path pollsDir;

    @Option(names = "--url", description = "Load this running server instead of starting one.")
    URI url;

    @Option(names = "--token", description = "With --url: a platform or operator token (operator for paper).")
    String token;

    @Option(names = "--allow-remote", description = "Allow a --url that is not this machine.")
    boolean allowRemote;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go. Default: "
        + "target/bench-<timestamp>.")
    Path out;

    @Option(names = "--warmup", defaultValue = "30", paramLabel = "SECONDS", description = "Unmeasured load on "
        + "each server before its first phase (0: none; its ballots are still checked). Default: ${DEFAULT-VALUE}, "
        + "enough for the JIT to compile the hot paths on two cores (docs/load.md).")
    double warmupSeconds;

    @Option(names = "--seed", description = "Random seed, to repeat a run's ballots. Default: random.")
    Long seed;

    @Override
    public Integer call() throws Exception
    {
        final Profile profile = profile();
        final Settings settings = settings(profile);
        final Path directory = out != null ? out : Path.of("target", "bench-" +
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        final long runSeed = seed != null ? seed : System.nanoTime();
        final int eventLoops = UrneTarget.selfHostedEventLoops();
        // The generator's sockets on io_uring where the kernel allows it, as Urne's: on a machine it shares with the
        // server, every microsecond it spends is one the server waits for (docs/load.md, "io_uring").
        final Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(clientLoops)
            .setPreferNativeTransport(true));
        try (BenchReport report = new BenchReport(directory, System.out);
             UrneTarget urne = url == null ? UrneTarget.selfHosted(demoPolls(), durability) :
                 UrneTarget.remote(url, token);
             CeilingServer raw = settings.ceiling() ? CeilingServer.start(CeilingServer.DEFAULT_EVENT_LOOPS) : null)
        {
            report.line(Machine.describe());
            report.line(String.format(Locale.ROOT, "profile %s: %s%ntarget %s (%s), %d connections, %d client " +
                    "event loops on %s, seed %d", profile.name(), profile.about(), urne.url(), urne.selfHosted() ?
                    "in-process, " + durability + " journal, " + eventLoops + " event loops" : "remote",
                connections, clientLoops, UrneServer.transport(client), runSeed));
            final UrneClient api = new UrneClient(urne.url().toString(), urne.token());
            final List<PollShape> shapes = api.polls(polls.isEmpty() ? profile.polls() : polls);
            if (shapes.isEmpty())
            {
                throw new ParameterException(spec.commandLine(), "the server has no open poll to vote in");
            }
            final ResultsCheck check = new ResultsCheck(api, shapes);
            final BallotModel model = new BallotModel();
            final BallotPlanner planner = new BallotPlanner(shapes, runSeed, "load-" +
                Long.toString(System.currentTimeMillis(), 36), settings.voters(), settings.revote(), settings.retry(),
                settings.paper(), 0);
            final Endpoint target = new Endpoint("urne", urne.url(), urne.token(), shapes);
            final Endpoint ceilingEndpoint = raw == null ? null :
                new Endpoint("ceiling", URI.create(raw.baseUrl()), "ceiling", shapes);
            try (PhaseRunner runner = new PhaseRunner(client, clientLoops, connections, planner, report,
                warmupSeconds))
            {
                final Scenarios scenarios = new Scenarios(runner, report, model, target, ceilingEndpoint, settings);
                switch (profile.name())
                {
                    case "find-max" -> scenarios.findMax();
                    case "france-hour" -> scenarios.franceHour(rate != null);
                    default -> scenarios.fixedRate(profile);
                }
            }
            report.line(String.format(Locale.ROOT, "results check: %d acknowledged ballots (by receipt), results " +
                "awaited up to position %d", model.ballots(), model.lastPosition()));
            final List<String> differences = check.differences(model);
            differences.stream().limit(50).forEach(difference -> report.line("  DIFFERS " + difference));
            report.line(differences.isEmpty() ? "results check: the server's results equal the model's" :
                "results check FAILED: " + differences.size() + " differences");
            report.line(report.errors() == 0 ? "errors: none" : "errors: " + report.errors() +
                " requests failed (see the statuses above; 0 means no answer)");
            report.line("reports in " + report.directory().toAbsolutePath());
            return differences.isEmpty() && report.errors() == 0 ? 0 : 1;
        }
        finally
        {
            client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Profile profile()
    {
        try
        {
            return Profile.named(profileName);
        }
        catch (final IllegalArgumentException e)
        {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The profile's defaults under the options given, checked. */
    private Settings settings(final Profile profile) throws IOException
    {
        final Settings settings = new Settings(
            rate != null ? rate : profile.rate(),
            duration != null ? duration : profile.seconds(),
            count != null ? count : profile.ballots(),
            voters != null ? voters : profile.population(),
            revote != null ? revote : profile.revote(),
            retry != null ? retry : profile.retry(),
            paper != null ? paper : profile.paper(),
            readers != null ? readers : profile.readers(),
            ceiling != null ? ceiling : profile.ceiling() && url == null,
            p99LimitMillis, stepSeconds, stepFactor, maxSteps);
        if (settings.rate() <= 0 || settings.seconds() <= 0 || settings.ballots() <= 0 || settings.voters() <= 0 ||
            connections <= 0 || clientLoops <= 0 || stepSeconds <= 0 || stepFactor <= 1 || maxSteps <= 0 ||
            settings.readers() < 0 || p99LimitMillis <= 0 || warmupSeconds < 0)
        {
            throw new ParameterException(spec.commandLine(), "--rate, --duration, --count, --voters, --connections, " +
                "--client-loops, --step-seconds, --max-steps and --p99-limit-ms must be positive, --step-factor " +
                "above 1, --readers and --warmup 0 or more");
        }
        for (final double share : new double[] {settings.revote(), settings.retry(), settings.paper()})
        {
            if (share < 0 || share > 1)
            {
                throw new ParameterException(spec.commandLine(), "--revote, --retry and --paper are between 0 and 1");
            }
        }
        if (!"fsync".equals(durability) && !"page-cache".equals(durability))
        {
            throw new ParameterException(spec.commandLine(), "--durability is fsync or page-cache");
        }
        if (url != null)
        {
            if (token == null)
            {
                throw new ParameterException(spec.commandLine(), "--url needs --token");
            }
            if (!allowRemote && !InetAddress.getByName(url.getHost()).isLoopbackAddress())
            {
                throw new ParameterException(spec.commandLine(), url.getHost() + " is not this machine: bench sends " +
                    "load, so it needs --allow-remote for another server");
            }
        }
        return settings;
    }

    /** The demo polls of the distribution (the launcher sets urne.home) or of a checkout, unless --polls-dir. */
    private Path demoPolls()
    {
        if (pollsDir != null)
        {
            return pollsDir;
        }
        final String home = System.getProperty("urne.home");
        for (final Path candidate : new Path[] {home == null ? null : Path.of(home, "config/demo-polls"),
            Path.of("deploy/src/dist/config/demo-polls"), Path.of("src/dist/config/demo-polls")})
        {
            if (candidate != null && Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        throw new ParameterException(spec.commandLine(), "no demo polls found: give --polls-dir");
    }
}
