package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.http.InvalidRequests;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemWriter;

/**
 * The hostile input corpus of the reliability promises, against a real server on loopback with the production
 * default limits: every input goes to every endpoint that takes a body (a ballot, a batch, a tally sheet, a poll
 * definition). Each must get the right 4xx as {@code application/problem+json} naming what is wrong (and the field,
 * where there is one), within a bounded time; nothing may answer 5xx, and the journal must not grow.
 */
class HostileCorpusTest
{
    /** Generous: a loaded 2-core machine shared with other builds, and a 1 MB body among the inputs. */
    private static final long BOUND_NANOS = 10_000_000_000L;
    private static final String POLL = "/v1/polls/target";

    @TempDir
    static Path root;
    static TestServer urne;
    private long journalBefore;
    private int requests;

    @BeforeAll
    static void start() throws Exception
    {
        urne = new TestServer(root, config -> config);
        urne.openPoll(priorityPoll("target"));
    }

    @AfterAll
    static void stop()
    {
        urne.close();
    }

    @BeforeEach
    void recordJournal()
    {
        journalBefore = urne.server.journal().nextPosition();
    }

    @AfterEach
    void journalDidNotGrow()
    {
        assertThat(urne.server.journal().nextPosition()).as("journal after %d hostile requests", requests)
            .isEqualTo(journalBefore);
    }

    /** Where a body goes, the valid body it is derived from, and how a batch wraps it. */
    enum Target
    {
        BALLOT(HttpMethod.POST, POLL + "/ballots", PLATFORM,
            ballot("h-1", "citizen-hostile", 14, 21)),
        BATCH(HttpMethod.POST, POLL + "/ballots/batch", PLATFORM,
            ballot("h-2", "citizen-hostile", 14)),
        SHEET(HttpMethod.PUT, POLL + "/tally-sheets/s-hostile", OPERATOR,
            new JsonObject().put("stand", "Marché").put("ballots", 10).put("counts", new JsonObject().put("14", 3))),
        POLL_DEFINITION(HttpMethod.PUT, "/v1/polls/fresh", OPERATOR,
            priorityPoll("fresh"));

        final HttpMethod method;
        final String path;
        final String token;
        final JsonObject valid;

        Target(final HttpMethod method, final String path, final String token, final JsonObject valid)
        {
            this.method = method;
            this.path = path;
            this.token = token;
            this.valid = valid;
        }

        /** The body as sent: a batch holds the one (hostile) ballot in an array. */
        byte[] document(final byte[] object)
        {
            return this == BATCH ? concat(bytes("["), object, bytes("]")) : object;
        }

        byte[] document(final JsonObject object)
        {
            return document(bytes(object.encode()));
        }

        byte[] validDocument()
        {
            return document(valid);
        }

        /** The valid object with raw {@code "name": value} text inserted as its first member, as a document. */
        byte[] withMember(final byte[] member)
        {
            final byte[] object = bytes(valid.encode());
            return document(concat(bytes("{"), member, bytes(","), Arrays.copyOfRange(object, 1, object.length)));
        }
    }

    /**
     * One hostile input.
     *
     * @param name     what it is, for the failure message.
     * @param body     the hostile body for a target.
     * @param document true when the whole body is unreadable, so a batch is refused whole; false when the JSON is
     *                 readable and only this ballot is wrong, so a batch answers 200 with this line's problem.
     * @param status   the status per target.
     * @param field    the field the problem must name, or null when the problem is about the document.
     * @param detail   a word the problem's detail must contain, or null.
     */
    record Hostile(String name, Function<Target, byte[]> body, boolean document, Function<Target, Integer> status,
        String field, String detail)
    {
    }

    @Test
    void everyHostileBodyIsARefusalAtEveryEndpoint()
    {
        for (final Hostile hostile : corpus())
        {
            for (final Target target : Target.values())
            {
                final byte[] body = hostile.body().apply(target);
                final Response response = timed(hostile.name() + " at " + target, () -> urne.send(target.method,
                    target.path, target.token, "application/json", Buffer.buffer(body)));
                final int status = hostile.status().apply(target);
                if (target == Target.BATCH && !hostile.document() && status == 400)
                {
                    assertThat(response.status).as(hostile.name() + " at " + target + ": " + response).isEqualTo(200);
                    final JsonObject line = new JsonArray(response.body).getJsonObject(0);
                    assertProblemJson(hostile, target, line, 400);
                }
                else
                {
                    assertThat(response.status).as(hostile.name() + " at " + target + ": " + abbreviate(response))
                        .isEqualTo(status);
                    assertThat(response.header("Content-Type")).isEqualTo(ProblemWriter.CONTENT_TYPE);
                    assertProblemJson(hostile, target, response.json(), status);
                }
            }
        }
    }

    @Test
    void wrongMissingAndUnderprivilegedTokensAreRefused()
    {
        final Map<String, Target> operatorOnly = Map.of(POLL + "/tally-sheets/s-1", Target.SHEET,
            "/v1/polls/fresh", Target.POLL_DEFINITION);
        for (final Map.Entry<String, Target> endpoint : operatorOnly.entrySet())
        {
            final Target target = endpoint.getValue();
            assertRefused(target.method, endpoint.getKey(), PLATFORM, target.validDocument(), 403);
        }
        assertRefused(HttpMethod.POST, POLL + "/open", PLATFORM, null, 403);
        assertRefused(HttpMethod.POST, POLL + "/close", PLATFORM, null, 403);
        final List<String> badTokens = List.of("", "garbage", PLATFORM + "x", OPERATOR.substring(1), OPERATOR + " x",
            "x".repeat(4000));
        for (final Target target : Target.values())
        {
            assertRefused(target.method, target.path, null, target.validDocument(), 401);
            for (final String token : badTokens)
            {
                assertRefused(target.method, target.path, token, target.validDocument(), 401);
            }
            final Response basic = timed("basic auth at " + target, () -> urne.send(target.method, target.path, null,
                "application/json", Buffer.buffer(target.validDocument()),
                MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic " + OPERATOR)));
            HttpApiTest.assertProblem(basic, 401);
        }
        for (final String path : List.of(POLL + "/open", POLL + "/close"))
        {
            assertRefused(HttpMethod.POST, path, null, null, 401);
            assertRefused(HttpMethod.POST, path, "garbage", null, 401);
        }
    }

    @Test
    void wrongContentTypesAreRefused()
    {
        for (final Target target : Target.values())
        {
            for (final String type : List.of("text/plain", "application/json; charset=latin1", "application/xml",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"))
            {
                final byte[] body = target.validDocument();
                final Response response = timed(type + " at " + target, () -> urne.send(target.method, target.path,
                    target.token, type, Buffer.buffer(body)));
                HttpApiTest.assertProblem(response, 415);
            }
        }
    }

    @Test
    void requestLinesAndHeadersOverTheLimitsAreProblems() throws Exception
    {
        final String longPath = POLL + "/ballots?" + "q".repeat(InvalidRequests.MAX_REQUEST_LINE_BYTES + 100);
        final String ballot = ballot("h-3", "citizen-hostile", 14).encode();
        assertRawProblem(request("POST " + longPath, "Authorization: Bearer " + PLATFORM, ballot), 414, "request line");
        assertRawProblem(request("GET " + "/v1/polls/" + "p".repeat(20_000), null, null), 414, "request line");
        final String bigHeader = "X-Filler: " + "h".repeat(InvalidRequests.MAX_HEADER_BYTES + 100);
        assertRawProblem(request("POST " + POLL + "/ballots", "Authorization: Bearer " + PLATFORM + "\r\n" + bigHeader,
            ballot), 431, "headers");
        final StringBuilder manyHeaders = new StringBuilder("Authorization: Bearer " + PLATFORM);
        for (int i = 0; i < 2_000; i++)
        {
            manyHeaders.append("\r\nX-H").append(i).append(": v");
        }
        assertRawProblem(request("POST " + POLL + "/ballots", manyHeaders.toString(), ballot), 431, "headers");
        assertRawProblem(request("PUT " + POLL + "/tally-sheets/s-1", "Authorization: Bearer " + OPERATOR + "\r\n" +
            bigHeader, Target.SHEET.valid.encode()), 431, "headers");
        assertRawProblem(bytes("NOT HTTP AT ALL\r\n\r\n"), 400, "HTTP");
    }

    /**
     * A burst of concurrent requests over a token's rate: those over it get a 429 problem with Retry-After and write
     * nothing; those under it are the only ones journaled. Rate 1/s, burst 5: of 60 requests sent at once, at most a
     * handful (5, plus any refill while they are in flight) can pass.
     */
    @Test
    void burstsOverTheRateLimitAre429sWithRetryAfter(@TempDir final Path burstRoot) throws Exception
    {
        try (TestServer limited = new TestServer(burstRoot, config -> config.withRateLimit(
            new UrneConfig.RateLimit(1, 5))))
        {
            limited.openPoll(priorityPoll("rated"));
            final long before = limited.server.journal().nextPosition();
            final List<Future<Response>> sent = new ArrayList<>();
            final long start = System.nanoTime();
            for (int i = 0; i < 60; i++)
            {
                sent.add(limited.sendAsync(HttpMethod.POST, "/v1/polls/rated/ballots", PLATFORM, "application/json",
                    ballot("burst-" + i, "citizen-burst-" + i, 14), MultiMap.caseInsensitiveMultiMap()));
            }
            final List<Response> responses = Future.all(sent).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS).list();
            assertThat(System.nanoTime() - start).isLessThan(6 * BOUND_NANOS);
            int accepted = 0;
            for (final Response response : responses)
            {
                if (response.status == 202)
                {
                    accepted++;
                    continue;
                }
                HttpApiTest.assertProblem(response, 429);
                assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
            }
            final long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(accepted).isBetween(1, 5 + (int)elapsedSeconds + 1);
            assertThat(limited.server.journal().nextPosition() - before).isEqualTo(accepted);
            requests += responses.size();
        }
        journalBefore = urne.server.journal().nextPosition();
    }

    private static List<Hostile> corpus()
    {
        final List<Hostile> corpus = new ArrayList<>();
        final Function<Target, Integer> badRequest = target -> 400;
        corpus.add(new Hostile("nesting depth 10,000", target -> bytes("[".repeat(10_000) + "]".repeat(10_000)), true,
            badRequest, null, "nesting"));
        corpus.add(new Hostile("nesting depth 10,000 in a field", target -> target.withMember(
            bytes("\"deep\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))), true, badRequest, null,
            "nesting"));
        final String megabyte = "x".repeat(1 << 20);
        corpus.add(new Hostile("a 1 MB string", target -> target.withMember(bytes("\"text\":\"" + megabyte + "\"")),
            true, target -> target == Target.BATCH ? 400 : 413, null, null));
        final String over = "y".repeat(UrneConfig.defaults().limits().maxStringLength() + 1);
        corpus.add(new Hostile("a string over the string limit within the body limit", target ->
            target.withMember(bytes("\"note\":\"" + over + "\"")), true,
            target -> target == Target.BALLOT ? 413 : 400, null, null));
        corpus.add(new Hostile("a 2,000-digit number", target -> target.withMember(bytes("\"n\":" + "9".repeat(2_000))),
            true, badRequest, null, "number"));
        corpus.add(new Hostile("a 2,000-digit fraction", target -> target.withMember(
            bytes("\"n\":0." + "1".repeat(2_000))), true, badRequest, null, "number"));
        final String longName = "k".repeat(60 * 1024);
        corpus.add(new Hostile("a 60 KB field name", target -> target.withMember(bytes("\"" + longName + "\":1")), false,
            badRequest, "kkkk", "field"));
        corpus.add(new Hostile("duplicate keys", target -> target.withMember(bytes("\"dup\":1,\"dup\":2")), true,
            badRequest, null, "Duplicate"));
        corpus.add(new Hostile("a duplicate of a real key", target -> target.document(bytes("{\"channel\":\"paper\"," +
            target.valid.copy().put("channel", "digital").encode().substring(1))), true, badRequest, null,
            "Duplicate"));
        corpus.add(new Hostile("an unknown field", target -> target.document(target.valid.copy().put("colour", "red")),
            false, badRequest, "colour", null));
        for (final String serverSide : List.of("receipt", "position", "voterKey", "pollId", "status", "sheetId"))
        {
            corpus.add(new Hostile("the server-side field " + serverSide, target -> target.document(target.valid.copy()
                .put(serverSide, "x")), false, badRequest, serverSide, null));
        }
        for (final String garbage : List.of(" {}", "x", "]", "}", " null", "\u0000", "\"tail\""))
        {
            corpus.add(new Hostile("trailing " + garbage.strip(), target -> concat(target.validDocument(),
                bytes(garbage)), true, badRequest, null, null));
        }
        for (final String comment : List.of("/* c */", "// c\n", "# c\n"))
        {
            corpus.add(new Hostile("a comment " + comment.strip(), target -> concat(bytes(comment),
                target.validDocument()), true, badRequest, null, null));
        }
        corpus.add(new Hostile("a comment inside", target -> target.withMember(bytes("/* c */\"k\":1")), true,
            badRequest, null, null));
        for (final Map.Entry<String, String> bad : illFormedUtf8().entrySet())
        {
            corpus.add(new Hostile("ill-formed UTF-8: " + bad.getKey(), target -> utf8Hostile(target,
                HexFormat.of().parseHex(bad.getValue())), true, badRequest, null, "UTF-8"));
        }
        corpus.add(new Hostile("ill-formed UTF-8 at the very end", target -> concat(target.validDocument(),
            new byte[] {(byte)0xE2, (byte)0x82}), true, badRequest, null, "UTF-8"));
        for (final Map.Entry<String, Object> wrong : wrongTypes().entrySet())
        {
            corpus.add(new Hostile("a wrong type for " + wrong.getKey(), target -> target.document(target.valid.copy()
                .put(wrong.getKey(), wrong.getValue())), false, badRequest, wrong.getKey(), null));
        }
        for (final String document : List.of("null", "42", "\"a string\"", "true", "{}", " "))
        {
            corpus.add(new Hostile("the document " + document, target -> bytes(document), true,
                target -> 400, null, null));
        }
        corpus.add(new Hostile("a body over the limit", target -> target.withMember(bytes("\"pad\":\"" +
            "p".repeat(overLimit(target)) + "\"")), true, target -> 413, null, "limit"));
        return corpus;
    }

    private static int overLimit(final Target target)
    {
        final UrneConfig.Limits limits = UrneConfig.defaults().limits();
        return 1 + switch (target)
        {
            case BALLOT -> limits.ballotBytes();
            case BATCH -> limits.batchBytes();
            case SHEET, POLL_DEFINITION -> limits.definitionBytes();
        };
    }

    /** Each of the kinds of ill-formed sequence, as hex, placed in a string value of an otherwise valid body. */
    private static Map<String, String> illFormedUtf8()
    {
        return Map.ofEntries(
            Map.entry("overlong '/' in 2 bytes", "c0af"),
            Map.entry("overlong '/' in 3 bytes", "e080af"),
            Map.entry("overlong '/' in 4 bytes", "f08080af"),
            Map.entry("overlong NUL", "c080"),
            Map.entry("high surrogate", "eda080"),
            Map.entry("low surrogate", "edbfbf"),
            Map.entry("surrogate pair encoded apart", "eda0bdedb2a9"),
            Map.entry("above U+10FFFF", "f4908080"),
            Map.entry("truncated 2-byte sequence", "c3"),
            Map.entry("truncated 3-byte sequence", "e282"),
            Map.entry("truncated 4-byte sequence", "f09f98"),
            Map.entry("bare continuation byte", "80"),
            Map.entry("bare continuation bytes", "bfbf"),
            Map.entry("5-byte lead", "f888808080"),
            Map.entry("byte FE", "fe"),
            Map.entry("byte FF", "ff"),
            Map.entry("Latin-1 e-acute", "e9"));
    }

    /** The ill-formed bytes inside the value of a field the target reads as text: the voter, the stand, the title. */
    private static byte[] utf8Hostile(final Target target, final byte[] illFormed)
    {
        final String field = switch (target)
        {
            case BALLOT, BATCH -> "voter";
            case SHEET -> "stand";
            case POLL_DEFINITION -> "title";
        };
        final String marker = "\u0001MARK\u0001";
        final String text = target.valid.copy().put(field, "v-" + marker).encode();
        final String escapedMarker = "\\u0001MARK\\u0001";
        final int at = text.indexOf(escapedMarker);
        return target.document(concat(bytes(text.substring(0, at)), illFormed,
            bytes(text.substring(at + escapedMarker.length()))));
    }

    private static Map<String, Object> wrongTypes()
    {
        return Map.ofEntries(
            Map.entry("ballotId", 1),
            Map.entry("voter", true),
            Map.entry("selections", "14"),
            Map.entry("castAt", 5),
            Map.entry("withdraw", "yes"),
            Map.entry("stand", 7),
            Map.entry("ballots", "412"),
            Map.entry("counts", new JsonArray().add(1)),
            Map.entry("items", new JsonObject()),
            Map.entry("kind", 1),
            Map.entry("channels", "paper"));
    }

    private static void assertProblemJson(final Hostile hostile, final Target target, final JsonObject problem,
        final int status)
    {
        final String where = hostile.name() + " at " + target;
        assertThat(problem.getInteger("status")).as(where).isEqualTo(status);
        assertThat(problem.getString("type")).as(where).startsWith(ProblemType.PATH);
        assertThat(ProblemType.bySlug(problem.getString("type").substring(ProblemType.PATH.length())))
            .as(where).isNotNull().extracting(ProblemType::status).isEqualTo(status);
        assertThat(problem.getString("title")).as(where).isNotBlank();
        assertThat(problem.getString("detail")).as(where).isNotBlank();
        if (hostile.detail() != null)
        {
            assertThat(problem.getString("detail") + problem.getJsonArray("errors", new JsonArray()).encode())
                .as(where).containsIgnoringCase(hostile.detail());
        }
        if (hostile.field() != null)
        {
            final JsonArray errors = problem.getJsonArray("errors");
            assertThat(errors).as(where + ": " + problem.getString("detail")).isNotNull();
            assertThat(errors.stream().map(e -> ((JsonObject)e).getString("field")))
                .as(where).anyMatch(field -> field.startsWith(hostile.field()));
        }
    }

    private void assertRefused(final HttpMethod method, final String path, final String token, final byte[] body,
        final int status)
    {
        final Response response = timed(method + " " + path, () -> urne.send(method, path, token,
            body == null ? null : "application/json", body == null ? null : Buffer.buffer(body)));
        HttpApiTest.assertProblem(response, status);
        if (status == 401)
        {
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    private void assertRawProblem(final byte[] request, final int status, final String detail) throws Exception
    {
        final long start = System.nanoTime();
        final RawHttp.Reply reply = RawHttp.exchange(urne.server.port(), request);
        requests++;
        assertThat(System.nanoTime() - start).as("answer time of a %d", status).isLessThan(BOUND_NANOS);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo(ProblemWriter.CONTENT_TYPE);
        assertThat(reply.json().getInteger("status")).isEqualTo(status);
        assertThat(reply.json().getString("detail")).contains(detail);
    }

    private static byte[] request(final String requestLine, final String headers, final String body)
    {
        final StringBuilder text = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (headers != null)
        {
            text.append(headers).append("\r\n");
        }
        if (body != null)
        {
            text.append("Content-Type: application/json\r\nContent-Length: ")
                .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        text.append("\r\n");
        if (body != null)
        {
            text.append(body);
        }
        return bytes(text.toString());
    }

    private Response timed(final String what, final Supplier<Response> exchange)
    {
        final long start = System.nanoTime();
        final Response response = exchange.get();
        requests++;
        assertThat(System.nanoTime() - start).as("answer time of " + what).isLessThan(BOUND_NANOS);
        assertThat(response.status).as(what + ": " + abbreviate(response)).isBetween(200, 499);
        return response;
    }

    private static String abbreviate(final Response response)
    {
        final String text = response.toString();
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
