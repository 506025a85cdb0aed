package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.AGENT_JAUDE;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PAPER_PLATFORM;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.opinionPoll;
import static org.urne.ingest.TestServer.paperPoll;
import static org.urne.ingest.TestServer.priorityPoll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.urne.ingest.TestServer.Response;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.problem.ProblemType;

/**
 * Pins every cause to its problem type: for each {@link ProblemType}, the real server is sent the input that causes
 * it and must answer that type, its status and title, as {@code application/problem+json} that fits the OpenAPI
 * document's Problem schema. The switch in
 * {@link #drive} has no default, so a new type does not compile until it is driven here (or said unreachable, with
 * why). Three shared servers: a plain one, a tight one (a 4 KiB journal ring synced to disk, results published once
 * a minute) and one whose journal disk is always "full" (and whose tokens get 2 requests, and each client 2 reads);
 * two short-lived ones
 * stop serving or lose their journal.
 */
class ProblemTypesTest
{
    /** Causes no request can produce on purpose; each says where it is pinned instead. */
    static final Map<ProblemType, String> UNREACHABLE = Map.of(
        ProblemType.SUBMISSION_FAILED, "a refusal the journal does not name: JournalRefusalsTest pins the mapping",
        ProblemType.INTERNAL_ERROR, "a fault in Urne itself: no client input may cause it (HostileCorpusTest)",
        ProblemType.CLUSTER_UNAVAILABLE, "needs a cluster without a majority: ClusterFailoverTest's minority test "
            + "drives it through real members, JournalRefusalsTest pins the mapping",
        ProblemType.SEAL_OUTDATED, "needs a record between the snapshot a seal's digests come from and the seal "
            + "itself, a race: SealAndCommitmentTest pins the core's refusal, SealHandler maps it");

    @TempDir
    static Path root;
    static TestServer plain;
    static TestServer tight;
    static TestServer full;
    static OpenApiSchemas openApi;

    @BeforeAll
    static void start() throws Exception
    {
        openApi = new OpenApiSchemas();
        plain = new TestServer(directory("plain"), config -> config);
        plain.openPoll(priorityPoll("open"));
        assertThat(plain.putJson("/v1/polls/scheduled", OPERATOR, priorityPoll("scheduled")).status).isEqualTo(201);
        plain.openPoll(priorityPoll("closed"));
        assertThat(plain.send(HttpMethod.POST, "/v1/polls/closed/close", OPERATOR, null, null).status)
            .isEqualTo(200);
        plain.openPoll(priorityPoll("embargoed").put("publication", "at-close"));
        plain.openPoll(paperPoll("paper"));
        plain.openPoll(opinionPoll("ideas", true));
        plain.openPoll(opinionPoll("open-ideas", false));
        tight = new TestServer(directory("tight"), config -> new UrneConfig(config.http(),
            new UrneConfig.Journal(config.journal().dir(), "fsync", 4096, config.journal().minFreeBytes()),
            config.polls(), config.security(), config.limits(), config.rateLimit(), new UrneConfig.Tally(60_000, 4096),
            config.management(), config.publicReads(), config.embedding()));
        tight.openPoll(priorityPoll("busy"));
        full = new TestServer(directory("full"), config -> new UrneConfig(config.http(),
            new UrneConfig.Journal(config.journal().dir(), "page-cache", config.journal().ringCapacity(),
                Long.MAX_VALUE / 2), config.polls(), config.security(), config.limits(),
            new UrneConfig.RateLimit(0.001, 2), config.tally(), config.management(),
            new UrneConfig.PublicReads(0.001, 2, config.publicReads().maxClients(),
                config.publicReads().trustedProxies()), config.embedding()));
    }

    @AfterAll
    static void stop()
    {
        plain.close();
        tight.close();
        full.close();
    }

    @ParameterizedTest
    @EnumSource(ProblemType.class)
    void eachCauseIsAnsweredWithItsType(final ProblemType type) throws Exception
    {
        final Answer answer = drive(type);
        if (answer == null)
        {
            assertThat(UNREACHABLE).as(type + " is driven by no request, so it must say why").containsKey(type);
            return;
        }
        assertThat(UNREACHABLE).as(type + " is driven, so it is not unreachable").doesNotContainKey(type);
        assertThat(answer.status).as(answer.toString()).isEqualTo(type.status());
        assertThat(answer.contentType).as(answer.toString()).isEqualTo("application/problem+json");
        final JsonObject problem = new JsonObject(answer.body);
        assertThat(problem.getString("type")).as(answer.toString()).isEqualTo("/problems/" + type.slug());
        assertThat(problem.getString("title")).isEqualTo(type.title());
        assertThat(problem.getInteger("status")).isEqualTo(type.status());
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(openApi.errors("Problem", answer.body)).as("the OpenAPI document's Problem schema").isEmpty();
        if (type.retry().sameBallotId() && !answer.batchLine)
        {
            assertThat(answer.retryAfter).as(type + " asks for a retry, so it says when").isNotNull();
        }
    }

    @Test
    void everyTypeHasItsPageAndAnUnknownNameIsA404Problem()
    {
        for (final ProblemType type : ProblemType.values())
        {
            final Response page = plain.get(type.uri());
            assertThat(page.status).as(type.uri()).isEqualTo(200);
            assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(page.body).contains("<h1>" + type.title() + "</h1>").contains(Integer.toString(type.status()))
                .contains(type.uri()).contains(type.retry().advice());
        }
        final Response unknown = plain.get("/problems/no-such-type");
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.json().getString("type")).isEqualTo(ProblemType.NOT_FOUND.uri());
    }

    @Test
    void namesAreStableAndUnique()
    {
        assertThat(ProblemType.values()).extracting(ProblemType::slug).doesNotHaveDuplicates()
            .allMatch(slug -> slug.matches("[a-z]+(-[a-z]+)*"));
    }

    /** The answer to the request that causes {@code type}, or null when no request can cause it on purpose. */
    private static Answer drive(final ProblemType type) throws Exception
    {
        return switch (type)
        {
            case MALFORMED_REQUEST -> raw("GET / HTTP/1.1\r\nHost: x\r\nbroken header line\r\n\r\n");
            case INVALID_JSON -> of(plain.postJson("/v1/polls/open/ballots", PLATFORM, "{\"ballotId\": "));
            case INVALID_FIELDS -> of(plain.postJson("/v1/polls/open/ballots", PLATFORM,
                ballot("f-1", "u-1", 14).put("ballotId", 1)));
            case EMPTY_BATCH -> of(plain.postJson("/v1/polls/open/ballots/batch", PLATFORM, "[]"));
            case UNAUTHORIZED -> of(plain.postJson("/v1/polls/open/ballots", null, ballot("a-1", "u-1", 14)));
            case FORBIDDEN -> of(plain.putJson("/v1/polls/other", PLATFORM, priorityPoll("other")));
            case CHANNEL_NOT_ALLOWED -> of(plain.postJson("/v1/polls/open/ballots", PLATFORM,
                ballot("c-1", "u-1", 14).put("channel", "paper")));
            case NOT_FOUND -> of(plain.get("/no/such/page"));
            case UNKNOWN_POLL -> of(plain.postJson("/v1/polls/nowhere/ballots", PLATFORM, ballot("n-1", "u-1", 14)));
            case UNKNOWN_RECEIPT -> of(plain.get("/v1/polls/open/receipts/0123456789abcdef0123456789abcdef"));
            case METHOD_NOT_ALLOWED -> of(plain.send(HttpMethod.DELETE, "/v1/polls/open", OPERATOR, null, null));
            case POLL_NOT_OPEN -> of(plain.postJson("/v1/polls/scheduled/ballots", PLATFORM, ballot("s-1", "u-1", 14)));
            case BALLOT_ID_CONFLICT -> conflict();
            case POLL_DEFINITION_CONFLICT -> of(plain.putJson("/v1/polls/open", OPERATOR,
                priorityPoll("open").put("title", "Another title")));
            case POLL_ALREADY_CLOSED -> of(plain.send(HttpMethod.POST, "/v1/polls/closed/open", OPERATOR, null, null));
            case PAYLOAD_TOO_LARGE -> of(plain.postJson("/v1/polls/open/ballots", PLATFORM,
                ballot("l-1", "v".repeat(70_000), 14)));
            case BATCH_TOO_LARGE -> of(plain.postJson("/v1/polls/open/ballots/batch", PLATFORM,
                "[" + "{},".repeat(plain.config.limits().batchBallots()) + "{}]"));
            case RECORD_TOO_LARGE -> of(tight.putJson("/v1/polls/wordy", OPERATOR,
                priorityPoll("wordy").put("title", "t".repeat(1_000))));
            case URI_TOO_LONG -> raw("GET /" + "u".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            case UNSUPPORTED_MEDIA_TYPE -> of(plain.send(HttpMethod.POST, "/v1/polls/open/ballots", PLATFORM,
                "text/plain", ballot("m-1", "u-1", 14)));
            case INVALID_BALLOT -> of(plain.postJson("/v1/polls/open/ballots", PLATFORM, ballot("i-1", "u-1", 99)));
            case INVALID_POLL_DEFINITION -> of(plain.putJson("/v1/polls/bad", OPERATOR,
                priorityPoll("bad").put("maxSelections", 9)));
            case INVALID_TALLY_SHEET -> of(plain.putJson("/v1/polls/open/tally-sheets/s-1", OPERATOR,
                new JsonObject().put("stand", "Stand").put("channel", "paper").put("ballots", 10)
                    .put("counts", new JsonObject().put("99", 3))));
            case RATE_LIMITED -> rateLimited();
            case CLIENT_RATE_LIMITED -> clientRateLimited();
            case INVALID_PREFLIGHT -> of(plain.send(HttpMethod.OPTIONS, "/v1/polls", null, null, null));
            case ORIGIN_NOT_ALLOWED -> of(plain.send(HttpMethod.OPTIONS, "/v1/polls", null, null, null,
                MultiMap.caseInsensitiveMultiMap().add("Origin", "https://elsewhere.example")
                    .add("Access-Control-Request-Method", "GET")));
            case HEADERS_TOO_LARGE -> raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(17_000) + "\r\n\r\n");
            case JOURNAL_BUSY -> journalBusy();
            case JOURNAL_FULL -> of(full.putJson("/v1/polls/anything", OPERATOR, priorityPoll("anything")));
            case JOURNAL_UNAVAILABLE -> journalClosed();
            case RESULTS_NOT_PUBLISHED -> resultsNotPublished();
            case NOT_READY -> notReady();
            case POLL_SEALED -> sealedTwice();
            case POLL_NOT_CLOSED -> of(plain.send(HttpMethod.POST, "/v1/polls/open/seal", OPERATOR, null, null));
            case SHEETS_CLOSED -> of(plain.putJson("/v1/polls/closed/tally-sheets/s-1", OPERATOR,
                new JsonObject().put("stand", "Stand").put("channel", "paper").put("ballots", 10)
                    .put("counts", new JsonObject().put("14", 3))));
            case RESULTS_EMBARGOED -> of(plain.get("/v1/polls/embargoed/results.csv"));
            case POLL_NOT_SEALED -> of(plain.get("/v1/polls/open/seal"));
            case STAND_NOT_ALLOWED -> of(plain.putJson("/v1/polls/paper/tally-sheets/s-1", AGENT_JAUDE,
                sheet("gare")));
            case BOX_ENTERED_OTHERWISE -> boxEnteredTwice();
            case NOT_ANNULLABLE -> of(plain.send(HttpMethod.POST, "/v1/polls/open/ballots/" + plain.postJson(
                "/v1/polls/open/ballots", PLATFORM, ballot("d-1", "u-1", 14)).json().getString("receipt") + "/annul",
                OPERATOR, null, null));
            case UNKNOWN_SHEET -> of(plain.get("/v1/polls/open/tally-sheets/none", OPERATOR));
            case ITEMS_FIXED -> of(plain.postJson("/v1/polls/open/items", OPERATOR, idea("Un banc")));
            case DUPLICATE_ITEM -> of(plain.postJson("/v1/polls/ideas/items", OPERATOR, idea("Des arbres")
                .put("subject", "Nature")));
            case PROPOSALS_CLOSED -> of(plain.postJson("/v1/polls/open-ideas/items", PLATFORM,
                idea("Un banc").put("voter", "u-1")));
            case INVALID_ITEM -> of(plain.postJson("/v1/polls/ideas/items", OPERATOR,
                idea("Un banc").put("link", "javascript:alert(1)")));
            case UNKNOWN_ITEM -> of(plain.postJson("/v1/polls/ideas/items/999/status", OPERATOR,
                new JsonObject().put("status", "hidden")));
            case ITEM_NOT_PUBLISHED -> hiddenItemVotedOn();
            case UNKNOWN_ASSEMBLY, UNKNOWN_ROUND, INVALID_ASSEMBLY, INVALID_ROUND, INVALID_VOTE, NOT_A_MEMBER,
                MEMBER_NOT_PRESENT, ROUND_CLOSED, ROUND_STILL_OPEN, VERSION_SUPERSEDED, DEVICE_CODE_ATTEMPTS,
                DEVICE_REPLACED ->
                of(AssemblyProblems.cause(plain, type));
            case NOT_OPINION_POLL -> of(plain.get("/v1/polls/open/items/14/arguments?stance=for"));
            case UNKNOWN_ARGUMENT -> of(plain.postJson("/v1/polls/" + opinions() + "/arguments/99999/hide", OPERATOR,
                new JsonObject().put("reason", "spam")));
            case ARGUMENT_HIDDEN -> twice(argument("h-1") + "/hide", new JsonObject().put("reason", "spam"));
            case ARGUMENT_ERASED -> twice(argument("e-1") + "/erase", null);
            case SUBMISSION_FAILED, INTERNAL_ERROR, CLUSTER_UNAVAILABLE, SEAL_OUTDATED -> null;
        };
    }

    private static JsonObject idea(final String title)
    {
        return new JsonObject().put("title", title);
    }

    /** An item added, hidden by moderation, then an opinion on it. */
    private static Answer hiddenItemVotedOn()
    {
        final Response added = plain.postJson("/v1/polls/ideas/items", OPERATOR, idea("Un texte injurieux"));
        assertThat(added.status).as(added.body).isEqualTo(201);
        final int item = added.json().getInteger("id");
        assertThat(plain.postJson("/v1/polls/ideas/items/" + item + "/status", OPERATOR,
            new JsonObject().put("status", "hidden").put("reason", "injurieux")).status).isEqualTo(200);
        return of(plain.postJson("/v1/polls/ideas/ballots", PLATFORM, new JsonObject().put("ballotId", "h-1")
            .put("voter", "u-1").put("item", item).put("choice", "for")));
    }

    /** The opinion poll of the arguments' problems, defined and opened on first use. */
    private static String opinions()
    {
        if (plain.get("/v1/polls/opinions").status == 404)
        {
            plain.openPoll(priorityPoll("opinions").put("kind", "opinion").putNull("minSelections")
                .putNull("maxSelections"));
        }
        return "opinions";
    }

    /** The path of a new argument of the opinion poll, once it is published. */
    private static String argument(final String ballotId) throws InterruptedException
    {
        final Response cast = plain.postJson("/v1/polls/" + opinions() + "/ballots", PLATFORM, new JsonObject()
            .put("ballotId", ballotId).put("voter", ballotId).put("item", 14).put("choice", "for")
            .put("argument", "Un argument."));
        assertThat(cast.status).as(cast.toString()).isEqualTo(202);
        plain.resultsAt("opinions", cast.json().getLong("position"));
        return "/v1/polls/opinions/arguments/" + cast.json().getLong("position");
    }

    /** The second of two operators' posts: the first is taken, the second refused. */
    private static Answer twice(final String path, final JsonObject body)
    {
        final Response first = body == null ? plain.send(HttpMethod.POST, path, OPERATOR, null, null) :
            plain.postJson(path, OPERATOR, body);
        assertThat(first.status).as(first.toString()).isEqualTo(200);
        return of(body == null ? plain.send(HttpMethod.POST, path, OPERATOR, null, null) :
            plain.postJson(path, OPERATOR, body));
    }

    /** Stand gare's box typed, then a tally sheet for it. */
    private static Answer boxEnteredTwice()
    {
        assertThat(plain.postJson("/v1/polls/paper/ballots", OPERATOR, ballot("g-1", "u-1", 14)
            .put("channel", "paper").put("stand", "gare")).status).isEqualTo(202);
        return of(plain.putJson("/v1/polls/paper/tally-sheets/gare", OPERATOR, sheet("gare")));
    }

    private static JsonObject sheet(final String stand)
    {
        return new JsonObject().put("stand", stand).put("ballots", 10).put("counts", new JsonObject().put("14", 3));
    }

    /** A poll closed, sealed (201), then sealed again. */
    private static Answer sealedTwice() throws Exception
    {
        plain.openPoll(priorityPoll("sealed"));
        assertThat(plain.send(HttpMethod.POST, "/v1/polls/sealed/close", OPERATOR, null, null).status).isEqualTo(200);
        Response first = null;
        for (int attempt = 0; attempt < 100 && (first == null || first.status == 503); attempt++)
        {
            // The results since the close are published within tally.publishIntervalMillis.
            Thread.sleep(first == null ? 0 : 20);
            first = plain.send(HttpMethod.POST, "/v1/polls/sealed/seal", OPERATOR, null, null);
        }
        assertThat(first.status).as(first.toString()).isEqualTo(201);
        return of(plain.send(HttpMethod.POST, "/v1/polls/sealed/seal", OPERATOR, null, null));
    }

    private static Answer conflict()
    {
        assertThat(plain.postJson("/v1/polls/open/ballots", PLATFORM, ballot("twice", "u-2", 14)).status)
            .isEqualTo(202);
        return of(plain.postJson("/v1/polls/open/ballots", PLATFORM, ballot("twice", "u-2", 21)));
    }

    /**
     * The full server's limit is 2 requests per token, then one every 1,000 s: the third request of the paper
     * kiosk's token is refused (the operator's token is left for {@code journal-full}).
     */
    private static Answer rateLimited()
    {
        Response last = null;
        for (int i = 0; i < 3; i++)
        {
            last = full.postJson("/v1/polls/anything/ballots", PAPER_PLATFORM, ballot("r-" + i, "u-1", 14));
        }
        return of(last);
    }

    /** The full server lets a client read twice, then once every 1,000 s: the third read is refused. */
    private static Answer clientRateLimited()
    {
        Response last = null;
        for (int i = 0; i < 3; i++)
        {
            last = full.get("/v1/polls");
        }
        return of(last);
    }

    /**
     * A batch of 1,000 ballots against a 4 KiB ring synced to disk: the ring holds some thirty records and the batch
     * puts 256 in flight at once, so some lines are refused until the writer catches up.
     */
    private static Answer journalBusy()
    {
        final JsonArray batch = new JsonArray();
        for (int i = 0; i < 1_000; i++)
        {
            batch.add(ballot("busy-" + i, "voter-" + i, 14));
        }
        final Response answer = tight.postJson("/v1/polls/busy/ballots/batch", PLATFORM, batch);
        assertThat(answer.status).as(answer.toString()).isEqualTo(200);
        for (final Object line : new JsonArray(answer.body))
        {
            final JsonObject result = (JsonObject)line;
            if (result.containsKey("type"))
            {
                return new Answer(result.getInteger("status"), "application/problem+json", result.encode(), null, true);
            }
        }
        throw new AssertionError("no line of the batch met a full ring");
    }

    /** A poll defined after the tight server's last snapshot: published within a minute, not now. */
    private static Answer resultsNotPublished()
    {
        assertThat(tight.putJson("/v1/polls/late", OPERATOR, priorityPoll("late")).status).isEqualTo(201);
        return of(tight.get("/v1/polls/late/results"));
    }

    /** A server that stopped serving, as {@code UrneServer.stop()} does first: not ready, and writes wait. */
    private static Answer notReady() throws Exception
    {
        try (TestServer stopping = new TestServer(directory("stopping"), config -> config))
        {
            stopping.openPoll(priorityPoll("stopping"));
            stopping.server.edge().serving(false);
            final Answer ready = of(stopping.get("/health/ready"));
            assertThat(ready.status).as(ready.toString()).isEqualTo(503);
            assertThat(new JsonObject(ready.body).getString("type")).isEqualTo(ProblemType.NOT_READY.uri());
            return of(stopping.postJson("/v1/polls/stopping/ballots", PLATFORM, ballot("s-1", "u-1", 14)));
        }
    }

    private static Answer journalClosed() throws Exception
    {
        try (TestServer closing = new TestServer(directory("closing"), config -> config))
        {
            closing.openPoll(priorityPoll("closing"));
            closing.server.journal().close();
            return of(closing.postJson("/v1/polls/closing/ballots", PLATFORM, ballot("j-1", "u-1", 14)));
        }
    }

    private static Path directory(final String name) throws IOException
    {
        return Files.createDirectories(root.resolve(name));
    }

    private static Answer raw(final String request) throws Exception
    {
        final RawHttp.Reply reply = RawHttp.exchange(plain.server.port(), request.getBytes(StandardCharsets.UTF_8));
        return new Answer(reply.status(), reply.contentType(), reply.body(), null, false);
    }

    private static Answer of(final Response response)
    {
        final MultiMap headers = response.headers;
        return new Answer(response.status, headers.get("Content-Type"), response.body, headers.get("Retry-After"),
            false);
    }

    /** One problem answer, whole or as one line of a batch (which has no headers of its own). */
    private record Answer(int status, String contentType, String body, String retryAfter, boolean batchLine)
    {
    }
}
