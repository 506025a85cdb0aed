package org.urne.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.security.TokenAuthenticator;

/** A real server on 127.0.0.1 and a free port, with a journal in a temporary directory, and a client for it. */
final class TestServer implements AutoCloseable
{
    static final String OPERATOR = "operator-token-for-tests";
    static final String PLATFORM = "platform-token-for-tests";
    static final String PAPER_PLATFORM = "paper-platform-token-for-tests";
    /** A stand agent (role paper) at stand {@code jaude} of poll {@code paper}. */
    static final String AGENT_JAUDE = "agent-jaude-token-for-tests";
    /** A stand agent (role paper) at every stand of poll {@code paper}. */
    static final String AGENT_ANY = "agent-any-token-for-tests";
    static final String SECRET = "a voter key secret of at least thirty-two bytes, for tests only";

    final Path root;
    final UrneConfig config;
    UrneServer server;
    private final Vertx clientVertx = Vertx.vertx();
    private final WebClient client;

    TestServer(final Path root, final UnaryOperator<UrneConfig> adjust) throws Exception
    {
        this.root = root;
        final Path secret = root.resolve("secret");
        Files.writeString(secret, SECRET);
        final UrneConfig base = UrneConfig.defaults()
            .withPort(0)
            .withJournalDir(root.resolve("journal").toString())
            .withSecurity(new UrneConfig.Security(secret.toString(), List.of(
                new UrneConfig.Token("ops", "operator", TokenAuthenticator.sha256Hex(OPERATOR), null),
                new UrneConfig.Token("web", "platform", TokenAuthenticator.sha256Hex(PLATFORM), null),
                new UrneConfig.Token("kiosk", "platform", TokenAuthenticator.sha256Hex(PAPER_PLATFORM),
                    List.of("digital", "paper")),
                new UrneConfig.Token("agent-jaude", "paper", TokenAuthenticator.sha256Hex(AGENT_JAUDE), null,
                    List.of("paper"), List.of("jaude")),
                new UrneConfig.Token("agent-any", "paper", TokenAuthenticator.sha256Hex(AGENT_ANY), null,
                    List.of("paper"), null))));
        final UrneConfig fast = new UrneConfig(
            new UrneConfig.Http("127.0.0.1", 0, 2, base.http().transport(), base.http().tls()),
            new UrneConfig.Journal(base.journal().dir(), "page-cache", base.journal().ringCapacity(),
                base.journal().minFreeBytes()), base.polls(),
            base.security(), base.limits(), base.rateLimit(), new UrneConfig.Tally(10, 4096), base.management(),
            base.publicReads(), base.embedding());
        this.config = adjust.apply(fast);
        this.client = WebClient.create(clientVertx, new WebClientOptions());
        start();
    }

    void start() throws Exception
    {
        server = UrneServer.start(config, Map.of());
    }

    void stop()
    {
        server.stop();
    }

    Response get(final String path)
    {
        return send(HttpMethod.GET, path, null, null, null, MultiMap.caseInsensitiveMultiMap());
    }

    Response get(final String path, final String token)
    {
        return send(HttpMethod.GET, path, token, null, null, MultiMap.caseInsensitiveMultiMap());
    }

    Response send(final HttpMethod method, final String path, final String token, final String contentType,
        final Object body)
    {
        return send(method, path, token, contentType, body, MultiMap.caseInsensitiveMultiMap());
    }

    Response send(final HttpMethod method, final String path, final String token, final String contentType,
        final Object body, final MultiMap headers)
    {
        try
        {
            return sendAsync(method, path, token, contentType, body, headers).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        catch (final Exception e)
        {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    Future<Response> sendAsync(final HttpMethod method, final String path, final String token,
        final String contentType, final Object body, final MultiMap headers)
    {
        final HttpRequest<Buffer> request = client.request(method, server.port(), "127.0.0.1", path);
        request.putHeaders(headers);
        if (token != null)
        {
            request.putHeader("Authorization", "Bearer " + token);
        }
        if (contentType != null)
        {
            request.putHeader("Content-Type", contentType);
        }
        final Future<HttpResponse<Buffer>> sent = body == null ? request.send() :
            request.sendBuffer(body instanceof Buffer buffer ? buffer :
                Buffer.buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
        return sent.map(Response::new);
    }

    Response postJson(final String path, final String token, final Object body)
    {
        return send(HttpMethod.POST, path, token, "application/json", body);
    }

    Response putJson(final String path, final String token, final Object body)
    {
        return send(HttpMethod.PUT, path, token, "application/json", body);
    }

    /** Defines and opens a poll; returns its id. */
    String openPoll(final JsonObject definition)
    {
        final String id = definition.getString("id");
        final Response defined = putJson("/v1/polls/" + id, OPERATOR, definition);
        if (defined.status != 201)
        {
            throw new AssertionError("define " + id + ": " + defined);
        }
        final Response opened = send(HttpMethod.POST, "/v1/polls/" + id + "/open", OPERATOR, null, null);
        if (opened.status != 200)
        {
            throw new AssertionError("open " + id + ": " + opened);
        }
        return id;
    }

    /** Waits (bounded) until the published results reflect at least {@code position}. */
    JsonObject resultsAt(final String pollId, final long position) throws InterruptedException
    {
        for (int attempt = 0; attempt < 500; attempt++)
        {
            final Response results = get("/v1/polls/" + pollId + "/results");
            if (results.status == 200 && results.json().getLong("position") >= position)
            {
                return results.json();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("results of " + pollId + " never reached position " + position);
    }

    static JsonObject priorityPoll(final String id)
    {
        return new JsonObject().put("id", id).put("title", "Priorities " + id).put("kind", "priority")
            .put("channels", new JsonArray().add("paper").add("digital"))
            .put("revote", "replace").put("minSelections", 1).put("maxSelections", 3)
            .put("items", new JsonArray()
                .add(new JsonObject().put("id", 14).put("title", "Trees").put("group", "Ecology"))
                .add(new JsonObject().put("id", 21).put("title", "Bikes"))
                .add(new JsonObject().put("id", 20).put("title", "Buses"))
                .add(new JsonObject().put("id", 7).put("title", "Benches")));
    }

    /**
     * An opinion poll on proposals 1 (subject Nature) and 2 (subject Mobilité), taking citizens' proposals when
     * {@code citizens}, else operators' items only.
     */
    static JsonObject opinionPoll(final String id, final boolean citizens)
    {
        return new JsonObject().put("id", id).put("title", "Consultation " + id).put("kind", "opinion")
            .put("channels", new JsonArray().add("paper").add("digital"))
            .put("proposals", citizens ? "citizens" : "operators")
            .put("items", new JsonArray()
                .add(new JsonObject().put("id", 1).put("title", "Des arbres").put("subject", "Nature"))
                .add(new JsonObject().put("id", 2).put("title", "Moins de voitures").put("subject", "Mobilité")));
    }

    /** {@link #priorityPoll} with stands {@code jaude}, {@code marche} and {@code gare}, and double entry. */
    static JsonObject paperPoll(final String id)
    {
        return priorityPoll(id).put("paperEntry", "double").put("stands", new JsonArray()
            .add(new JsonObject().put("id", "jaude").put("name", "Place de Jaude").put("neighbourhood", "Centre"))
            .add(new JsonObject().put("id", "marche").put("name", "Marché Saint-Joseph"))
            .add(new JsonObject().put("id", "gare").put("name", "Gare")));
    }

    static JsonObject ballot(final String ballotId, final String voter, final int... selections)
    {
        final JsonArray items = new JsonArray();
        for (final int item : selections)
        {
            items.add(item);
        }
        return new JsonObject().put("ballotId", ballotId).put("voter", voter).put("selections", items);
    }

    @Override
    public void close()
    {
        try
        {
            server.stop();
        }
        finally
        {
            client.close();
            clientVertx.close();
        }
    }

    /** A response, read whole. */
    static final class Response
    {
        final int status;
        final MultiMap headers;
        final String body;

        Response(final HttpResponse<Buffer> response)
        {
            status = response.statusCode();
            headers = response.headers();
            body = response.body() == null ? "" : response.bodyAsString();
        }

        JsonObject json()
        {
            return new JsonObject(body);
        }

        /** The problem's type, or null when the answer is not a problem. */
        String problem()
        {
            return status >= 400 && body.startsWith("{") ? json().getString("type") : null;
        }

        String header(final String name)
        {
            return headers.get(name);
        }

        @Override
        public String toString()
        {
            return status + " " + body;
        }
    }
}
