package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.HttpApiTest.assertProblem;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.opinionPoll;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.file.Files;
import java.nio.file.Path;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;

/**
 * Items added to an opinion poll while it runs (docs/api.md, "Items added during the vote"): numbered by the
 * journal, voted on right after their 201 on every event loop, moderated, kept across a restart, and not mistaken
 * for a changed definition by the poll directory.
 */
class ItemsHttpTest
{
    @TempDir
    static Path root;
    static Path polls;
    static TestServer urne;

    @BeforeAll
    static void start() throws Exception
    {
        polls = Files.createDirectories(root.resolve("polls"));
        Files.writeString(polls.resolve("ideas.json"), opinionPoll("ideas", true).encodePrettily());
        urne = new TestServer(Files.createDirectories(root.resolve("server")),
            config -> config.withPollsDir(polls.toString()));
        assertThat(urne.send(HttpMethod.POST, "/v1/polls/ideas/open", OPERATOR, null, null).status).isEqualTo(200);
    }

    @AfterAll
    static void stop()
    {
        urne.close();
    }

    @Test
    void anAddedItemTakesABallotRightAfterItsAnswerOnEveryEventLoop()
    {
        for (int i = 0; i < 20; i++)
        {
            final JsonObject proposal = new JsonObject().put("title", "Proposition " + i).put("subject", "Nature")
                .put("description", "Détails " + i);
            final Response added = i % 2 == 0 ? urne.postJson("/v1/polls/ideas/items", OPERATOR, proposal) :
                urne.postJson("/v1/polls/ideas/items", PLATFORM, proposal.put("voter", "citizen-" + i));
            assertThat(added.status).as(added.body).isEqualTo(201);
            final int id = added.json().getInteger("id");
            assertThat(added.json().getString("status")).isEqualTo("published");
            final Response ballot = urne.postJson("/v1/polls/ideas/ballots", PLATFORM, new JsonObject()
                .put("ballotId", "right-after-" + i).put("voter", "v-" + i).put("item", id).put("choice", "for"));
            assertThat(ballot.status).as("ballot on item %d right after its 201: %s", id, ballot.body).isEqualTo(202);
        }
        final JsonObject poll = urne.get("/v1/polls/ideas").json();
        final JsonObject last = poll.getJsonArray("items").getJsonObject(poll.getJsonArray("items").size() - 1);
        assertThat(last.getBoolean("added")).isTrue();
        assertThat(last.getString("description")).startsWith("Détails");
        assertThat(poll.getJsonArray("items").getJsonObject(0).containsKey("added")).isFalse();
        assertThat(poll.getString("proposals")).isEqualTo("citizens");
    }

    @Test
    void theResultsListAddedItemsAndTotalsPerSubject() throws Exception
    {
        final Response added = urne.postJson("/v1/polls/ideas/items", OPERATOR,
            new JsonObject().put("title", "Des pistes cyclables").put("subject", "Mobilité"));
        final int id = added.json().getInteger("id");
        final long position = urne.postJson("/v1/polls/ideas/ballots", PLATFORM, new JsonObject()
            .put("ballotId", "cycle-1").put("voter", "cyclist").put("item", id).put("choice", "against"))
            .json().getLong("position");
        final JsonObject results = urne.resultsAt("ideas", position);
        final JsonObject item = item(results.getJsonArray("items"), id);
        assertThat(item.getString("title")).isEqualTo("Des pistes cyclables");
        assertThat(item.getJsonObject("against").getLong("total")).isEqualTo(1);
        final JsonObject mobility = results.getJsonArray("subjects").stream().map(JsonObject.class::cast)
            .filter(subject -> "Mobilité".equals(subject.getString("subject"))).findFirst().orElseThrow();
        assertThat(mobility.getInteger("items")).isGreaterThanOrEqualTo(2);
        assertThat(mobility.getLong("against")).isGreaterThanOrEqualTo(1);
        assertThat(mobility.getLong("total")).isEqualTo(mobility.getLong("for") + mobility.getLong("mixed") +
            mobility.getLong("against"));
    }

    @Test
    void whatAnItemCannotBeIsRefusedBeforeJournaling()
    {
        final int before = urne.get("/v1/polls/ideas").json().getJsonArray("items").size();
        final Response duplicate = urne.postJson("/v1/polls/ideas/items", OPERATOR,
            new JsonObject().put("title", "  DES ARBRES ").put("subject", "Nature"));
        assertProblem(duplicate, 409);
        assertThat(duplicate.json().getString("type")).isEqualTo("/problems/duplicate-item");
        assertThat(duplicate.json().getInteger("item")).as("the item that has the title").isEqualTo(1);

        final Response noVoter = urne.postJson("/v1/polls/ideas/items", PLATFORM, new JsonObject().put("title", "X"));
        assertProblem(noVoter, 422);
        assertThat(noVoter.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("voter");
        final Response link = urne.postJson("/v1/polls/ideas/items", OPERATOR,
            new JsonObject().put("title", "Y").put("link", "ftp://example.org/y"));
        assertProblem(link, 422);
        assertThat(link.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("link");
        assertProblem(urne.postJson("/v1/polls/ideas/items", OPERATOR, new JsonObject().put("title", "Z")
            .put("id", 77)), 400);
        assertProblem(urne.postJson("/v1/polls/ideas/items", OPERATOR, new JsonObject()), 400);
        assertProblem(urne.postJson("/v1/polls/nowhere/items", OPERATOR, new JsonObject().put("title", "Z")), 404);
        assertProblem(urne.postJson("/v1/polls/ideas/items/1/status", PLATFORM,
            new JsonObject().put("status", "hidden")), 403);
        assertProblem(urne.postJson("/v1/polls/ideas/items/1/status", OPERATOR,
            new JsonObject().put("status", "gone")), 400);
        assertProblem(urne.postJson("/v1/polls/ideas/items/abc/status", OPERATOR,
            new JsonObject().put("status", "hidden")), 404);

        urne.openPoll(priorityPoll("fixed"));
        assertProblem(urne.postJson("/v1/polls/fixed/items", OPERATOR, new JsonObject().put("title", "Z")), 409);
        urne.openPoll(opinionPoll("operators-only", false));
        final Response closed = urne.postJson("/v1/polls/operators-only/items", PLATFORM,
            new JsonObject().put("title", "Z").put("voter", "u-1"));
        assertProblem(closed, 403);
        assertThat(closed.json().getString("type")).isEqualTo("/problems/proposals-closed");
        assertThat(urne.get("/v1/polls/ideas").json().getJsonArray("items").size())
            .as("no item added by the refused ideas").isEqualTo(before);
    }

    @Test
    void aHiddenItemLosesItsTextsTakesNoNewOpinionAndKeepsItsCounts() throws Exception
    {
        urne.openPoll(opinionPoll("moderated", false));
        final int id = urne.postJson("/v1/polls/moderated/items", OPERATOR,
            new JsonObject().put("title", "Un texte injurieux").put("subject", "Nature")).json().getInteger("id");
        assertThat(urne.postJson("/v1/polls/moderated/ballots", PLATFORM, new JsonObject().put("ballotId", "m-1")
            .put("voter", "u-1").put("item", id).put("choice", "for")).status).isEqualTo(202);
        final Response hidden = urne.postJson("/v1/polls/moderated/items/" + id + "/status", OPERATOR,
            new JsonObject().put("status", "hidden").put("reason", "injurieux"));
        assertThat(hidden.status).as(hidden.body).isEqualTo(200);
        assertThat(hidden.json().getString("status")).isEqualTo("hidden");
        assertThat(urne.postJson("/v1/polls/moderated/items/" + id + "/status", OPERATOR,
            new JsonObject().put("status", "hidden")).status).as("the same status again").isEqualTo(200);

        final JsonObject shown = item(urne.get("/v1/polls/moderated").json().getJsonArray("items"), id);
        assertThat(shown.getString("status")).isEqualTo("hidden");
        assertThat(shown.containsKey("title")).isFalse();
        final Response refused = urne.postJson("/v1/polls/moderated/ballots", PLATFORM, new JsonObject()
            .put("ballotId", "m-2").put("voter", "u-2").put("item", id).put("choice", "against"));
        assertProblem(refused, 409);
        assertThat(refused.json().getString("type")).isEqualTo("/problems/item-not-published");
        final Response withdrawal = urne.postJson("/v1/polls/moderated/ballots", PLATFORM, new JsonObject()
            .put("ballotId", "m-3").put("voter", "u-1").put("item", id).put("withdraw", true));
        assertThat(withdrawal.status).as(withdrawal.body).isEqualTo(202);

        final JsonObject results = urne.resultsAt("moderated", withdrawal.json().getLong("position"));
        final JsonObject counted = item(results.getJsonArray("items"), id);
        assertThat(counted.getString("status")).isEqualTo("hidden");
        assertThat(counted.containsKey("title")).isFalse();
        assertThat(urne.get("/v1/polls/moderated/results.csv").body).doesNotContain("injurieux");

        assertThat(urne.postJson("/v1/polls/moderated/items/" + id + "/status", OPERATOR,
            new JsonObject().put("status", "withdrawn")).status).isEqualTo(200);
        assertThat(item(urne.get("/v1/polls/moderated").json().getJsonArray("items"), id).getString("title"))
            .as("a withdrawn item is shown, as withdrawn").isEqualTo("Un texte injurieux");
    }

    @Test
    void addedItemsSurviveARestartAndThePollFileIsNotAChangedDefinition() throws Exception
    {
        final int id = urne.postJson("/v1/polls/ideas/items", OPERATOR,
            new JsonObject().put("title", "Avant le redémarrage")).json().getInteger("id");
        urne.stop();
        urne.start();
        assertThat(item(urne.get("/v1/polls/ideas").json().getJsonArray("items"), id).getString("title"))
            .isEqualTo("Avant le redémarrage");
        assertThat(urne.get("/health/ready").status).as("the poll file still matches").isEqualTo(200);
        assertThat(urne.putJson("/v1/polls/ideas", OPERATOR, opinionPoll("ideas", true)).status)
            .as("the definition again is a retry").isEqualTo(200);
        final Response next = urne.postJson("/v1/polls/ideas/items", OPERATOR,
            new JsonObject().put("title", "Après le redémarrage"));
        assertThat(next.json().getInteger("id")).as("numbering goes on").isGreaterThan(id);
    }

    @Test
    void theResultsSayHowManyPeopleGaveTheOpinions() throws Exception
    {
        urne.openPoll(opinionPoll("people", false));
        long position = 0;
        for (final String[] opinion : new String[][] {{"a", "1", "for"}, {"a", "2", "against"}, {"b", "1", "mixed"},
            {"c", "2", "for"}})
        {
            position = urne.postJson("/v1/polls/people/ballots", PLATFORM, new JsonObject()
                .put("ballotId", opinion[0] + "-" + opinion[1]).put("voter", opinion[0])
                .put("item", Integer.parseInt(opinion[1])).put("choice", opinion[2])).json().getLong("position");
        }
        position = urne.postJson("/v1/polls/people/ballots", PLATFORM, new JsonObject().put("ballotId", "c-w")
            .put("voter", "c").put("item", 2).put("withdraw", true)).json().getLong("position");
        final JsonObject results = urne.resultsAt("people", position);
        assertThat(results.getJsonObject("ballots").getLong("total")).as("opinions").isEqualTo(3);
        assertThat(results.getLong("participants")).as("a and b; c withdrew their one opinion").isEqualTo(2);
    }

    private static JsonObject item(final JsonArray items, final int id)
    {
        return items.stream().map(JsonObject.class::cast).filter(item -> item.getInteger("id") == id).findFirst()
            .orElseThrow(() -> new AssertionError("no item " + id + " in " + items));
    }
}
