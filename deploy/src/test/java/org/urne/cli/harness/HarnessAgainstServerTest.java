package org.urne.cli.harness;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.UrneServer;
import org.urne.ingest.config.UrneConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness end to end against an in-process server behind a URL that refuses connections: every planned ballot
 * (three poll kinds, revotes, withdrawals, retries, paper) is submitted starting with the dead URL, fails over to the
 * live one with the same ballotId, and the published results, a fresh core replaying the journal and every receipt
 * say what the client's model says.
 */
class HarnessAgainstServerTest
{
    private static final Path DEMO_POLLS = Path.of("src/dist/config/demo-polls");
    private static final Duration SUBMIT_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void submittedBallotsFailOverAndTheServerTheJournalAndTheModelAgree() throws Exception
    {
        final Path journal = directory.resolve("journal");
        try (UrneServer server = start(journal))
        {
            final String token = server.demoTokens().get("operator");
            final UrneClient client = new UrneClient(List.of(deadUrl(), server.baseUrl()), token, token,
                Duration.ofSeconds(10));
            final List<PollShape> polls = client.polls(List.of());
            final ResultsCheck check = new ResultsCheck(client, polls);
            final BallotModel model = new BallotModel();
            final List<PlannedBallot> plan = new BallotPlanner(polls, 2026, "h", 40, 0.4, 0.2, 0.3, 0.1).next(300);
            final List<BallotModel.State> outcomes = new ArrayList<>();
            for (final PlannedBallot ballot : plan)
            {
                outcomes.add(client.submit(ballot, model, SUBMIT_LIMIT));
            }
            assertThat(outcomes).containsOnly(BallotModel.State.ACKNOWLEDGED);
            assertThat(model.summary()).as("the dead URL's refused connection is an unanswered request")
                .endsWith(", 1 requests unanswered");
            assertThat(model.entries(BallotModel.State.ACKNOWLEDGED)).hasSize(300);
            assertThat(model.refusals()).isEmpty();
            assertThat(check.differences(model)).isEmpty();

            final JournalReplay replay = JournalReplay.of(journal);
            assertThat(replay.countDifferences(model, polls)).isEmpty();
            assertThat(replay.ballotDifferences(model)).isEmpty();
            assertThat(replay.lastPosition()).isEqualTo(model.lastPosition());
            assertThat(JournalReplay.of(journal).stateHash()).as("a replay is deterministic")
                .isEqualTo(replay.stateHash());
            for (final BallotModel.Entry entry : model.journaled())
            {
                final UrneClient.Answer answer = client.receipt(server.baseUrl(), entry.ballot().poll().id(),
                    entry.receipt());
                assertThat(answer.json().get("status").asText()).as(entry.ballot().ballotId())
                    .isEqualTo(model.expectedStatus(entry));
            }
        }
    }

    @Test
    void theModelsCountsFailAgainstAJournalMissingABallot() throws Exception
    {
        final Path journal = directory.resolve("journal");
        try (UrneServer server = start(journal))
        {
            final String token = server.demoTokens().get("operator");
            final UrneClient client = new UrneClient(server.baseUrl(), token);
            final List<PollShape> polls = client.polls(List.of());
            final BallotModel model = new BallotModel();
            final List<PlannedBallot> plan = new BallotPlanner(polls, 3, "m", 10, 0, 0, 0, 0).next(3);
            for (final PlannedBallot ballot : plan)
            {
                client.submit(ballot, model, SUBMIT_LIMIT);
            }
            final PlannedBallot phantom = new BallotPlanner(polls, 4, "phantom", 10, 0, 0, 0, 0).next();
            model.acknowledged(phantom, "phantom-receipt", model.lastPosition());
            final JournalReplay replay = JournalReplay.of(journal);
            assertThat(replay.countDifferences(model, polls)).isNotEmpty()
                .allMatch(difference -> difference.startsWith(phantom.poll().id() + ": "));
            assertThat(replay.ballotDifferences(model)).containsExactly(phantom.poll().id() + "/" +
                phantom.ballotId() + " (ACKNOWLEDGED) at " + model.lastPosition() + " is missing from the journal");
        }
    }

    /** An in-process server of the demo polls, in demo mode (random tokens and voter secret). */
    private static UrneServer start(final Path journal) throws Exception
    {
        return UrneServer.start(UrneConfig.defaults().withPort(0).withJournalDir(journal.toString())
            .withPollsDir(DEMO_POLLS.toString()), Map.of());
    }

    /** A loopback URL nothing listens on: a port that was free a moment ago. */
    private static String deadUrl() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
