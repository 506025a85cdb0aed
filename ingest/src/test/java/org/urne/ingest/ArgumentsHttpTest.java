package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PLATFORM;

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

/**
 * The arguments of an opinion poll over HTTP (issue 16): served per item and stance, newest first, page after page,
 * only while their vote counts; counted per stance in the results, not under an embargo; and every mistake a
 * problem.
 */
class ArgumentsHttpTest
{
    private static final String POLL = "consult";

    @TempDir
    static Path root;
    static TestServer urne;

    @BeforeAll
    static void start() throws Exception
    {
        urne = new TestServer(root, config -> config);
        urne.openPoll(opinionPoll(POLL));
    }

    @AfterAll
    static void stop()
    {
        urne.close();
    }

    static JsonObject opinionPoll(final String id)
    {
        return TestServer.priorityPoll(id).put("kind", "opinion").putNull("minSelections").putNull("maxSelections")
            .put("maxArgumentLength", 200);
    }

    static Response opinion(final String poll, final String ballotId, final String voter, final int item,
        final String choice, final String argument)
    {
        return opinion(urne, poll, ballotId, voter, item, choice, argument);
    }

    static Response opinion(final TestServer server, final String poll, final String ballotId, final String voter,
        final int item, final String choice, final String argument)
    {
        final JsonObject ballot = new JsonObject().put("ballotId", ballotId).put("voter", voter).put("item", item)
            .put("choice", choice);
        if (argument != null)
        {
            ballot.put("argument", argument);
        }
        final Response answer = server.postJson("/v1/polls/" + poll + "/ballots", PLATFORM, ballot);
        assertThat(answer.status).as("%s", answer).isEqualTo(202);
        return answer;
    }

    static JsonArray arguments(final String poll, final int item, final String stance)
    {
        final Response answer = urne.get("/v1/polls/" + poll + "/items/" + item + "/arguments?stance=" + stance);
        assertThat(answer.status).as("%s", answer).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        return answer.json().getJsonArray("arguments");
    }

    @Test
    void onlyTheArgumentsOfCountedVotesAreServedAndCountedPerStance() throws Exception
    {
        opinion(POLL, "a-1", "citizen-1", 14, "for", "Plus d'ombre en été.");
        opinion(POLL, "a-2", "citizen-2", 14, "against", "Trop cher pour la ville.");
        opinion(POLL, "a-3", "citizen-3", 14, "for", "   ");
        opinion(POLL, "a-4", "citizen-4", 14, "for", "Des arbres fruitiers.");
        final long revote = opinion(POLL, "a-5", "citizen-1", 14, "mixed", "Oui, mais pas partout.").json()
            .getLong("position");
        final JsonObject withdrawal = new JsonObject().put("ballotId", "a-6").put("voter", "citizen-4")
            .put("item", 14).put("withdraw", true);
        final long last = urne.postJson("/v1/polls/" + POLL + "/ballots", PLATFORM, withdrawal).json()
            .getLong("position");
        final JsonObject item = urne.resultsAt(POLL, last).getJsonArray("items").getJsonObject(0);
        assertThat(item.getInteger("arguments")).isEqualTo(2);
        assertThat(item.getJsonObject("argumentsByStance").getMap())
            .containsEntry("for", 0).containsEntry("mixed", 1).containsEntry("against", 1).hasSize(3);

        assertThat(arguments(POLL, 14, "for")).as("replaced, blank and withdrawn: none left").isEmpty();
        final JsonArray mixed = arguments(POLL, 14, "mixed");
        assertThat(mixed).hasSize(1);
        assertThat(mixed.getJsonObject(0).getLong("id")).isEqualTo(revote);
        assertThat(mixed.getJsonObject(0).getString("stance")).isEqualTo("mixed");
        assertThat(mixed.getJsonObject(0).getString("text")).isEqualTo("Oui, mais pas partout.");
        assertThat(mixed.getJsonObject(0).getString("at")).endsWith("Z");
        assertThat(arguments(POLL, 14, "against").getJsonObject(0).getString("text"))
            .isEqualTo("Trop cher pour la ville.");
    }

    @Test
    void pagesComeNewestFirstUntilNextIsNull() throws Exception
    {
        final String poll = "pages";
        urne.openPoll(opinionPoll(poll));
        long last = -1;
        for (int i = 0; i < 62; i++)
        {
            last = opinion(poll, "p-" + i, "voter-" + i, 21, "for", "Argument " + i).json().getLong("position");
        }
        urne.resultsAt(poll, last);
        final List<String> texts = new ArrayList<>();
        String next = null;
        int pages = 0;
        do
        {
            final Response page = urne.get("/v1/polls/" + poll + "/items/21/arguments?stance=for" +
                (next == null ? "" : "&after=" + next));
            assertThat(page.status).as("%s", page).isEqualTo(200);
            final JsonArray arguments = page.json().getJsonArray("arguments");
            assertThat(arguments.size()).isLessThanOrEqualTo(50);
            for (int i = 0; i < arguments.size(); i++)
            {
                texts.add(arguments.getJsonObject(i).getString("text"));
            }
            next = page.json().getString("next");
            pages++;
        }
        while (next != null && pages < 5);
        assertThat(pages).isEqualTo(2);
        assertThat(texts).hasSize(62).startsWith("Argument 61", "Argument 60").endsWith("Argument 0");
    }

    @Test
    void mistakesAreProblems() throws Exception
    {
        urne.openPoll(TestServer.priorityPoll("priorities"));
        final String base = "/v1/polls/" + POLL + "/items/14/arguments";
        assertProblem(base, 400, "invalid-fields");
        assertProblem(base + "?stance=pour", 400, "invalid-fields");
        assertProblem(base + "?stance=for&stance=mixed", 400, "invalid-fields");
        assertProblem(base + "?stance=for&after=abc", 400, "invalid-fields");
        assertProblem(base + "?stance=for&after=-1", 400, "invalid-fields");
        assertProblem(base + "?stance=for&after=99999999999999999999", 400, "invalid-fields");
        assertProblem("/v1/polls/nowhere/items/14/arguments?stance=for", 404, "unknown-poll");
        assertProblem("/v1/polls/" + POLL + "/items/999/arguments?stance=for", 404, "unknown-item");
        assertProblem("/v1/polls/" + POLL + "/items/x/arguments?stance=for", 404, "unknown-item");
        assertProblem("/v1/polls/" + POLL + "/items/99999999999/arguments?stance=for", 404, "unknown-item");
        assertProblem("/v1/polls/priorities/items/14/arguments?stance=for", 404, "not-opinion-poll");
        final Response problem = urne.get(base + "?stance=pour");
        assertThat(problem.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("stance");
    }

    @Test
    void anEmbargoWithholdsTheArgumentsAndTheirCounts() throws Exception
    {
        final String poll = "embargoed";
        urne.openPoll(opinionPoll(poll).put("publication", "at-close"));
        final long position = opinion(poll, "e-1", "voter-1", 14, "for", "Secret until the close.").json()
            .getLong("position");
        final JsonObject withheld = urne.resultsAt(poll, position);
        assertThat(withheld.getBoolean("countsPublished")).isFalse();
        assertThat(withheld.getJsonArray("items").getJsonObject(0).containsKey("argumentsByStance")).isFalse();
        assertProblem("/v1/polls/" + poll + "/items/14/arguments?stance=for", 409, "results-embargoed");
    }

    @Test
    void aHiddenArgumentIsNotServedAndItsVoteStillCounts() throws Exception
    {
        final String poll = "moderated";
        urne.openPoll(opinionPoll(poll));
        final long rude = opinion(poll, "m-1", "voter-1", 7, "against", "Un texte injurieux.").json()
            .getLong("position");
        final long kept = opinion(poll, "m-2", "voter-2", 7, "against", "Un argument poli.").json()
            .getLong("position");
        final JsonObject before = urne.resultsAt(poll, kept).getJsonArray("items").getJsonObject(3);
        assertThat(arguments(poll, 7, "against")).hasSize(2);

        final Response hidden = hide(poll, Long.toString(rude), new JsonObject().put("reason", "insulte"));
        assertThat(hidden.status).as("%s", hidden).isEqualTo(200);
        assertThat(hidden.json().getLong("argument")).isEqualTo(rude);
        assertThat(hidden.json().getString("status")).isEqualTo("hidden");
        final JsonArray served = arguments(poll, 7, "against");
        assertThat(served).as("hidden before the answer").hasSize(1);
        assertThat(served.getJsonObject(0).getLong("id")).isEqualTo(kept);
        final JsonObject after = urne.resultsAt(poll, hidden.json().getLong("position")).getJsonArray("items")
            .getJsonObject(3);
        assertThat(after.getJsonObject("against")).isEqualTo(before.getJsonObject("against"));
        assertThat(after.getJsonObject("argumentsByStance")).isEqualTo(before.getJsonObject("argumentsByStance"));

        urne.openPoll(TestServer.priorityPoll("ranked"));
        final long journaled = urne.server.edge().agent.appliedPosition();
        assertRefused(hide(poll, Long.toString(rude), new JsonObject().put("reason", "encore")), 409,
            "argument-hidden");
        assertRefused(hide(poll, "99999", new JsonObject().put("reason", "x")), 404, "unknown-argument");
        assertRefused(hide(poll, "abc", new JsonObject().put("reason", "x")), 404, "unknown-argument");
        assertRefused(hide(poll, Long.toString(kept), new JsonObject()), 400, "invalid-fields");
        assertRefused(hide(poll, Long.toString(kept), new JsonObject().put("reason", "  ")), 400, "invalid-fields");
        assertRefused(hide(poll, Long.toString(kept), new JsonObject().put("reason", "r".repeat(501))), 400,
            "invalid-fields");
        assertRefused(hide(poll, Long.toString(kept), new JsonObject().put("reason", "x").put("extra", 1)), 400,
            "invalid-fields");
        assertRefused(urne.send(HttpMethod.POST, "/v1/polls/" + poll + "/arguments/" + kept + "/hide", OPERATOR,
            "application/json", null), 400, "invalid-fields");
        assertRefused(urne.postJson("/v1/polls/" + poll + "/arguments/" + kept + "/hide", PLATFORM,
            new JsonObject().put("reason", "x")), 403, "forbidden");
        assertRefused(hide("nowhere", "1", new JsonObject().put("reason", "x")), 404, "unknown-poll");
        assertRefused(hide("ranked", "1", new JsonObject().put("reason", "x")), 404, "not-opinion-poll");
        assertThat(urne.server.edge().agent.appliedPosition()).as("nothing journaled").isEqualTo(journaled);
    }

    private static Response hide(final String poll, final String argument, final JsonObject body)
    {
        return urne.postJson("/v1/polls/" + poll + "/arguments/" + argument + "/hide", OPERATOR, body);
    }

    private static void assertRefused(final Response answer, final int status, final String type)
    {
        assertThat(answer.status).as("%s", answer).isEqualTo(status);
        assertThat(answer.problem()).isEqualTo("/problems/" + type);
    }

    private static void assertProblem(final String path, final int status, final String type)
    {
        final Response answer = urne.get(path);
        assertThat(answer.status).as("%s: %s", path, answer).isEqualTo(status);
        assertThat(answer.problem()).as(path).isEqualTo("/problems/" + type);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }
}
