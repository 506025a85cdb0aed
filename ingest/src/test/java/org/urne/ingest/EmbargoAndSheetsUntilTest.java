package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.HttpApiTest.assertProblem;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PAPER_PLATFORM;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.file.Path;
import java.util.List;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;

/**
 * Issue 13 over HTTP, without sealing: the definition's new fields, the embargo of counts on every public route
 * (and the operators' live route), sheets and paper ballots after the close until sheetsUntil, seal before close.
 */
class EmbargoAndSheetsUntilTest
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
    void theNewDefinitionFieldsAreEchoedAndCheckedByName()
    {
        final JsonObject definition = priorityPoll("fields").put("closesAt", "2100-01-01T00:00:00Z")
            .put("sheetsUntil", "2100-01-02T00:00:00Z").put("publication", "at-seal").put("commitEvery", 30);
        assertThat(urne.putJson("/v1/polls/fields", OPERATOR, definition).status).isEqualTo(201);
        final JsonObject poll = urne.get("/v1/polls/fields").json();
        assertThat(poll.getString("sheetsUntil")).isEqualTo("2100-01-02T00:00:00Z");
        assertThat(poll.getString("publication")).isEqualTo("at-seal");
        assertThat(poll.getInteger("commitEvery")).isEqualTo(30);
        assertThat(poll.getBoolean("sealed")).isFalse();
        final JsonObject defaults = priorityPoll("defaults");
        assertThat(urne.putJson("/v1/polls/defaults", OPERATOR, defaults).status).isEqualTo(201);
        final JsonObject byDefault = urne.get("/v1/polls/defaults").json();
        assertThat(byDefault.getString("sheetsUntil")).isNull();
        assertThat(byDefault.getString("publication")).isEqualTo("live");
        assertThat(byDefault.getInteger("commitEvery")).isEqualTo(60);

        invalid(definition.copy().put("id", "early").put("sheetsUntil", "2099-12-31T23:59:59Z"), "sheetsUntil");
        invalid(definition.copy().put("id", "word").put("publication", "later"), "publication");
        invalid(definition.copy().put("id", "zero").put("commitEvery", 0), "commitEvery");
        invalid(definition.copy().put("id", "day").put("commitEvery", 86_401), "commitEvery");
        final Response malformed = urne.putJson("/v1/polls/malformed", OPERATOR,
            definition.copy().put("id", "malformed").put("sheetsUntil", "tomorrow"));
        assertProblem(malformed, 400);
        assertThat(malformed.body).contains("sheetsUntil");
    }

    @Test
    void beforePublicationNoPublicRouteShowsACountAndOperatorsSeeThemLive() throws Exception
    {
        final JsonObject definition = priorityPoll("secret").put("publication", "at-close");
        urne.openPoll(definition);
        final long position = urne.postJson("/v1/polls/secret/ballots", PLATFORM, ballot("e-1", "u-1", 14, 21))
            .json().getLong("position");
        final Response withheld = results("/v1/polls/secret/results", position);
        assertThat(withheld.json().getBoolean("countsPublished")).isFalse();
        assertThat(withheld.json().getJsonObject("ballots").getInteger("total")).as("turnout is public").isEqualTo(1);
        assertThat(withheld.body).doesNotContain("\"votes\"", "\"rank\"");
        assertThat(withheld.header("ETag")).endsWith("-withheld\"");
        final Response csv = urne.get("/v1/polls/secret/results.csv");
        assertProblem(csv, 409);
        assertThat(csv.json().getString("type")).isEqualTo("/problems/results-embargoed");
        final Response page = urne.get("/embed/secret");
        assertThat(page.status).isEqualTo(200);

        final Response live = urne.send(HttpMethod.GET, "/v1/polls/secret/results/live", OPERATOR, null, null);
        assertThat(live.status).isEqualTo(200);
        assertThat(live.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(live.json().getJsonArray("items").getJsonObject(0).getJsonObject("votes").getInteger("total"))
            .isEqualTo(1);
        final Response liveCsv = urne.send(HttpMethod.GET, "/v1/polls/secret/results/live.csv", OPERATOR, null,
            null);
        assertThat(liveCsv.status).isEqualTo(200);
        assertThat(liveCsv.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(liveCsv.body).startsWith("rank,id,title");
        assertProblem(urne.get("/v1/polls/secret/results/live"), 401);
        assertProblem(urne.send(HttpMethod.GET, "/v1/polls/secret/results/live", PLATFORM, null, null), 403);

        assertThat(urne.send(HttpMethod.POST, "/v1/polls/secret/close", OPERATOR, null, null).status).isEqualTo(200);
        final Response published = urne.get("/v1/polls/secret/results");
        assertThat(published.json().getBoolean("countsPublished")).isTrue();
        assertThat(published.json().getJsonArray("items").getJsonObject(0).getJsonObject("votes")
            .getInteger("total")).isEqualTo(1);
        assertThat(urne.get("/v1/polls/secret/results.csv").status).isEqualTo(200);
    }

    @Test
    void afterTheCloseSheetsAndPaperBallotsComeUntilSheetsUntilAndNothingAfter()
    {
        urne.putJson("/v1/polls/counting", OPERATOR, priorityPoll("counting").put("opensAt", "2020-01-01T00:00:00Z")
            .put("closesAt", "2020-01-02T00:00:00Z").put("sheetsUntil", "2100-01-01T00:00:00Z"));
        assertThat(sheet("counting", "stand-1").status).isEqualTo(202);
        assertThat(urne.postJson("/v1/polls/counting/ballots", PAPER_PLATFORM,
            ballot("p-1", "u-1", 14).put("channel", "paper")).status).as("a typed paper ballot").isEqualTo(202);
        final Response digital = urne.postJson("/v1/polls/counting/ballots", PLATFORM, ballot("d-1", "u-2", 14));
        assertProblem(digital, 409);
        assertThat(digital.json().getString("type")).isEqualTo("/problems/poll-not-open");

        urne.putJson("/v1/polls/counted", OPERATOR, priorityPoll("counted").put("opensAt", "2020-01-01T00:00:00Z")
            .put("closesAt", "2020-01-02T00:00:00Z").put("sheetsUntil", "2020-01-03T00:00:00Z"));
        urne.putJson("/v1/polls/nolate", OPERATOR, priorityPoll("nolate").put("opensAt", "2020-01-01T00:00:00Z")
            .put("closesAt", "2020-01-02T00:00:00Z"));
        for (final String poll : List.of("counted", "nolate"))
        {
            final long before = urne.server.agent().appliedPosition();
            final Response late = sheet(poll, "stand-1");
            assertProblem(late, 409);
            assertThat(late.json().getString("type")).isEqualTo("/problems/sheets-closed");
            assertProblem(urne.postJson("/v1/polls/" + poll + "/ballots", PAPER_PLATFORM,
                ballot("p-1", "u-1", 14).put("channel", "paper")), 409);
            assertThat(urne.server.agent().appliedPosition()).as("nothing journaled").isEqualTo(before);
        }
    }

    @Test
    void aPollIsNotSealedBeforeItClosesAndHasNoSealOrReceiptsListUntilThen()
    {
        urne.openPoll(priorityPoll("early-seal"));
        final long before = urne.server.agent().appliedPosition();
        final Response seal = urne.send(HttpMethod.POST, "/v1/polls/early-seal/seal", OPERATOR, null, null);
        assertProblem(seal, 409);
        assertThat(seal.json().getString("type")).isEqualTo("/problems/poll-not-closed");
        assertThat(urne.server.agent().appliedPosition()).as("nothing journaled").isEqualTo(before);
        assertProblem(urne.send(HttpMethod.POST, "/v1/polls/early-seal/seal", PLATFORM, null, null), 403);
        assertProblem(urne.send(HttpMethod.POST, "/v1/polls/nowhere/seal", OPERATOR, null, null), 404);
        final Response unknownField = urne.postJson("/v1/polls/early-seal/seal", OPERATOR,
            new JsonObject().put("why", "x"));
        assertProblem(unknownField, 400);
        assertThat(unknownField.body).contains("why");
        assertProblem(urne.send(HttpMethod.POST, "/v1/polls/early-seal/seal", OPERATOR, "text/plain", "x"), 415);
        for (final String route : List.of("seal", "receipts"))
        {
            final Response missing = urne.get("/v1/polls/early-seal/" + route);
            assertProblem(missing, 404);
            assertThat(missing.json().getString("type")).isEqualTo("/problems/poll-not-sealed");
        }
        assertThat(urne.get("/v1/polls/early-seal/commitments").body).isEqualTo("[]");
        assertProblem(urne.get("/v1/polls/nowhere/commitments"), 404);
    }

    private static void invalid(final JsonObject definition, final String field)
    {
        final Response answer = urne.putJson("/v1/polls/" + definition.getString("id"), OPERATOR, definition);
        assertProblem(answer, 422);
        assertThat(answer.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
    }

    private static Response sheet(final String poll, final String sheetId)
    {
        return urne.putJson("/v1/polls/" + poll + "/tally-sheets/" + sheetId, OPERATOR, new JsonObject()
            .put("stand", "Stand").put("channel", "paper").put("ballots", 10)
            .put("counts", new JsonObject().put("14", 3)));
    }

    /** The public results once they reflect {@code position} (bounded wait). */
    private static Response results(final String path, final long position) throws InterruptedException
    {
        for (int attempt = 0; attempt < 500; attempt++)
        {
            final Response results = urne.get(path);
            if (results.status == 200 && results.json().getLong("position") >= position)
            {
                return results;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(path + " never reached position " + position);
    }
}
