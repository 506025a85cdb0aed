package org.urne.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.UrneCli;
import org.urne.cli.harness.BallotModel;
import org.urne.cli.harness.BallotPlanner;
import org.urne.cli.harness.PlannedBallot;
import org.urne.cli.harness.PollCounts;
import org.urne.cli.harness.PollShape;
import org.urne.cli.harness.ResultsCheck;
import org.urne.cli.harness.UrneClient;
import org.urne.ingest.UrneServer;
import org.urne.ingest.config.UrneConfig;

/**
 * The load generator's answer check, at a low rate against an in-process server: a run of revotes, retries and
 * paper over the three poll kinds passes; a model that believes in one ballot the server never got fails, naming
 * what differs. And {@code urne bench} end to end writes its reports and exits 0.
 */
class BenchCheckTest
{
    private static final Path DEMO_POLLS = Path.of("src/dist/config/demo-polls");

    @TempDir
    Path directory;

    @Test
    void theCheckPassesOnAnHonestRunAndFailsOnAWrongModel() throws Exception
    {
        final UrneConfig config = UrneConfig.defaults().withPort(0)
            .withJournalDir(directory.resolve("journal").toString()).withPollsDir(DEMO_POLLS.toString());
        final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (UrneServer server = UrneServer.start(config, Map.of());
             BenchReport report = new BenchReport(directory.resolve("report"), new PrintStream(
                 new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        {
            final URI url = URI.create(server.baseUrl());
            final UrneClient api = new UrneClient(server.baseUrl(), server.demoTokens().get("operator"));
            final List<PollShape> polls = api.polls(List.of());
            assertThat(polls).extracting(PollShape::kind).containsExactlyInAnyOrder("priority", "opinion", "judgment");
            final ResultsCheck check = new ResultsCheck(api, polls);
            final BallotPlanner planner = new BallotPlanner(polls, 2022, "test", 80, 0.3, 0.2, 0.3, 0);
            final BallotModel model = new BallotModel();
            final Endpoint urne = new Endpoint("urne", url, server.demoTokens().get("operator"), polls);
            try (PhaseRunner runner = new PhaseRunner(vertx, 1, 16, planner, report, 0))
            {
                final PhaseResult result = runner.ingest("urne", urne, model, 200, runner.plan(200, 400, 3), 3, 1);
                assertThat(result.errors(202)).isZero();
            }
            assertThat(report.errors()).isZero();
            assertThat(model.ballots()).isEqualTo(400);
            assertThat(check.differences(model)).isEmpty();

            final PollShape votation = polls.stream().filter(poll -> poll.kind().equals("priority")).findFirst()
                .orElseThrow();
            final long counted = model.expected(polls).get(votation.id()).cell(0, votation.cell(0, 0));
            model.acknowledged(new PlannedBallot(votation, "phantom", "phantom-voter", Long.MAX_VALUE, 0,
                new int[] {votation.cell(0, 0)}, -1, false, new byte[0]), "phantom-receipt", model.lastPosition());
            final PollCounts expected = model.expected(polls).get(votation.id());
            assertThat(check.differences(model)).containsExactly(
                votation.id() + ": ballots, " + votation.channels().get(0) + ": expected " + expected.ballots(0) +
                    ", server " + (expected.ballots(0) - 1),
                votation.id() + ": item " + votation.itemIds()[0] + ", votes, " + votation.channels().get(0) +
                    ": expected " + (counted + 1) + ", server " + counted);
        }
        finally
        {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPhaseAboveTheWarmUpRateSettlesAtItsOwnRateFirstAndEveryBallotIsChecked() throws Exception
    {
        final UrneConfig config = UrneConfig.defaults().withPort(0)
            .withJournalDir(directory.resolve("journal").toString()).withPollsDir(DEMO_POLLS.toString());
        final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (UrneServer server = UrneServer.start(config, Map.of());
             BenchReport report = new BenchReport(directory.resolve("report"), new PrintStream(printed, true,
                 StandardCharsets.UTF_8)))
        {
            final UrneClient api = new UrneClient(server.baseUrl(), server.demoTokens().get("operator"));
            final List<PollShape> polls = api.polls(List.of());
            final ResultsCheck check = new ResultsCheck(api, polls);
            final BallotModel model = new BallotModel();
            final Endpoint urne = new Endpoint("urne", URI.create(server.baseUrl()),
                server.demoTokens().get("operator"), polls);
            try (PhaseRunner runner = new PhaseRunner(vertx, 1, 32, new BallotPlanner(polls, 7, "settle", 1_000, 0.1,
                0, 0, 0), report, 1))
            {
                final PhaseResult result = runner.ingest("urne 1500/s", urne, model, 1_500,
                    runner.plan(1_500, Long.MAX_VALUE, 1), 1, 0);
                assertThat(result.errors(202)).isZero();
            }
            assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("urne warm-up: \\d+ requests at 1000/s \\(not measured\\)")
                .containsPattern("urne settling: \\d+ requests at 1500/s \\(not measured\\)");
            try (Stream<Path> logs = Files.list(directory.resolve("report")))
            {
                assertThat(logs.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".hlog"))
                    .sorted())
                    .containsExactly("01-urne-warm-up.hlog", "02-urne-settling.hlog", "03-urne-1500-s.hlog");
            }
            // Warm-up (1,000), settling (1,500) and measured (1,500) ballots are all real, and all checked.
            assertThat(model.ballots()).isEqualTo(4_000);
            assertThat(check.differences(model)).isEmpty();
        }
        finally
        {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void benchRunsTheCiProfileChecksTheResultsAndWritesItsReports() throws Exception
    {
        final Path out = directory.resolve("out");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final int exitCode;
        try
        {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exitCode = UrneCli.run("bench", "--profile", "ci", "--rate", "200", "--duration", "2", "--warmup", "1",
                "--polls-dir", DEMO_POLLS.toString(), "--out", out.toString(), "--seed", "7");
        }
        finally
        {
            System.setOut(stdout);
        }
        final String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("urne 200/s", "p99", "the server's results equal the model's", "errors: none");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg", "urne 200/s").doesNotContain(
            "<script");
        assertThat(Files.readString(out.resolve("summary.txt"))).isEqualTo(output.substring(output.indexOf("machine:")));
        try (Stream<Path> logs = Files.list(out))
        {
            assertThat(logs.filter(file -> file.toString().endsWith(".hlog"))).hasSize(2);
        }
    }
}
