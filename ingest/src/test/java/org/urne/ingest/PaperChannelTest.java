package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.AGENT_ANY;
import static org.urne.ingest.TestServer.AGENT_JAUDE;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.paperPoll;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.file.Path;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;

/**
 * Issue 15 over HTTP: declared stands, typed ballots and their annulment, one box one way, double entry of tally
 * sheets, the paper role's scope, results per stand, and every refusal with nothing journaled. Poll {@code paper}
 * declares stands {@code jaude} (typed), {@code marche} (double-entered sheets) and {@code gare} (a voter who also
 * voted online); the agents' tokens are scoped to it.
 */
class PaperChannelTest
{
    private static final String POLL = "/v1/polls/paper";

    @TempDir
    static Path root;
    static TestServer urne;

    @BeforeAll
    static void start() throws Exception
    {
        urne = new TestServer(root, config -> config);
        urne.openPoll(paperPoll("paper"));
    }

    @AfterAll
    static void stop()
    {
        urne.close();
    }

    @Test
    void theDefinitionDeclaresItsStandsAndDoubleEntry()
    {
        final JsonObject poll = urne.get(POLL).json();
        assertThat(poll.getString("paperEntry")).isEqualTo("double");
        assertThat(poll.getJsonArray("stands").getJsonObject(0).getString("neighbourhood")).isEqualTo("Centre");
        assertThat(urne.get("/v1/polls").status).isEqualTo(200);
        invalid(paperPoll("twice").put("stands", new JsonArray().add(stand("a")).add(stand("a"))), "stands[1].id");
        invalid(paperPoll("entry").put("paperEntry", "triple"), "paperEntry");
        invalid(paperPoll("nameless").put("stands", new JsonArray().add(new JsonObject().put("id", "x")
            .put("name", ""))), "stands[0].name");
        assertThat(urne.get("/v1/polls/" + urne.openPoll(priorityPoll("plain"))).json().getString("paperEntry"))
            .isEqualTo("single");
    }

    @Test
    void aStandTypesBallotsAndCancelsTheLastOne()
    {
        final JsonObject first = urne.postJson(POLL + "/ballots", AGENT_JAUDE, typed("j-1", "voter-j1", "jaude", 14))
            .json();
        final Response last = urne.postJson(POLL + "/ballots", AGENT_JAUDE, typed("j-2", "voter-j2", "jaude", 21, 20));
        assertThat(last.status).as(last.toString()).isEqualTo(202);
        final String receipt = last.json().getString("receipt");

        final Response annulled = urne.send(HttpMethod.POST, POLL + "/ballots/" + receipt + "/annul", AGENT_JAUDE,
            null, null);
        assertThat(annulled.status).as(annulled.toString()).isEqualTo(202);
        assertThat(annulled.json().getString("status")).isEqualTo("annulled");
        assertThat(urne.get(POLL + "/receipts/" + receipt).json().getString("status")).isEqualTo("annulled");
        assertThat(urne.get(POLL + "/receipts/" + first.getString("receipt")).json().getString("status"))
            .isEqualTo("counted");
        refused(HttpMethod.POST, POLL + "/ballots/" + receipt + "/annul", AGENT_JAUDE, null, 409, "not-annullable");

        final JsonObject jaude = stand("jaude", urne.get(POLL + "/stands", OPERATOR));
        assertThat(jaude.getString("status")).isEqualTo("typed");
        assertThat(jaude.getLong("typed")).isEqualTo(1);
        final Response sheet = refused(HttpMethod.PUT, POLL + "/tally-sheets/jaude-1", OPERATOR,
            sheet("jaude", 3, 2), 409, "box-entered-otherwise");
        assertThat(sheet.json().getString("enteredAs")).isEqualTo("typed-ballots");
    }

    @Test
    void aSheetCountsOnceTwoTokensEnterTheSameFigures() throws Exception
    {
        refused(HttpMethod.PUT, POLL + "/tally-sheets/marche-1", AGENT_JAUDE, sheet("marche", 40, 30), 403,
            "stand-not-allowed");
        assertThat(entry(AGENT_ANY, sheet("marche", 40, 30))).isEqualTo("awaiting-second-entry");
        assertThat(entry(OPERATOR, sheet("marche", 40, 31))).isEqualTo("in-dispute");
        final JsonObject dispute = urne.send(HttpMethod.GET, POLL + "/tally-sheets/marche-1", AGENT_ANY, null, null)
            .json();
        assertThat(dispute.getString("entry")).isEqualTo("in-dispute");
        assertThat(dispute.getJsonArray("entries")).hasSize(2);
        assertThat(dispute.getJsonArray("differences").getList()).containsExactly("counts.14");
        assertThat(stand("marche", urne.get(POLL + "/stands", OPERATOR)).getString("status")).isEqualTo("in-dispute");

        // The agent checks the box again and agrees with the operator: the sheet counts.
        final JsonObject agreed = enter(AGENT_ANY, sheet("marche", 40, 31));
        assertThat(agreed.getString("entry")).isEqualTo("counted");
        final JsonObject marche = standResult(resultsByStand(agreed.getLong("position")), "marche");
        assertThat(marche.getLong("ballots")).isEqualTo(40);
        assertThat(marche.getJsonArray("items").getJsonObject(0).getLong("votes")).isEqualTo(31);

        // A correction puts it back to awaiting a second entry; the agreed figures count meanwhile.
        assertThat(entry(AGENT_ANY, sheet("marche", 40, 29))).isEqualTo("awaiting-second-entry");
        assertThat(standResult(resultsByStand(0), "marche").getLong("ballots")).isEqualTo(40);
        final Response typed = refused(HttpMethod.POST, POLL + "/ballots", OPERATOR,
            typed("m-1", "voter-m1", "marche", 14), 409, "box-entered-otherwise");
        assertThat(typed.json().getString("enteredAs")).isEqualTo("tally-sheet");

        urne.stop();
        urne.start();
        final JsonObject replayed = urne.get(POLL + "/tally-sheets/marche-1", OPERATOR).json();
        assertThat(replayed.getString("entry")).isEqualTo("awaiting-second-entry");
        assertThat(replayed.getJsonObject("counted").getLong("ballots")).isEqualTo(40);
    }

    @Test
    void aPersonWhoVotedOnlineThenOnPaperIsCountedOnce()
    {
        assertThat(urne.postJson(POLL + "/ballots", PLATFORM, ballot("online-1", "citizen-7", 7)
            .put("castAt", "2026-06-01T10:00:00Z")).status).isEqualTo(202);
        final Response paper = urne.postJson(POLL + "/ballots", AGENT_ANY, typed("gare-1", "citizen-7", "gare", 20)
            .put("castAt", "2026-06-02T10:00:00Z"));
        assertThat(paper.status).as(paper.toString()).isEqualTo(202);
        final JsonObject counted = resultsByStand(paper.json().getLong("position"));
        assertThat(votes(counted, 20)).isEqualTo(1);
        assertThat(votes(counted, 7)).isZero();
        assertThat(standResult(counted, "gare").getLong("ballots")).isEqualTo(1);

        final Response annulled = urne.send(HttpMethod.POST, POLL + "/ballots/" + paper.json().getString("receipt") +
            "/annul", OPERATOR, null, null);
        assertThat(annulled.status).isEqualTo(202);
        final JsonObject restored = resultsByStand(annulled.json().getLong("position"));
        assertThat(votes(restored, 7)).as("the online ballot counts again").isEqualTo(1);
        assertThat(votes(restored, 20)).isZero();
        assertThat(standResult(restored, "gare").getLong("ballots")).isZero();
    }

    @Test
    void everyRefusalSaysWhatAndJournalsNothing()
    {
        refused(HttpMethod.POST, POLL + "/ballots", AGENT_JAUDE, typed("x-1", "v", "gare", 14), 403,
            "stand-not-allowed");
        refused(HttpMethod.POST, POLL + "/ballots", OPERATOR, typed("x-2", "v", "nowhere", 14), 422, "invalid-ballot");
        refused(HttpMethod.POST, POLL + "/ballots", OPERATOR, ballot("x-3", "v", 14).put("channel", "paper"), 422,
            "invalid-ballot");
        refused(HttpMethod.POST, POLL + "/ballots", PLATFORM, ballot("x-4", "v", 14).put("stand", "jaude"), 422,
            "invalid-ballot");
        refused(HttpMethod.POST, POLL + "/ballots", AGENT_JAUDE, ballot("x-5", "v", 14), 403, "channel-not-allowed");
        refused(HttpMethod.PUT, POLL + "/tally-sheets/x", OPERATOR, sheet("nowhere", 3, 1), 422,
            "invalid-tally-sheet");
        refused(HttpMethod.PUT, POLL + "/tally-sheets/x", OPERATOR, sheet("gare", 3, 4), 422, "invalid-tally-sheet");
        refused(HttpMethod.PUT, POLL + "/tally-sheets/x", OPERATOR, sheet("gare", 1, 1)
            .put("counts", new JsonObject().put("14", 1).put("21", 1).put("20", 1).put("7", 1)), 422,
            "invalid-tally-sheet");
        refused(HttpMethod.PUT, POLL + "/tally-sheets/x", OPERATOR, sheet("gare", 3, 1).put("blank", -2), 400,
            "invalid-fields");
        refused(HttpMethod.PUT, "/v1/polls/plain-sheets/tally-sheets/x", AGENT_ANY, sheet("gare", 3, 1), 404,
            "unknown-poll");
        urne.openPoll(priorityPoll("plain-sheets"));
        refused(HttpMethod.PUT, "/v1/polls/plain-sheets/tally-sheets/x", AGENT_ANY, sheet("gare", 3, 1), 403,
            "stand-not-allowed");
        refused(HttpMethod.GET, POLL + "/stands", PLATFORM, null, 403, "forbidden");
        refused(HttpMethod.GET, POLL + "/tally-sheets/none", OPERATOR, null, 404, "unknown-sheet");
        refused(HttpMethod.POST, POLL + "/ballots/0123456789abcdef0123456789abcdef/annul", OPERATOR, null, 404,
            "unknown-receipt");
        final String digital = urne.postJson(POLL + "/ballots", PLATFORM, ballot("x-6", "v-6", 14)).json()
            .getString("receipt");
        refused(HttpMethod.POST, POLL + "/ballots/" + digital + "/annul", OPERATOR, null, 409, "not-annullable");
        final JsonObject window = priorityPoll("window").put("opensAt", "2026-01-01T00:00:00Z")
            .put("closesAt", "2100-01-01T00:00:00Z");
        assertThat(urne.putJson("/v1/polls/window", OPERATOR, window).status).isEqualTo(201);
        final Response early = refused(HttpMethod.POST, "/v1/polls/window/ballots", OPERATOR,
            typed("w-1", "v", "Stand", 14).put("castAt", "2025-12-31T23:00:00Z"), 422, "invalid-ballot");
        assertThat(early.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("castAt");
    }

    @Test
    void aSingleEntryPollCountsEverySheetAtOnceAndTakesFreeTextStands()
    {
        urne.openPoll(priorityPoll("single"));
        final Response sheet = urne.putJson("/v1/polls/single/tally-sheets/s-1", OPERATOR,
            sheet("Marché du dimanche", 10, 4).put("signatures", 12).put("blank", 1));
        assertThat(sheet.status).as(sheet.toString()).isEqualTo(202);
        assertThat(sheet.json().getString("entry")).isEqualTo("counted");
        final JsonObject stand = stand("Marché du dimanche", urne.get("/v1/polls/single/stands", OPERATOR));
        assertThat(stand.getString("status")).isEqualTo("counted");
        final JsonObject reconciliation = stand.getJsonObject("reconciliation");
        assertThat(reconciliation.getLong("ballots")).isEqualTo(10);
        assertThat(reconciliation.getJsonArray("issues").getJsonObject(0).getString("code"))
            .isEqualTo("signatures-mismatch");
    }

    @Test
    void aTokenSaysWhoItIs()
    {
        final JsonObject agent = urne.get("/v1/token", AGENT_JAUDE).json();
        assertThat(agent.getString("role")).isEqualTo("paper");
        assertThat(agent.getJsonArray("stands").getList()).containsExactly("jaude");
        assertThat(urne.get("/v1/token", PLATFORM).json().getString("role")).isEqualTo("platform");
        assertThat(urne.get("/v1/token").status).isEqualTo(401);
    }

    private static String entry(final String token, final JsonObject sheet)
    {
        return enter(token, sheet).getString("entry");
    }

    /** Enters sheet {@code marche-1}: its 202 answer. */
    private static JsonObject enter(final String token, final JsonObject sheet)
    {
        final Response answer = urne.putJson(POLL + "/tally-sheets/marche-1", token, sheet);
        assertThat(answer.status).as(answer.toString()).isEqualTo(202);
        return answer.json();
    }

    /** Sends a request that must be refused with this problem, and checks the journal did not move. */
    private static Response refused(final HttpMethod method, final String path, final String token,
        final JsonObject body, final int status, final String problem)
    {
        final long before = urne.server.journal().nextPosition();
        final Response answer = urne.send(method, path, token, body == null ? null : "application/json", body);
        assertThat(answer.status).as(answer.toString()).isEqualTo(status);
        assertThat(answer.json().getString("type")).isEqualTo("/problems/" + problem);
        assertThat(answer.json().getString("detail")).isNotBlank();
        assertThat(urne.server.journal().nextPosition()).as("nothing journaled").isEqualTo(before);
        return answer;
    }

    private static void invalid(final JsonObject definition, final String field)
    {
        final Response answer = urne.putJson("/v1/polls/" + definition.getString("id"), OPERATOR, definition);
        assertThat(answer.status).as(answer.toString()).isEqualTo(422);
        assertThat(answer.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
    }

    private static JsonObject typed(final String ballotId, final String voter, final String stand,
        final int... selections)
    {
        return ballot(ballotId, voter, selections).put("channel", "paper").put("stand", stand);
    }

    private static JsonObject sheet(final String stand, final long ballots, final long trees)
    {
        return new JsonObject().put("stand", stand).put("ballots", ballots)
            .put("counts", new JsonObject().put("14", trees).put("21", 1));
    }

    private static JsonObject stand(final String id)
    {
        return new JsonObject().put("id", id).put("name", "Stand " + id);
    }

    private static JsonObject stand(final String id, final Response stands)
    {
        assertThat(stands.status).as(stands.toString()).isEqualTo(200);
        for (final Object stand : stands.json().getJsonArray("stands"))
        {
            if (((JsonObject)stand).getString("id").equals(id))
            {
                return (JsonObject)stand;
            }
        }
        throw new AssertionError("no stand " + id + " in " + stands);
    }

    /**
     * The results with and without stands are two resources of one snapshot: their ETags differ, so a client moving
     * from one to the other (the results page, once it knows the poll has stands) never gets a 304 for a body it
     * does not have.
     */
    @Test
    void theResultsPerStandHaveAnETagOfTheirOwn()
    {
        resultsByStand(0);
        final Response plain = urne.get(POLL + "/results");
        final Response byStand = urne.get(POLL + "/results?by=stand");
        assertThat(byStand.header("ETag")).isNotEqualTo(plain.header("ETag")).endsWith("-stands\"");
        assertThat(urne.send(HttpMethod.GET, POLL + "/results?by=stand", null, null, null,
            MultiMap.caseInsensitiveMultiMap().add("If-None-Match", plain.header("ETag"))).status)
            .as("the plain results' ETag").isEqualTo(200);
        assertThat(urne.send(HttpMethod.GET, POLL + "/results?by=stand", null, null, null,
            MultiMap.caseInsensitiveMultiMap().add("If-None-Match", byStand.header("ETag"))).status)
            .as("its own, while nothing changed").isEqualTo(304);
    }

    /** The results with stands, once they reflect {@code position}. */
    private static JsonObject resultsByStand(final long position)
    {
        for (int attempt = 0; attempt < 500; attempt++)
        {
            final Response results = urne.get(POLL + "/results?by=stand");
            if (results.status == 200 && results.json().getLong("position") >= position)
            {
                return results.json();
            }
            sleep();
        }
        throw new AssertionError("results never reached position " + position);
    }

    private static JsonObject standResult(final JsonObject results, final String id)
    {
        for (final Object stand : results.getJsonArray("stands"))
        {
            if (((JsonObject)stand).getString("id").equals(id))
            {
                return (JsonObject)stand;
            }
        }
        throw new AssertionError("no stand " + id + " in " + results);
    }

    private static long votes(final JsonObject results, final int item)
    {
        for (final Object entry : results.getJsonArray("items"))
        {
            if (((JsonObject)entry).getInteger("id") == item)
            {
                return ((JsonObject)entry).getJsonObject("votes").getLong("total");
            }
        }
        throw new AssertionError("no item " + item);
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(10);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
