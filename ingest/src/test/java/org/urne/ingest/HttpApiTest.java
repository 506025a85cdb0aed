package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PAPER_PLATFORM;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;

class HttpApiTest
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
    void definesListsReadsOpensAndClosesPolls()
    {
        final JsonObject definition = priorityPoll("lifecycle");
        assertThat(urne.putJson("/v1/polls/lifecycle", OPERATOR, definition).status).isEqualTo(201);
        assertThat(urne.putJson("/v1/polls/lifecycle", OPERATOR, definition).status).isEqualTo(200);
        final Response different = urne.putJson("/v1/polls/lifecycle", OPERATOR, definition.copy().put("title", "x"));
        assertProblem(different, 409);

        final Response poll = urne.get("/v1/polls/lifecycle");
        assertThat(poll.status).isEqualTo(200);
        assertThat(poll.json().getString("status")).isEqualTo("scheduled");
        assertThat(poll.json().getJsonArray("items").size()).isEqualTo(4);
        final JsonArray list = new JsonArray(urne.get("/v1/polls").body);
        assertThat(list.stream().map(p -> ((JsonObject)p).getString("id"))).contains("lifecycle");

        final Response opened = urne.send(HttpMethod.POST, "/v1/polls/lifecycle/open", OPERATOR, null, null);
        assertThat(opened.json().getString("status")).isEqualTo("open");
        final Response closed = urne.send(HttpMethod.POST, "/v1/polls/lifecycle/close", OPERATOR, null, null);
        assertThat(closed.json().getString("status")).isEqualTo("closed");
        assertProblem(urne.send(HttpMethod.POST, "/v1/polls/lifecycle/open", OPERATOR, null, null), 409);
        assertProblem(urne.send(HttpMethod.POST, "/v1/polls/nowhere/open", OPERATOR, null, null), 404);
        assertProblem(urne.get("/v1/polls/nowhere"), 404);
    }

    @Test
    void definitionsNeedAnOperatorAndValidContent()
    {
        final JsonObject definition = priorityPoll("guarded");
        assertProblem(urne.putJson("/v1/polls/guarded", null, definition), 401);
        assertProblem(urne.putJson("/v1/polls/guarded", "not-a-token", definition), 401);
        assertProblem(urne.putJson("/v1/polls/guarded", PLATFORM, definition), 403);
        final Response invalid = urne.putJson("/v1/polls/guarded", OPERATOR, definition.copy().put("maxSelections", 9));
        assertProblem(invalid, 422);
        assertThat(invalid.json().getJsonArray("errors").getJsonObject(0).getString("field"))
            .isEqualTo("maxSelections");
        final Response unknownField = urne.putJson("/v1/polls/guarded", OPERATOR, definition.copy().put("colour", 1));
        assertProblem(unknownField, 400);
        assertThat(unknownField.body).contains("colour");
        assertProblem(urne.putJson("/v1/polls/guarded", OPERATOR, definition.copy().put("id", "other")), 400);
    }

    @Test
    void acceptsABallotAndAnswersRetriesWithTheOriginalPosition() throws Exception
    {
        final String poll = urne.openPoll(priorityPoll("single"));
        final Response first = urne.postJson("/v1/polls/single/ballots", PLATFORM, ballot("b-1", "u-1", 14, 21));
        assertThat(first.status).isEqualTo(202);
        assertThat(first.json().getString("ballotId")).isEqualTo("b-1");
        assertThat(first.json().getString("receipt")).matches("[0-9a-f]{32}");
        final Response retry = urne.postJson("/v1/polls/single/ballots", PLATFORM, ballot("b-1", "u-1", 14, 21));
        assertThat(retry.status).isEqualTo(202);
        assertThat(retry.json()).isEqualTo(first.json());

        final Response reused = urne.postJson("/v1/polls/single/ballots", PLATFORM, ballot("b-1", "u-1", 20));
        assertProblem(reused, 409);
        assertThat(reused.json().getString("detail")).isEqualTo("ballotId already used with different content");

        final JsonObject results = urne.resultsAt(poll, first.json().getLong("position"));
        assertThat(results.getJsonObject("ballots").getLong("total")).isEqualTo(1);
        final Response receipt = urne.get("/v1/polls/single/receipts/" + first.json().getString("receipt"));
        assertThat(receipt.json().getString("status")).isEqualTo("counted");
        assertThat(receipt.json().getLong("position")).isEqualTo(first.json().getLong("position"));
    }

    @Test
    void tenConcurrentRetriesAreCountedOnce() throws Exception
    {
        final String poll = urne.openPoll(priorityPoll("burst"));
        final List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            sent.add(urne.sendAsync(HttpMethod.POST, "/v1/polls/burst/ballots", PLATFORM, "application/json",
                ballot("same", "u-9", 7), MultiMap.caseInsensitiveMultiMap()));
        }
        final Set<String> answers = new HashSet<>();
        for (final Future<Response> answer : sent)
        {
            final Response response = answer.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(response.status).isEqualTo(202);
            answers.add(response.body);
        }
        assertThat(answers).hasSize(1);
        final JsonObject answer = new JsonObject(answers.iterator().next());
        final JsonObject results = urne.resultsAt(poll, answer.getLong("position"));
        assertThat(results.getJsonObject("ballots").getLong("total")).isEqualTo(1);
        assertThat(urne.get("/v1/polls/burst/receipts/" + answer.getString("receipt")).json().getString("status"))
            .isEqualTo("counted");
    }

    @Test
    void refusesBallotsByStatus()
    {
        assertProblem(urne.postJson("/v1/polls/nowhere/ballots", PLATFORM, ballot("b", "u", 14)), 404);
        urne.putJson("/v1/polls/later", OPERATOR, priorityPoll("later"));
        assertProblem(urne.postJson("/v1/polls/later/ballots", PLATFORM, ballot("b", "u", 14)), 409);
        urne.openPoll(priorityPoll("checked"));
        final Response unknownItem = urne.postJson("/v1/polls/checked/ballots", PLATFORM, ballot("b", "u", 14, 99));
        assertProblem(unknownItem, 422);
        assertThat(unknownItem.json().getJsonArray("errors").getJsonObject(0).getString("field"))
            .isEqualTo("selections[1]");
        assertProblem(urne.postJson("/v1/polls/checked/ballots", PLATFORM, ballot("b", "u")), 422);
        assertProblem(urne.postJson("/v1/polls/checked/ballots", PLATFORM,
            ballot("b", "u", 14).put("channel", "carrier-pigeon")), 403);
        assertProblem(urne.postJson("/v1/polls/checked/ballots", OPERATOR,
            ballot("b", "u", 14).put("channel", "carrier-pigeon")), 422);
        assertProblem(urne.postJson("/v1/polls/checked/ballots", PLATFORM,
            ballot("b", "u", 14).put("channel", "paper")), 403);
        assertThat(urne.postJson("/v1/polls/checked/ballots", PAPER_PLATFORM,
            ballot("b-paper", "u", 14).put("channel", "paper")).status).isEqualTo(202);
        assertProblem(urne.postJson("/v1/polls/checked/ballots", PLATFORM,
            ballot("b-future", "u", 14).put("castAt", "2999-01-01T00:00:00+02:00")), 422);
        assertProblem(urne.postJson("/v1/polls/checked/ballots", PLATFORM,
            ballot("b-when", "u", 14).put("castAt", "yesterday")), 400);
        assertProblem(urne.postJson("/v1/polls/checked/ballots", PLATFORM,
            ballot("b-pos", "u", 14).put("position", 3)), 400);
        assertProblem(urne.postJson("/v1/polls/checked/ballots", null, ballot("b-anon", "u", 14)), 401);
        assertProblem(urne.send(HttpMethod.POST, "/v1/polls/checked/ballots", PLATFORM, "text/plain",
            ballot("b-text", "u", 14)), 415);
    }

    @Test
    void aRevoteReplacesOnReplacePollsAndIsRejectedOnFirstPolls() throws Exception
    {
        final String replace = urne.openPoll(priorityPoll("replace"));
        final Response earlier = urne.postJson("/v1/polls/replace/ballots", PLATFORM,
            ballot("r-1", "u-7", 14).put("castAt", "2022-06-03T10:00:00+02:00"));
        final Response later = urne.postJson("/v1/polls/replace/ballots", PLATFORM,
            ballot("r-2", "u-7", 21).put("castAt", "2022-06-03T11:00:00+02:00"));
        final Response stale = urne.postJson("/v1/polls/replace/ballots", PLATFORM,
            ballot("r-0", "u-7", 20).put("castAt", "2022-06-03T09:00:00+02:00"));
        final JsonObject results = urne.resultsAt(replace, stale.json().getLong("position"));
        assertThat(results.getJsonObject("ballots").getLong("total")).isEqualTo(1);
        assertThat(votes(results, 21)).isEqualTo(1);
        assertThat(votes(results, 14)).isZero();
        assertThat(receiptStatus(replace, earlier)).isEqualTo("superseded");
        assertThat(receiptStatus(replace, later)).isEqualTo("counted");
        assertThat(receiptStatus(replace, stale)).isEqualTo("stale");

        final String first = urne.openPoll(priorityPoll("first").put("revote", "first"));
        urne.postJson("/v1/polls/first/ballots", PLATFORM, ballot("f-1", "u-7", 14));
        final Response again = urne.postJson("/v1/polls/first/ballots", PLATFORM, ballot("f-2", "u-7", 21));
        assertThat(again.status).isEqualTo(202);
        final Response receipt = urne.get("/v1/polls/" + first + "/receipts/" + again.json().getString("receipt"));
        assertThat(receipt.json().getString("status")).isEqualTo("rejected");
        assertThat(receipt.json().getString("reason")).contains("already counted");
        assertProblem(urne.get("/v1/polls/first/receipts/0123456789abcdef0123456789abcdef"), 404);
        assertProblem(urne.get("/v1/polls/first/receipts/not-a-receipt"), 404);
    }

    @Test
    void batchesAnswerOneResultPerLineInOrder() throws Exception
    {
        final String poll = urne.openPoll(priorityPoll("batch"));
        final JsonArray array = new JsonArray()
            .add(ballot("a-1", "v-1", 14))
            .add(ballot("a-2", "v-2", 99))
            .add(new JsonObject().put("ballotId", "a-3").put("voter", 5))
            .add(ballot("a-4", "v-4", 21, 20));
        final Response json = urne.postJson("/v1/polls/batch/ballots/batch", PLATFORM, array);
        assertThat(json.status).isEqualTo(200);
        final JsonArray results = new JsonArray(json.body);
        assertThat(results.size()).isEqualTo(4);
        assertThat(results.getJsonObject(0).getString("ballotId")).isEqualTo("a-1");
        assertThat(results.getJsonObject(1).getInteger("status")).isEqualTo(422);
        assertThat(results.getJsonObject(2).getInteger("status")).isEqualTo(400);
        assertThat(results.getJsonObject(3).getString("ballotId")).isEqualTo("a-4");

        final String ndjson = ballot("n-1", "w-1", 7).encode() + "\n{not json\n\n" + ballot("a-1", "v-1", 14).encode() +
            "\r\n" + ballot("n-3", "w-3", 14).encode();
        final Response lines = urne.send(HttpMethod.POST, "/v1/polls/batch/ballots/batch", PLATFORM,
            "application/x-ndjson", ndjson);
        assertThat(lines.status).isEqualTo(200);
        assertThat(lines.header("Content-Type")).isEqualTo("application/x-ndjson");
        final List<JsonObject> answers = lines.body.lines().map(JsonObject::new).toList();
        assertThat(answers).hasSize(4);
        assertThat(answers.get(0).getString("ballotId")).isEqualTo("n-1");
        assertThat(answers.get(1).getInteger("status")).isEqualTo(400);
        assertThat(answers.get(2)).isEqualTo(results.getJsonObject(0));
        final JsonObject published = urne.resultsAt(poll, answers.get(3).getLong("position"));
        assertThat(published.getJsonObject("ballots").getLong("total")).isEqualTo(4);
    }

    @Test
    void tallySheetsAreRecordedAndCorrected() throws Exception
    {
        final String poll = urne.openPoll(priorityPoll("paper"));
        final JsonObject sheet = new JsonObject().put("stand", "Marché Saint-Joseph").put("ballots", 412)
            .put("counts", new JsonObject().put("14", 30).put("21", 22));
        final Response recorded = urne.putJson("/v1/polls/paper/tally-sheets/s-1", OPERATOR, sheet);
        assertThat(recorded.status).isEqualTo(202);
        assertThat(recorded.json().getString("sheetId")).isEqualTo("s-1");
        final Response corrected = urne.putJson("/v1/polls/paper/tally-sheets/s-1", OPERATOR,
            sheet.copy().put("counts", new JsonObject().put("14", 31).put("21", 22)));
        final JsonObject results = urne.resultsAt(poll, corrected.json().getLong("position"));
        assertThat(results.getJsonObject("ballots").getLong("paper")).isEqualTo(412);
        assertThat(votes(results, 14)).isEqualTo(31);

        assertProblem(urne.putJson("/v1/polls/paper/tally-sheets/s-2", PLATFORM, sheet), 403);
        assertProblem(urne.putJson("/v1/polls/nowhere/tally-sheets/s-2", OPERATOR, sheet), 404);
        assertProblem(urne.putJson("/v1/polls/paper/tally-sheets/s-2", OPERATOR, sheet.copy().put("ballots", 3)), 422);
        assertProblem(urne.putJson("/v1/polls/paper/tally-sheets/s-2", OPERATOR, sheet.copy().put("ballots", "3")), 400);
    }

    @Test
    void resultsCarryAnEtagAndAnswer304() throws Exception
    {
        final String poll = urne.openPoll(priorityPoll("etag"));
        final Response ballot = urne.postJson("/v1/polls/etag/ballots", PLATFORM, ballot("e-1", "u-1", 14));
        final JsonObject results = urne.resultsAt(poll, ballot.json().getLong("position"));
        assertThat(results.getString("poll")).isEqualTo("etag");
        final Response fresh = urne.get("/v1/polls/etag/results");
        assertThat(fresh.header("ETag")).matches("\"\\d+\"");
        assertThat(fresh.header("Cache-Control")).isEqualTo("public, max-age=1");
        final Response cached = urne.send(HttpMethod.GET, "/v1/polls/etag/results", null, null, null,
            MultiMap.caseInsensitiveMultiMap().add("If-None-Match", fresh.header("ETag")));
        assertThat(cached.status).isEqualTo(304);
        final Response csv = urne.get("/v1/polls/etag/results.csv");
        assertThat(csv.status).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body).startsWith("rank,id,title,paper,digital,total");
        assertProblem(urne.get("/v1/polls/nowhere/results"), 404);
    }

    @Test
    void healthIsPublicAndMetricsNeedAnOperator()
    {
        assertThat(urne.get("/health/live").status).isEqualTo(200);
        assertThat(urne.get("/health/ready").status).isEqualTo(200);
        assertProblem(urne.get("/metrics"), 401);
        assertProblem(urne.send(HttpMethod.GET, "/metrics", PLATFORM, null, null), 403);
        urne.postJson("/v1/polls/nowhere/ballots", PLATFORM, ballot("m", "u", 1));
        final Response metrics = urne.send(HttpMethod.GET, "/metrics", OPERATOR, null, null);
        assertThat(metrics.status).isEqualTo(200);
        assertThat(metrics.body).contains("urne_ballots_received_total", "urne_ballots_acked_total",
            "urne_journal_lag", "urne_journal_ack_seconds_bucket", "urne_snapshot_age_seconds",
            "urne_requests_rejected_total", "urne_journal_disk_refusing 0.0");
        assertThat(metrics.body.lines().filter(line -> line.startsWith("urne_journal_disk_free_bytes "))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))))
            .as("the journal's free bytes").singleElement().satisfies(free -> assertThat(free).isPositive());
        assertProblem(urne.get("/no/such/thing"), 404);
        assertThat(urne.get("/").header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void withoutAllowedOriginsNoOtherSiteReadsTheApiFromABrowser()
    {
        final MultiMap origin = MultiMap.caseInsensitiveMultiMap().add("Origin", "https://elsewhere.example");
        final Response polls = urne.send(HttpMethod.GET, "/v1/polls", null, null, null, origin);
        assertThat(polls.status).isEqualTo(200);
        assertThat(polls.header("Vary")).isEqualTo("Origin");
        assertThat(polls.header("Access-Control-Allow-Origin")).isNull();
        assertProblem(urne.send(HttpMethod.OPTIONS, "/v1/polls", null, null, null,
            origin.copy().add("Access-Control-Request-Method", "GET")), 403);
        assertProblem(urne.send(HttpMethod.OPTIONS, "/v1/polls", null, null, null, MultiMap.caseInsensitiveMultiMap()),
            400);
        assertProblem(urne.send(HttpMethod.OPTIONS, "/v1/polls/x/ballots", null, null, null, origin), 405);
        assertProblem(urne.get("/embed/no-such-poll"), 404);
    }

    private static long votes(final JsonObject results, final int item)
    {
        for (final Object entry : results.getJsonArray("items"))
        {
            final JsonObject json = (JsonObject)entry;
            if (json.getInteger("id") == item)
            {
                return json.getJsonObject("votes").getLong("total");
            }
        }
        throw new AssertionError("no item " + item);
    }

    private static String receiptStatus(final String poll, final Response ballot)
    {
        return urne.get("/v1/polls/" + poll + "/receipts/" + ballot.json().getString("receipt")).json()
            .getString("status");
    }

    static void assertProblem(final Response response, final int status)
    {
        assertThat(response.status).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        final JsonObject problem = response.json();
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("type")).isNotBlank();
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
    }
}
