package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.HttpApiTest.assertProblem;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.file.Path;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;

/** Items set out in detail: a description and a link, validated, journaled, and served with the poll and results. */
class ItemTextsTest
{
    private static final String DESCRIPTION = "Planter 1 000 arbres par an.\n\nDans chaque quartier, avec les écoles.";
    private static final String LINK = "https://participer.example.org/actions/1";

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
    void theDescriptionAndLinkAreServedWithThePollAndItsResultsAndSurviveARestart() throws Exception
    {
        final JsonObject definition = priorityPoll("detailed");
        definition.getJsonArray("items").getJsonObject(0).put("description", DESCRIPTION).put("link", LINK);
        urne.openPoll(definition);
        assertDetailed(urne.get("/v1/polls/detailed").json().getJsonArray("items"));
        assertDetailed(urne.resultsAt("detailed", 0).getJsonArray("items"));

        urne.stop();
        urne.start();
        assertDetailed(urne.get("/v1/polls/detailed").json().getJsonArray("items"));
        assertThat(urne.putJson("/v1/polls/detailed", OPERATOR, definition).status)
            .as("the same definition again is a retry, not a redefinition").isIn(200, 201);
    }

    @Test
    void aLinkThatIsNotAnHttpAddressOrAnOverlongDescriptionIsRefusedAndNamed()
    {
        for (final String link : List.of("javascript:alert(1)", "data:text/html,<b>x</b>", "/actions/1",
            "https:///no-host", "https://example.org/" + "a".repeat(2_000), "http://exa mple.org/"))
        {
            final JsonObject definition = priorityPoll("bad-link");
            definition.getJsonArray("items").getJsonObject(1).put("link", link);
            final Response refused = urne.putJson("/v1/polls/bad-link", OPERATOR, definition);
            assertProblem(refused, 422);
            assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .as(link).isEqualTo("items[1].link");
        }
        final JsonObject overlong = priorityPoll("bad-description");
        overlong.getJsonArray("items").getJsonObject(0).put("description", "x".repeat(10_001));
        final Response tooLong = urne.putJson("/v1/polls/bad-description", OPERATOR, overlong);
        assertProblem(tooLong, 422);
        assertThat(tooLong.json().getJsonArray("errors").getJsonObject(0).getString("field"))
            .isEqualTo("items[0].description");
        final JsonObject typed = priorityPoll("bad-type");
        typed.getJsonArray("items").getJsonObject(0).put("link", 12);
        assertProblem(urne.putJson("/v1/polls/bad-type", OPERATOR, typed), 400);
        assertThat(urne.get("/v1/polls/bad-link").status).as("nothing journaled").isEqualTo(404);
    }

    /** Items 14 (the first in the definition) and 21 (the second), in whatever order the answer lists them. */
    private static void assertDetailed(final JsonArray items)
    {
        assertThat(item(items, 14).getString("description")).isEqualTo(DESCRIPTION);
        assertThat(item(items, 14).getString("link")).isEqualTo(LINK);
        assertThat(item(items, 21).containsKey("description")).isFalse();
        assertThat(item(items, 21).containsKey("link")).isFalse();
    }

    private static JsonObject item(final JsonArray items, final int id)
    {
        return items.stream().map(JsonObject.class::cast).filter(item -> item.getInteger("id") == id).findFirst()
            .orElseThrow(() -> new AssertionError("no item " + id + " in " + items));
    }
}
