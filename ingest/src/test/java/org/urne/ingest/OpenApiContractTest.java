package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.AGENT_ANY;
import static org.urne.ingest.TestServer.AGENT_JAUDE;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.opinionPoll;
import static org.urne.ingest.TestServer.paperPoll;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;
import org.urne.ingest.http.ApiRouter;
import org.urne.ingest.problem.ProblemType;

/**
 * The OpenAPI document against the server: (a) its operations are exactly the router's routes (plus the one route
 * taken before the router), (b) every JSON example of docs/api.md fits the schema it is marked with, (c) real
 * answers of a test server, good and bad, are declared by the operation they come from (status, media type,
 * headers) and fit its schema.
 */
class OpenApiContractTest
{
    /**
     * Router routes that are not API operations: the results page's static files (CSS, JavaScript, icons), served
     * by name under any path the router did not take before.
     */
    private static final Set<String> NOT_OPERATIONS = Set.of("GET /*");
    private static final Pattern PARAMETER = Pattern.compile(":([A-Za-z]+)");

    @TempDir
    static Path root;
    static TestServer urne;
    static OpenApiSchemas openApi;

    @BeforeAll
    static void start() throws Exception
    {
        urne = new TestServer(root, config -> config);
        openApi = new OpenApiSchemas();
    }

    @AfterAll
    static void stop()
    {
        urne.close();
    }

    @Test
    void theDocumentHasExactlyTheRoutersRoutes()
    {
        final Vertx vertx = Vertx.vertx();
        try
        {
            final Router router = ApiRouter.build(vertx, urne.server.edge());
            final Set<String> routes = new TreeSet<>(ApiRouter.TAKEN_BEFORE_ROUTER.keySet());
            for (final Route route : router.getRoutes())
            {
                if (route.getPath() == null || route.methods() == null)
                {
                    continue;
                }
                final String path = PARAMETER.matcher(route.getPath()).replaceAll("{$1}") +
                    (route.isExactPath() ? "" : "*");
                for (final HttpMethod method : route.methods())
                {
                    routes.add(method.name() + " " + path);
                }
            }
            routes.removeAll(NOT_OPERATIONS);
            assertThat(new TreeSet<>(openApi.operations()))
                .as("the OpenAPI document's operations (docs/openapi.json) against the router's routes (ApiRouter)")
                .isEqualTo(routes);
        }
        finally
        {
            vertx.close();
        }
    }

    @Test
    void theProblemTypesEnumIsTheCatalogue()
    {
        final JsonArray types = openApi.document.getJsonObject("components").getJsonObject("schemas")
            .getJsonObject("Problem").getJsonObject("properties").getJsonObject("type").getJsonArray("enum");
        final List<String> catalogue = new ArrayList<>();
        for (final ProblemType type : ProblemType.values())
        {
            catalogue.add(type.uri());
        }
        assertThat(types.getList()).isEqualTo(catalogue);
    }

    @Test
    void theServedDocumentIsDocsOpenApiJson() throws Exception
    {
        final Response served = urne.get("/v1/openapi.json");
        assertThat(served.status).isEqualTo(200);
        assertThat(served.body).isEqualTo(Files.readString(ApiDocs.file("openapi.json")));
        assertThat(served.header("ETag")).isNotBlank();
        assertThat(served.header("Cache-Control")).isEqualTo("public, no-cache");
        final Response again = urne.send(HttpMethod.GET, "/v1/openapi.json", null, null, null,
            MultiMap.caseInsensitiveMultiMap().add("If-None-Match", served.header("ETag")));
        assertThat(again.status).isEqualTo(304);
        assertThat(again.body).isEmpty();
    }

    @Test
    void everyExampleOfTheContractFitsItsSchema()
    {
        int checked = 0;
        for (final ApiDocs.Block block : ApiDocs.blocks("api.md"))
        {
            if (!block.language().equals("json") && !block.language().equals("ndjson"))
            {
                continue;
            }
            assertThat(block.note()).as(block.where() + ": a JSON example says its schema, <!-- schema: Name -->")
                .isNotNull().startsWith("schema: ");
            final String schema = block.note().substring("schema: ".length()).split(",")[0].trim();
            final List<String> documents = block.language().equals("ndjson") ? block.code().lines().toList() :
                List.of(block.code());
            for (final String document : documents)
            {
                assertThat(openApi.errors(schema, document)).as(block.where() + " against " + schema).isEmpty();
                checked++;
            }
        }
        assertThat(checked).as("examples checked").isGreaterThan(20);
    }

    @Test
    void aSchemaRefusesWhatTheServerRefuses()
    {
        assertThat(openApi.errors("Ballot", "{\"ballotId\": \"b-1\", \"voter\": \"u-1\", \"receipt\": \"x\"}"))
            .as("a field only the server sets").isNotEmpty();
        assertThat(openApi.errors("Problem", "{\"type\": \"https://urne.org/problems/409\", \"title\": \"Conflict\", "
            + "\"status\": 409, \"detail\": \"d\"}")).as("a type outside the catalogue").isNotEmpty();
    }

    @Test
    void realAnswersAreDeclaredAndFitTheirSchemas() throws Exception
    {
        final String poll = "contract";
        final JsonObject definition = priorityPoll(poll);
        final String polls = "/v1/polls/" + poll;
        check("PUT", "/v1/polls/{pollId}", urne.putJson(polls, OPERATOR, definition), 201);
        check("PUT", "/v1/polls/{pollId}", urne.putJson(polls, OPERATOR, definition), 200);
        check("PUT", "/v1/polls/{pollId}", urne.putJson(polls, OPERATOR, definition.copy().put("title", "x")), 409);
        check("PUT", "/v1/polls/{pollId}", urne.putJson("/v1/polls/other", OPERATOR,
            priorityPoll("other").put("maxSelections", 9)), 422);
        check("PUT", "/v1/polls/{pollId}", urne.putJson("/v1/polls/other", OPERATOR, "{\"title\": 1}"), 400);
        check("PUT", "/v1/polls/{pollId}", urne.putJson("/v1/polls/other", null, definition), 401);
        check("PUT", "/v1/polls/{pollId}", urne.putJson("/v1/polls/other", PLATFORM, definition), 403);
        check("PUT", "/v1/polls/{pollId}", urne.send(HttpMethod.PUT, "/v1/polls/other", OPERATOR, "text/plain",
            definition), 415);
        check("PUT", "/v1/polls/{pollId}", urne.putJson("/v1/polls/other", OPERATOR,
            definition.copy().put("title", "t".repeat(1_100_000))), 413);
        check("POST", "/v1/polls/{pollId}/open", urne.send(HttpMethod.POST, polls + "/open", OPERATOR, null, null),
            200);
        check("POST", "/v1/polls/{pollId}/open", urne.send(HttpMethod.POST, "/v1/polls/none/open", OPERATOR, null,
            null), 404);
        check("POST", "/v1/polls/{pollId}/close", urne.send(HttpMethod.POST, polls + "/close", PLATFORM, null, null),
            403);
        check("GET", "/v1/polls", urne.get("/v1/polls"), 200);
        check("GET", "/v1/polls/{pollId}", urne.get(polls), 200);
        check("GET", "/v1/polls/{pollId}", urne.get("/v1/polls/none"), 404);

        final String ballots = polls + "/ballots";
        final Response accepted = urne.postJson(ballots, PLATFORM, ballot("c-1", "u-1", 14, 21));
        check("POST", "/v1/polls/{pollId}/ballots", accepted, 202);
        check("POST", "/v1/polls/{pollId}/ballots", urne.postJson(ballots, PLATFORM, ballot("c-1", "u-1", 20)), 409);
        check("POST", "/v1/polls/{pollId}/ballots", urne.postJson(ballots, PLATFORM, ballot("c-2", "u-2", 99)), 422);
        check("POST", "/v1/polls/{pollId}/ballots", urne.postJson(ballots, PLATFORM, "{\"ballotId\": 2}"), 400);
        check("POST", "/v1/polls/{pollId}/ballots", urne.postJson(ballots, null, ballot("c-3", "u-3", 14)), 401);
        check("POST", "/v1/polls/{pollId}/ballots", urne.postJson(ballots, PLATFORM,
            ballot("c-3", "u-3", 14).put("channel", "paper")), 403);
        check("POST", "/v1/polls/{pollId}/ballots", urne.postJson("/v1/polls/none/ballots", PLATFORM,
            ballot("c-3", "u-3", 14)), 404);
        check("POST", "/v1/polls/{pollId}/ballots", urne.postJson(ballots, PLATFORM,
            ballot("c-3", "v".repeat(70_000), 14)), 413);
        check("POST", "/v1/polls/{pollId}/ballots", urne.send(HttpMethod.POST, ballots, PLATFORM, "text/plain",
            ballot("c-3", "u-3", 14)), 415);
        final String batch = ballots + "/batch";
        check("POST", "/v1/polls/{pollId}/ballots/batch", urne.postJson(batch, PLATFORM,
            new JsonArray().add(ballot("c-4", "u-4", 14)).add(ballot("c-5", "u-5", 99))), 200);
        check("POST", "/v1/polls/{pollId}/ballots/batch", urne.send(HttpMethod.POST, batch, PLATFORM,
            "application/x-ndjson", ballot("c-6", "u-6", 7).encode() + "\n"), 200);
        check("POST", "/v1/polls/{pollId}/ballots/batch", urne.postJson(batch, PLATFORM, "[]"), 400);
        check("POST", "/v1/polls/{pollId}/ballots/batch", urne.postJson(batch, OPERATOR,
            "[" + "{},".repeat(urne.config.limits().batchBallots()) + "{}]"), 413);

        final String order = polls + "/order";
        final Response shown = urne.postJson(order, PLATFORM, new JsonObject().put("voter", "u-1842"));
        check("POST", "/v1/polls/{pollId}/order", shown, 200);
        assertThat(urne.postJson(order, PLATFORM, new JsonObject().put("voter", "u-1842")).json())
            .as("the same voter, the same order").isEqualTo(shown.json());
        assertThat(shown.headers.get("Cache-Control")).isEqualTo("no-store");
        check("POST", "/v1/polls/{pollId}/order", urne.postJson(order, PLATFORM, new JsonObject()), 400);
        check("POST", "/v1/polls/{pollId}/order", urne.postJson(order, null, new JsonObject().put("voter", "u")), 401);
        check("POST", "/v1/polls/{pollId}/order", urne.postJson("/v1/polls/none/order", PLATFORM,
            new JsonObject().put("voter", "u")), 404);

        final String receipt = accepted.json().getString("receipt");
        check("GET", "/v1/polls/{pollId}/receipts/{receipt}", urne.get(polls + "/receipts/" + receipt), 200);
        check("GET", "/v1/polls/{pollId}/receipts/{receipt}", urne.get(polls + "/receipts/nope"), 404);
        final JsonObject sheet = new JsonObject().put("stand", "Stand").put("channel", "paper").put("ballots", 40)
            .put("counts", new JsonObject().put("14", 12));
        final String sheets = "/v1/polls/{pollId}/tally-sheets/{sheetId}";
        final Response recorded = urne.putJson(polls + "/tally-sheets/s-1", OPERATOR, sheet);
        check("PUT", sheets, recorded, 202);
        check("PUT", sheets, urne.putJson(polls + "/tally-sheets/s-2", OPERATOR,
            sheet.copy().put("counts", new JsonObject().put("99", 1))), 422);
        check("PUT", sheets, urne.putJson("/v1/polls/none/tally-sheets/s-1", OPERATOR, sheet), 404);

        urne.resultsAt(poll, recorded.json().getLong("position"));
        checkCached("/v1/polls/{pollId}/results", polls + "/results");
        checkCached("/v1/polls/{pollId}/results.csv", polls + "/results.csv");
        check("GET", "/v1/polls/{pollId}/results", urne.get("/v1/polls/none/results"), 404);
        checkCached("/v1/openapi.json", "/v1/openapi.json");
        check("GET", "/problems/{name}", urne.get(ProblemType.POLL_NOT_OPEN.uri()), 200);
        check("GET", "/problems/{name}", urne.get("/problems/none"), 404);
        check("GET", "/health/live", urne.get("/health/live"), 200);
        check("GET", "/health/ready", urne.get("/health/ready"), 200);
        check("GET", "/metrics", urne.send(HttpMethod.GET, "/metrics", OPERATOR, null, null), 200);
        check("GET", "/metrics", urne.get("/metrics"), 401);
        check("OPTIONS", "/v1/polls", urne.send(HttpMethod.OPTIONS, "/v1/polls", null, null, null), 400);
        check("OPTIONS", "/v1/polls/{pollId}/results", urne.send(HttpMethod.OPTIONS, polls + "/results", null, null,
            null, MultiMap.caseInsensitiveMultiMap().add("Origin", "https://elsewhere.example")
                .add("Access-Control-Request-Method", "GET")), 403);
        check("GET", "/embed/{pollId}", urne.get(polls.replace("/v1/polls", "/embed")), 200);
        check("GET", "/embed/{pollId}", urne.get("/embed/none"), 404);
        checkCached("/", "/");
        checkCached("/polls/{pollId}", polls.substring("/v1".length()));
        check("POST", "/v1/polls/{pollId}/close", urne.send(HttpMethod.POST, polls + "/close", OPERATOR, null, null),
            200);
        check("POST", "/v1/polls/{pollId}/ballots", urne.postJson(ballots, PLATFORM, ballot("c-9", "u-9", 14)), 409);
        checkSealing(poll);
        checkPaper();
        checkItems();
        checkArguments();
    }

    /** The item routes of an opinion poll: additions, refusals, moderation, and the poll and results that show them. */
    private static void checkItems() throws InterruptedException
    {
        urne.openPoll(opinionPoll("ideas", true));
        final String items = "/v1/polls/{pollId}/items";
        final Response added = urne.postJson("/v1/polls/ideas/items", PLATFORM, new JsonObject()
            .put("title", "Des fontaines").put("subject", "Nature").put("description", "Une par quartier.")
            .put("link", "https://example.org/fontaines").put("voter", "u-1"));
        check("POST", items, added, 201);
        check("POST", items, urne.postJson("/v1/polls/ideas/items", OPERATOR, new JsonObject()
            .put("title", "des fontaines").put("subject", "Nature")), 409);
        check("POST", items, urne.postJson("/v1/polls/ideas/items", OPERATOR, new JsonObject().put("title", " ")), 422);
        check("POST", items, urne.postJson("/v1/polls/ideas/items", OPERATOR, "{\"title\": 1}"), 400);
        check("POST", items, urne.postJson("/v1/polls/ideas/items", AGENT_JAUDE, new JsonObject().put("title", "x")),
            403);
        check("POST", items, urne.postJson("/v1/polls/none/items", OPERATOR, new JsonObject().put("title", "x")), 404);
        final String status = "/v1/polls/{pollId}/items/{itemId}/status";
        final String hide = "/v1/polls/ideas/items/" + added.json().getInteger("id") + "/status";
        check("POST", status, urne.postJson(hide, OPERATOR, new JsonObject().put("status", "hidden")
            .put("reason", "doublon")), 200);
        check("POST", status, urne.postJson("/v1/polls/ideas/items/99/status", OPERATOR,
            new JsonObject().put("status", "hidden")), 404);
        check("POST", status, urne.postJson(hide, PLATFORM, new JsonObject().put("status", "published")), 403);
        check("POST", status, urne.postJson("/v1/polls/contract/items/14/status", OPERATOR,
            new JsonObject().put("status", "hidden")), 409);
        check("GET", "/v1/polls/{pollId}", urne.get("/v1/polls/ideas"), 200);
        final long position = urne.postJson("/v1/polls/ideas/ballots", PLATFORM, new JsonObject()
            .put("ballotId", "i-1").put("voter", "u-2").put("item", 1).put("choice", "for")).json().getLong("position");
        urne.resultsAt("ideas", position);
        check("GET", "/v1/polls/{pollId}/results", urne.get("/v1/polls/ideas/results"), 200);
    }

    /** An opinion poll's arguments: the public list and its mistakes. */
    private static void checkArguments() throws InterruptedException
    {
        urne.openPoll(priorityPoll("opinion").put("kind", "opinion").putNull("minSelections")
            .putNull("maxSelections"));
        final String polls = "/v1/polls/opinion";
        final Response argued = urne.postJson(polls + "/ballots", PLATFORM, new JsonObject().put("ballotId", "o-1")
            .put("voter", "u-1").put("item", 14).put("choice", "for").put("argument", "Plus d'ombre en été."));
        check("POST", "/v1/polls/{pollId}/ballots", argued, 202);
        urne.resultsAt("opinion", argued.json().getLong("position"));
        checkCached("/v1/polls/{pollId}/results", polls + "/results");
        final String list = "/v1/polls/{pollId}/items/{item}/arguments";
        check("GET", list, urne.get(polls + "/items/14/arguments?stance=for"), 200);
        check("GET", list, urne.get(polls + "/items/14/arguments?stance=pour"), 400);
        check("GET", list, urne.get(polls + "/items/99/arguments?stance=for"), 404);
        check("GET", list, urne.get("/v1/polls/paper/items/14/arguments?stance=for"), 404);
        check("OPTIONS", list, urne.send(HttpMethod.OPTIONS, polls + "/items/14/arguments", null, null, null), 400);
        final String argument = polls + "/arguments/" + argued.json().getLong("position");
        final JsonObject reason = new JsonObject().put("reason", "Hors sujet.");
        final String hide = "/v1/polls/{pollId}/arguments/{argumentId}/hide";
        check("POST", hide, urne.postJson(argument + "/hide", OPERATOR, new JsonObject()), 400);
        check("POST", hide, urne.postJson(argument + "/hide", PLATFORM, reason), 403);
        check("POST", hide, urne.postJson(argument + "/hide", null, reason), 401);
        check("POST", hide, urne.postJson(polls + "/arguments/99999/hide", OPERATOR, reason), 404);
        check("POST", hide, urne.postJson(argument + "/hide", OPERATOR, reason), 200);
        check("POST", hide, urne.postJson(argument + "/hide", OPERATOR, reason), 409);
        final String erase = "/v1/polls/{pollId}/arguments/{argumentId}/erase";
        check("POST", erase, urne.send(HttpMethod.POST, argument + "/erase", OPERATOR, null, null), 200);
        check("POST", erase, urne.send(HttpMethod.POST, argument + "/erase", OPERATOR, null, null), 409);
        check("POST", erase, urne.send(HttpMethod.POST, polls + "/arguments/x/erase", OPERATOR, null, null), 404);
    }

    /** The paper routes: a typed ballot and its annulment, double entry in dispute, the stands, who a token is. */
    private static void checkPaper() throws InterruptedException
    {
        urne.openPoll(paperPoll("paper"));
        final String polls = "/v1/polls/paper";
        final Response typed = urne.postJson(polls + "/ballots", AGENT_JAUDE, ballot("p-1", "u-1", 14)
            .put("channel", "paper").put("stand", "jaude"));
        check("POST", "/v1/polls/{pollId}/ballots", typed, 202);
        final String annul = "/v1/polls/{pollId}/ballots/{receipt}/annul";
        final String annulPath = polls + "/ballots/" + typed.json().getString("receipt") + "/annul";
        check("POST", annul, urne.send(HttpMethod.POST, annulPath, AGENT_ANY, null, null), 202);
        check("POST", annul, urne.send(HttpMethod.POST, annulPath, AGENT_ANY, null, null), 409);
        check("POST", annul, urne.send(HttpMethod.POST, annulPath, PLATFORM, null, null), 403);
        check("POST", annul, urne.send(HttpMethod.POST, polls + "/ballots/nope/annul", OPERATOR, null, null), 404);
        final JsonObject sheet = new JsonObject().put("stand", "marche").put("ballots", 40).put("blank", 1)
            .put("counts", new JsonObject().put("14", 12));
        final String sheets = "/v1/polls/{pollId}/tally-sheets/{sheetId}";
        check("PUT", sheets, urne.putJson(polls + "/tally-sheets/m-1", AGENT_ANY, sheet), 202);
        check("PUT", sheets, urne.putJson(polls + "/tally-sheets/m-1", OPERATOR, sheet.copy().put("blank", 2)), 202);
        check("PUT", sheets, urne.putJson(polls + "/tally-sheets/m-1", AGENT_JAUDE, sheet), 403);
        check("PUT", sheets, urne.putJson(polls + "/tally-sheets/j-1", OPERATOR, sheet.copy().put("stand", "jaude")),
            409);
        check("GET", sheets, urne.get(polls + "/tally-sheets/m-1", AGENT_ANY), 200);
        check("GET", sheets, urne.get(polls + "/tally-sheets/none", OPERATOR), 404);
        check("GET", sheets, urne.get(polls + "/tally-sheets/m-1", PLATFORM), 403);
        check("GET", "/v1/polls/{pollId}/stands", urne.get(polls + "/stands", AGENT_JAUDE), 200);
        check("GET", "/v1/polls/{pollId}/stands", urne.get(polls + "/stands", PLATFORM), 403);
        check("GET", "/v1/polls/{pollId}/stands", urne.get("/v1/polls/none/stands", OPERATOR), 404);
        check("GET", "/v1/token", urne.get("/v1/token", AGENT_JAUDE), 200);
        check("GET", "/v1/token", urne.get("/v1/token"), 401);
        urne.resultsAt("paper", 0);
        check("GET", "/v1/polls/{pollId}/results", urne.get(polls + "/results?by=stand"), 200);
        check("GET", "/v1/polls/{pollId}/results", urne.get(polls + "/results?by=item"), 400);
        check("GET", "/v1/polls/{pollId}/results.csv", urne.get(polls + "/results.csv?by=stand"), 200);
    }

    /** The routes of the public record and the operators' live results, around the seal of a closed poll. */
    private static void checkSealing(final String poll) throws InterruptedException
    {
        final String polls = "/v1/polls/" + poll;
        final String live = "/v1/polls/{pollId}/results/live";
        final Response counts = urne.send(HttpMethod.GET, polls + "/results/live", OPERATOR, null, null);
        check("GET", live, counts, 200);
        check("GET", live, urne.send(HttpMethod.GET, polls + "/results/live", OPERATOR, null, null,
            MultiMap.caseInsensitiveMultiMap().add("If-None-Match", counts.header("ETag"))), 304);
        check("GET", live, urne.get(polls + "/results/live"), 401);
        check("GET", "/v1/polls/{pollId}/results/live.csv",
            urne.send(HttpMethod.GET, polls + "/results/live.csv", OPERATOR, null, null), 200);
        check("GET", "/v1/polls/{pollId}/seal", urne.get(polls + "/seal"), 404);
        check("GET", "/v1/polls/{pollId}/receipts", urne.get(polls + "/receipts"), 404);
        check("GET", "/v1/polls/{pollId}/commitments", urne.get(polls + "/commitments"), 200);
        check("GET", "/v1/polls/{pollId}/commitments", urne.get("/v1/polls/none/commitments"), 404);
        final String seal = "/v1/polls/{pollId}/seal";
        check("POST", seal, urne.postJson(polls + "/seal", OPERATOR, "{\"reason\": 1}"), 400);
        check("POST", seal, urne.send(HttpMethod.POST, "/v1/polls/none/seal", OPERATOR, null, null), 404);
        Response sealed = urne.send(HttpMethod.POST, polls + "/seal", OPERATOR, null, null);
        for (int attempt = 0; attempt < 200 && sealed.status == 503; attempt++)
        {
            Thread.sleep(10);
            sealed = urne.send(HttpMethod.POST, polls + "/seal", OPERATOR, null, null);
        }
        check("POST", seal, sealed, 201);
        check("POST", seal, urne.send(HttpMethod.POST, polls + "/seal", OPERATOR, null, null), 409);
        check("GET", seal, urne.get(polls + "/seal"), 200);
        check("GET", "/v1/polls/{pollId}/receipts", urne.get(polls + "/receipts"), 200);
    }

    /** A 200 with ETag, then the 304 its ETag gets. */
    private static void checkCached(final String template, final String path)
    {
        final Response first = urne.get(path);
        check("GET", template, first, 200);
        check("GET", template, urne.send(HttpMethod.GET, path, null, null, null,
            MultiMap.caseInsensitiveMultiMap().add("If-None-Match", first.header("ETag"))), 304);
    }

    /** The answer is the status expected, declared by its operation with its media type and headers, and fits. */
    private static void check(final String method, final String template, final Response response, final int status)
    {
        final String where = method + " " + template + " answered " + response;
        assertThat(response.status).as(where).isEqualTo(status);
        final JsonObject declared = openApi.response(method, template, status);
        assertThat(declared).as(where + ": the OpenAPI document declares no " + status + " for it").isNotNull();
        final Set<String> headers = OpenApiSchemas.headers(declared);
        for (final String header : headers)
        {
            assertThat(response.header(header)).as(where + ": declared header " + header).isNotNull();
        }
        for (final String header : List.of("etag", "retry-after", "www-authenticate", "cache-control"))
        {
            if (response.header(header) != null)
            {
                assertThat(headers).as(where + ": the document does not declare its " + header).contains(header);
            }
        }
        final String contentType = response.header("Content-Type");
        if (status == 304)
        {
            assertThat(response.body).as(where).isEmpty();
            return;
        }
        final String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        final JsonObject content = declared.getJsonObject("content");
        assertThat(content).as(where + ": declared media types").isNotNull();
        assertThat(content.fieldNames()).as(where + ": declared media types").contains(mediaType);
        if (mediaType.equals("application/x-ndjson"))
        {
            // OpenAPI 3.1 cannot type the lines of a stream; each is one element of a batch's JSON answer.
            for (final String line : response.body.lines().toList())
            {
                assertThat(openApi.errorsAt("/components/schemas/BatchResult/items", line)).as(where).isEmpty();
            }
        }
        else if (mediaType.endsWith("json"))
        {
            assertThat(openApi.errorsAt(OpenApiSchemas.schemaPointer(method, template, status, mediaType),
                response.body)).as(where).isEmpty();
        }
    }
}
