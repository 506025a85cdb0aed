package org.urne.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.security.TokenAuthenticator;

/**
 * A real Urne server for the results page's browser test: 127.0.0.1, a free port, a journal in a temporary
 * directory, the three demo polls defined through the API ({@code PUT /v1/polls/{pollId}}), and a small client
 * that posts through the public API.
 */
final class ResultsPageServer implements AutoCloseable
{
    static final String VOTATION = "clermont-2022-votation";
    static final String CONSULTATION = "clermont-2022-consultation";
    static final String JUDGMENT = "clermont-2022-jugement";
    private static final List<String> DEMO_POLLS = List.of("1-clermont-2022-votation.json",
        "2-clermont-2022-consultation.json", "3-clermont-2022-jugement.json");
    static final String OPERATOR = "operator-token-for-the-results-page-test";
    private static final String SECRET = "a voter key secret of at least thirty-two bytes, results page test only";

    private final UrneServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ResultsPageServer(final UrneServer server)
    {
        this.server = server;
    }

    static ResultsPageServer start(final Path root) throws Exception
    {
        return start(root, UrneConfig.defaults().embedding(), List.of());
    }

    /** A server whose pages may be framed and read from the origins {@code embedding} names. */
    static ResultsPageServer start(final Path root, final UrneConfig.Embedding embedding) throws Exception
    {
        return start(root, embedding, List.of());
    }

    /** A server that also knows {@code moreTokens} (the paper entry screens' agents, a platform). */
    static ResultsPageServer start(final Path root, final UrneConfig.Embedding embedding,
        final List<UrneConfig.Token> moreTokens) throws Exception
    {
        final Path secret = root.resolve("secret");
        Files.writeString(secret, SECRET);
        final List<UrneConfig.Token> tokens = new ArrayList<>(moreTokens);
        tokens.add(new UrneConfig.Token("page-test", "operator", TokenAuthenticator.sha256Hex(OPERATOR), null));
        final UrneConfig defaults = UrneConfig.defaults()
            .withJournalDir(root.resolve("journal").toString())
            .withRateLimit(new UrneConfig.RateLimit(100_000, 100_000))
            .withSecurity(new UrneConfig.Security(secret.toString(), tokens));
        final UrneConfig config = new UrneConfig(
            new UrneConfig.Http("127.0.0.1", 0, 2, defaults.http().transport(), defaults.http().tls()),
            new UrneConfig.Journal(defaults.journal().dir(), "page-cache", defaults.journal().ringCapacity(),
                defaults.journal().minFreeBytes()),
            defaults.polls(), defaults.security(), defaults.limits(), defaults.rateLimit(),
            new UrneConfig.Tally(20, 4096), defaults.management(), defaults.publicReads(),
            embedding);
        final ResultsPageServer urne = new ResultsPageServer(UrneServer.start(config, Map.of()));
        for (final String name : DEMO_POLLS)
        {
            try (InputStream in = ResultsPageServer.class.getResourceAsStream("/results-page/" + name))
            {
                urne.define(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return urne;
    }

    String baseUrl()
    {
        return server.baseUrl();
    }

    /** Posts ballots in one batch; returns the highest journal position acknowledged. */
    long postBatch(final String pollId, final JsonArray ballots)
    {
        final HttpResponse<String> response = send("POST", "/v1/polls/" + pollId + "/ballots/batch", ballots.encode());
        expect(response, 200);
        long position = -1;
        for (final Object line : new JsonArray(response.body()))
        {
            final JsonObject result = (JsonObject)line;
            if (!result.containsKey("position"))
            {
                throw new AssertionError("a ballot was refused: " + result.encode());
            }
            position = Math.max(position, result.getLong("position"));
        }
        return position;
    }

    /** Posts one ballot; returns the 202's body ({@code ballotId}, {@code receipt}, {@code position}). */
    JsonObject post(final String pollId, final JsonObject ballot)
    {
        final HttpResponse<String> response = send("POST", "/v1/polls/" + pollId + "/ballots", ballot.encode());
        expect(response, 202);
        return new JsonObject(response.body());
    }

    long putSheet(final String pollId, final String sheetId, final JsonObject sheet)
    {
        final HttpResponse<String> response = send("PUT", "/v1/polls/" + pollId + "/tally-sheets/" + sheetId,
            sheet.encode());
        expect(response, 202);
        return new JsonObject(response.body()).getLong("position");
    }

    /** Adds an item to an open opinion poll; returns the 201's body ({@code poll}, {@code id}, ...). */
    JsonObject addItem(final String pollId, final JsonObject item)
    {
        final HttpResponse<String> response = send("POST", "/v1/polls/" + pollId + "/items", item.encode());
        expect(response, 201);
        return new JsonObject(response.body());
    }

    void itemStatus(final String pollId, final int item, final String status)
    {
        expect(send("POST", "/v1/polls/" + pollId + "/items/" + item + "/status",
            new JsonObject().put("status", status).encode()), 200);
    }

    void define(final JsonObject definition)
    {
        expect(send("PUT", "/v1/polls/" + definition.getString("id"), definition.encode()), 201);
    }

    void open(final String pollId)
    {
        expect(send("POST", "/v1/polls/" + pollId + "/open", null), 200);
    }

    void close(final String pollId)
    {
        expect(send("POST", "/v1/polls/" + pollId + "/close", null), 200);
    }

    /** Seals a closed poll, waiting (bounded) for the results since the close to be published; the seal JSON. */
    JsonObject seal(final String pollId) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = send("POST", "/v1/polls/" + pollId + "/seal", null);
        while (response.statusCode() == 503 && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
            response = send("POST", "/v1/polls/" + pollId + "/seal", null);
        }
        expect(response, 201);
        return new JsonObject(response.body());
    }

    HttpResponse<String> get(final String path)
    {
        return send("GET", path, null);
    }

    /** The published results once they reflect {@code position} (bounded wait). */
    JsonObject resultsAt(final String pollId, final long position) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline)
        {
            final HttpResponse<String> response = get("/v1/polls/" + pollId + "/results");
            if (response.statusCode() == 200)
            {
                final JsonObject results = new JsonObject(response.body());
                if (results.getLong("position") >= position)
                {
                    return results;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("results of " + pollId + " never reached position " + position);
    }

    private HttpResponse<String> send(final String method, final String path, final String body)
    {
        return send(OPERATOR, method, path, body);
    }

    /** A request with {@code token} as its Bearer token; the answer whatever its status. */
    HttpResponse<String> send(final String token, final String method, final String path, final String body)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token);
        if (body == null)
        {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        else
        {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try
        {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final IOException e)
        {
            throw new AssertionError(method + " " + path + " failed", e);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " " + path + " interrupted", e);
        }
    }

    private static void expect(final HttpResponse<String> response, final int status)
    {
        if (response.statusCode() != status)
        {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + ": expected " +
                status + ", got " + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void close()
    {
        server.stop();
    }
}
