package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.HttpApiTest.assertProblem;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PAPER_PLATFORM;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Sha256;
import org.urne.tally.journal.JournalReader;

/**
 * Close, then seal, over HTTP: the seal and what it vouches for (results.csv and the counted receipts list hash to
 * its digests), nothing changes a sealed poll and nothing is journaled for what is refused, commitments while the
 * counts are embargoed, and the same decisions after a restart (replay).
 */
class SealHttpTest
{
    @TempDir
    static Path root;
    static TestServer urne;

    @BeforeAll
    static void start() throws Exception
    {
        urne = new TestServer(root, config -> config);
    }

    @AfterAll
    static void stop()
    {
        urne.close();
    }

    @Test
    void aSealedPollServesTheBytesItsDigestsAreOfAndTakesNothingMore() throws Exception
    {
        urne.openPoll(priorityPoll("sealed").put("publication", "at-seal")
            .put("sheetsUntil", "2100-01-01T00:00:00Z"));
        final List<String> receipts = new ArrayList<>();
        for (int voter = 0; voter < 5; voter++)
        {
            receipts.add(urne.postJson("/v1/polls/sealed/ballots", PLATFORM, ballot("s-" + voter, "u-" + voter, 14))
                .json().getString("receipt"));
        }
        // A revote: the voter's first ballot no longer counts, so its receipt is not in the list.
        receipts.set(0, urne.postJson("/v1/polls/sealed/ballots", PLATFORM, ballot("s-again", "u-0", 21))
            .json().getString("receipt"));
        assertThat(urne.send(HttpMethod.POST, "/v1/polls/sealed/close", OPERATOR, null, null).status).isEqualTo(200);
        assertThat(urne.putJson("/v1/polls/sealed/tally-sheets/stand", OPERATOR, new JsonObject().put("stand", "S")
            .put("ballots", 4).put("counts", new JsonObject().put("20", 4))).status).isEqualTo(202);
        assertProblem(urne.get("/v1/polls/sealed/results.csv"), 409);

        final JsonObject seal = seal("sealed", "{\"reason\": \"every stand counted\"}");
        assertThat(seal.getInteger("format")).isEqualTo(1);
        assertThat(seal.getString("chainHead")).hasSize(64);
        assertThat(urne.get("/v1/polls/sealed/seal").json()).isEqualTo(seal);
        // The seal's chain head is the chain value the journal stores in the seal record, its position the record's.
        try (JournalReader reader = JournalReader.open(urne.root.resolve("journal"), seal.getLong("position")))
        {
            assertThat(reader.poll(new TallyCore(), 1)).isEqualTo(1);
            assertThat(reader.current().entry()).isInstanceOf(JournalEntry.PollSealed.class);
            assertThat(reader.current().by()).isEqualTo(seal.getString("by"));
            assertThat(Sha256.hex(reader.current().chain())).isEqualTo(seal.getString("chainHead"));
        }

        final Response csv = urne.get("/v1/polls/sealed/results.csv");
        assertThat(csv.status).as("public at the seal").isEqualTo(200);
        assertThat(Sha256.hex(Sha256.of(csv.body.getBytes(StandardCharsets.UTF_8))))
            .isEqualTo(seal.getString("resultsSha256"));
        final Response list = urne.get("/v1/polls/sealed/receipts");
        assertThat(list.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(Sha256.hex(Sha256.of(list.body.getBytes(StandardCharsets.UTF_8))))
            .isEqualTo(seal.getString("receiptsSha256"));
        receipts.sort(null);
        assertThat(list.body).isEqualTo(String.join("\n", receipts) + "\n");
        final JsonObject results = urne.get("/v1/polls/sealed/results").json();
        assertThat(results.getBoolean("sealed")).isTrue();
        assertThat(results.getBoolean("countsPublished")).isTrue();
        assertThat(urne.get("/v1/polls/sealed").json().getBoolean("sealed")).isTrue();

        final long before = urne.server.agent().appliedPosition();
        sealed(seal("sealed"));
        sealed(urne.postJson("/v1/polls/sealed/ballots", PAPER_PLATFORM,
            ballot("late", "u-9", 14).put("channel", "paper")));
        sealed(urne.putJson("/v1/polls/sealed/tally-sheets/stand", OPERATOR, new JsonObject().put("stand", "S")
            .put("ballots", 5).put("counts", new JsonObject().put("20", 5))));
        sealed(urne.send(HttpMethod.POST, "/v1/polls/sealed/open", OPERATOR, null, null));
        sealed(urne.send(HttpMethod.POST, "/v1/polls/sealed/close", OPERATOR, null, null));
        sealed(urne.putJson("/v1/polls/sealed", OPERATOR, priorityPoll("sealed").put("publication", "at-seal")
            .put("sheetsUntil", "2100-01-01T00:00:00Z")));
        assertThat(urne.server.agent().appliedPosition()).as("nothing journaled").isEqualTo(before);
        assertThat(urne.postJson("/v1/polls/sealed/ballots", PLATFORM, ballot("s-1", "u-1", 14)).status)
            .as("a retry of a ballot the journal holds is still its 202").isEqualTo(202);

        urne.stop();
        urne.start();
        assertThat(urne.get("/v1/polls/sealed/seal").json()).as("the same seal after a replay").isEqualTo(seal);
        assertThat(urne.get("/v1/polls/sealed/results.csv").body).isEqualTo(csv.body);
        assertThat(urne.get("/v1/polls/sealed/receipts").body).isEqualTo(list.body);
    }

    @Test
    void anEmbargoedPollGetsCommitmentsUntilItsCountsArePublic() throws Exception
    {
        urne.openPoll(priorityPoll("committed").put("publication", "at-close").put("commitEvery", 1));
        final JsonArray commitments = awaitCommitments("committed", 2);
        final JsonObject first = commitments.getJsonObject(0);
        assertThat(first.getString("chainHead")).hasSize(64);
        assertThat(commitments.getJsonObject(1).getLong("position")).isGreaterThan(first.getLong("position"));
        assertThat(urne.send(HttpMethod.POST, "/v1/polls/committed/close", OPERATOR, null, null).status)
            .isEqualTo(200);
        final int atClose = new JsonArray(urne.get("/v1/polls/committed/commitments").body).size();
        Thread.sleep(2_200);
        assertThat(new JsonArray(urne.get("/v1/polls/committed/commitments").body).size())
            .as("none once the counts are public").isEqualTo(atClose);

        urne.openPoll(priorityPoll("public"));
        Thread.sleep(1_200);
        assertThat(urne.get("/v1/polls/public/commitments").body).as("a live poll needs none").isEqualTo("[]");
    }

    /** POST .../seal, waiting (bounded) while the results since the close are not published; the 201's body. */
    private static JsonObject seal(final String pollId, final String body) throws InterruptedException
    {
        Response answer = null;
        for (int attempt = 0; attempt < 200 && (answer == null || answer.status == 503); attempt++)
        {
            Thread.sleep(answer == null ? 0 : 10);
            answer = body == null ? urne.send(HttpMethod.POST, "/v1/polls/" + pollId + "/seal", OPERATOR, null, null) :
                urne.send(HttpMethod.POST, "/v1/polls/" + pollId + "/seal", OPERATOR, "application/json", body);
        }
        assertThat(answer.status).as(answer.toString()).isEqualTo(201);
        return answer.json();
    }

    private static Response seal(final String pollId)
    {
        return urne.send(HttpMethod.POST, "/v1/polls/" + pollId + "/seal", OPERATOR, null, null);
    }

    private static void sealed(final Response answer)
    {
        assertProblem(answer, 409);
        assertThat(answer.json().getString("type")).isEqualTo("/problems/poll-sealed");
        assertThat(answer.json().getString("detail")).contains("sealed");
    }

    private static JsonArray awaitCommitments(final String pollId, final int count) throws InterruptedException
    {
        for (int attempt = 0; attempt < 60; attempt++)
        {
            final JsonArray commitments = new JsonArray(urne.get("/v1/polls/" + pollId + "/commitments").body);
            if (commitments.size() >= count)
            {
                return commitments;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + count + " commitments for " + pollId + " in 6 s");
    }
}
