package org.urne.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.problem.ProblemWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.AssemblyHttpTest.FACILITATOR;
import static org.urne.ingest.AssemblyHttpTest.ROOM;

/**
 * Nothing a client sends to an assembly's routes may cause a 5xx: each body, whole documents that are not what the
 * route takes and every field of a valid body replaced by values of every other JSON type (or left out), gets an
 * answer below 500, and every refusal is a problem.
 */
class AssemblyHostileInputTest
{
    private static final List<Object> VALUES = List.of("", " ", "x".repeat(300), "\u0000", -1, 0, 2_147_483_648L,
        1.5, true, new JsonArray(), new JsonArray().add((Object)null).add(1), new JsonObject(),
        new JsonObject().put("x", new JsonArray().add("y")));
    private static final List<String> DOCUMENTS = List.of("", "null", "[]", "1", "\"text\"", "{", "{\"a\":1}",
        "[".repeat(100) + "]".repeat(100), "{\"kind\":1e999}", "{\"member\":\"m1\",\"member\":\"m2\"}");

    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = new TestServer(root, AssemblyHttpTest::withRoomTokens);
        assertThat(server.putJson(ROOM, TestServer.OPERATOR, AssemblyHttpTest.assembly(3)).status).isEqualTo(201);
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void everyHostileBodyGetsAnAnswerBelow500()
    {
        // In this order: the round the cards go to is open by then.
        final List<Map.Entry<String, JsonObject>> routes = List.of(
            Map.entry("PUT " + ROOM, AssemblyHttpTest.assembly(3)),
            Map.entry("PUT " + ROOM + "/presence", new JsonObject().put("present", new JsonArray().add("m1").add("m2")
                .add("m3"))),
            Map.entry("POST " + ROOM + "/rounds", AssemblyHttpTest.consent(1, "answers")),
            Map.entry("POST " + ROOM + "/rounds/r1/cards", new JsonObject().put("member", "m1").put("card", "red")));
        int requests = 0;
        for (final Map.Entry<String, JsonObject> route : routes)
        {
            final String[] methodAndPath = route.getKey().split(" ");
            final HttpMethod method = HttpMethod.valueOf(methodAndPath[0]);
            for (final String document : DOCUMENTS)
            {
                check(method, methodAndPath[1], Buffer.buffer(document.getBytes(StandardCharsets.UTF_8)), document);
                requests++;
            }
            check(method, methodAndPath[1], Buffer.buffer(new byte[] {'{', '"', (byte)0xC3, '"', ':', '1', '}'}),
                "ill-formed UTF-8");
            for (final String field : new ArrayList<>(route.getValue().fieldNames()))
            {
                final JsonObject without = route.getValue().copy();
                without.remove(field);
                check(method, methodAndPath[1], without.toBuffer(), "without " + field);
                for (final Object value : VALUES)
                {
                    final JsonObject changed = route.getValue().copy().put(field, value);
                    check(method, methodAndPath[1], changed.toBuffer(), field + " = " + value);
                    requests++;
                }
            }
        }
        assertThat(requests).isGreaterThan(80);
        assertThat(server.send(HttpMethod.GET, ROOM + "/rounds/r1", FACILITATOR, null, null).status)
            .as("the round the cards went to was opened").isEqualTo(200);
    }

    private static void check(final HttpMethod method, final String path, final Buffer body, final String what)
    {
        final TestServer.Response response = server.send(method, path, path.equals(ROOM) ? TestServer.OPERATOR :
            FACILITATOR, "application/json", body);
        assertThat(response.status).as(method + " " + path + " with " + what + ": " + response).isBetween(200, 499);
        if (response.status >= 400)
        {
            assertThat(response.header("Content-Type")).as(what).isEqualTo(ProblemWriter.CONTENT_TYPE);
            assertThat(response.json().getString("detail")).as(what).isNotBlank();
        }
    }
}
