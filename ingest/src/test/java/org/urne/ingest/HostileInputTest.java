package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.HttpApiTest.assertProblem;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;
import org.urne.ingest.config.UrneConfig;

class HostileInputTest
{
    @TempDir
    static Path root;
    static TestServer urne;

    @BeforeAll
    static void start() throws Exception
    {
        urne = new TestServer(root, config -> config.withLimits(new UrneConfig.Limits(4096, 65536, 65536, 100, 16,
            10_000, 40, 300, 1)));
        urne.openPoll(priorityPoll("target"));
    }

    @AfterAll
    static void stop()
    {
        urne.close();
    }

    @Test
    void refusesStrictJsonViolationsAsBadRequests()
    {
        final List<String> bodies = List.of(
            "{\"ballotId\":\"a\",\"ballotId\":\"b\",\"voter\":\"u\",\"selections\":[14]}",
            "{\"ballotId\":\"a\",\"voter\":\"u\",\"selections\":[14]} {}",
            "{\"ballotId\":\"a\",/* hi */\"voter\":\"u\",\"selections\":[14]}",
            "{\"ballotId\":\"a\",\"voter\":\"u\",\"selections\":[014]}",
            "{\"ballotId\":\"a\",\"voter\":\"u\",\"selections\":[NaN]}",
            "{\"ballotId\":\"a\",\"voter\":\"u\",\"selections\":[1.5]}",
            "{\"ballotId\":\"a\",\"voter\":\"u\",\"selections\":[99999999999]}",
            "{\"ballotId\":1,\"voter\":\"u\",\"selections\":[14]}",
            "{\"ballotId\":\"a\",\"voter\":\"u\",\"selections\":\"14\"}",
            "{\"ballotId\":\"a\",\"voter\":\"u\",\"selections\":[14],\"receipt\":\"x\"}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "\"just a string\"",
            "");
        for (final String body : bodies)
        {
            assertProblem(urne.postJson("/v1/polls/target/ballots", PLATFORM, body), 400);
        }
        final Response forbidden = urne.postJson("/v1/polls/target/ballots", PLATFORM,
            ballot("a", "u", 14).put("receipt", "x"));
        assertThat(forbidden.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("receipt");
    }

    @Test
    void refusesOversizedBodiesAndBatches()
    {
        final String big = ballot("a", "u", 14).put("argument", "x".repeat(5000)).encode();
        assertProblem(urne.postJson("/v1/polls/target/ballots", PLATFORM, big), 413);
        final StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 101; i++)
        {
            lines.append(ballot("l-" + i, "u-" + i, 14).encode()).append('\n');
        }
        assertProblem(urne.send(HttpMethod.POST, "/v1/polls/target/ballots/batch", PLATFORM, "application/x-ndjson",
            lines), 413);
        assertProblem(urne.send(HttpMethod.POST, "/v1/polls/target/ballots", PLATFORM,
            "application/json; charset=latin1", ballot("c", "u", 14)), 415);
        assertProblem(urne.send(HttpMethod.POST, "/v1/polls/target/ballots", PLATFORM, null, ballot("c", "u", 14)), 415);
    }

    @Test
    void garbageAtEveryRouteNeverYieldsA5xxNorGrowsTheJournal() throws Exception
    {
        final long before = urne.server.journal().nextPosition();
        final Random random = new Random(20220619);
        final List<String> paths = List.of("/v1/polls", "/v1/polls/target", "/v1/polls/target/open",
            "/v1/polls/target/close", "/v1/polls/target/ballots", "/v1/polls/target/ballots/batch",
            "/v1/polls/target/receipts/00112233445566778899aabbccddeeff", "/v1/polls/target/tally-sheets/s-1",
            "/v1/polls/target/results", "/v1/polls/target/results.csv", "/health/live", "/health/ready", "/metrics",
            "/", "/polls/target", "/v1/polls/%00", "/v1/polls/" + "x".repeat(300));
        final List<HttpMethod> methods = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE);
        final List<String> types = List.of("application/json", "application/x-ndjson", "text/plain",
            "application/json; charset=utf-8");
        final List<String> tokens = List.of("", PLATFORM, "garbage");
        for (int round = 0; round < 400; round++)
        {
            final String path = paths.get(random.nextInt(paths.size()));
            final HttpMethod method = methods.get(random.nextInt(methods.size()));
            final String token = tokens.get(random.nextInt(tokens.size()));
            final Response response = urne.send(method, path, token.isEmpty() ? null : token,
                types.get(random.nextInt(types.size())), garbage(random));
            assertThat(response.status).as(method + " " + path + " -> " + response).isLessThan(500);
        }
        assertThat(urne.server.journal().nextPosition()).isEqualTo(before);
    }

    private static Buffer garbage(final Random random)
    {
        final String[] fragments = {"{", "}", "[", "]", "\"", ":", ",", "ballotId", "voter", "selections", "14",
            "-1", "1e999", "null", "true", "\\u0000", "\uD800", "grades", "counts", "\"stand\"", "9223372036854775808"};
        if (random.nextInt(4) == 0)
        {
            final byte[] bytes = new byte[random.nextInt(2048)];
            random.nextBytes(bytes);
            return Buffer.buffer(bytes);
        }
        final StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(60); i > 0; i--)
        {
            text.append(fragments[random.nextInt(fragments.length)]);
        }
        return Buffer.buffer(text.toString());
    }
}
