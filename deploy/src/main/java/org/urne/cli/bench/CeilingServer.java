package org.urne.cli.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The raw HTTP + JSON ceiling: a Vert.x server that reads each POST body, parses it as JSON, checks it names a ballot
 * and a voter, answers 202 with a body the size of Urne's, and does nothing else. Deployed like Urne (one instance per event loop, as many loops, one
 * pre-resolved port on 127.0.0.1), so the ratio of Urne's throughput to this one's is what validation, keying,
 * the journal and its fsync cost on this machine.
 */
final class CeilingServer implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";

    private final Vertx vertx;
    private final int port;

    private CeilingServer(final Vertx vertx, final int port)
    {
        this.vertx = vertx;
        this.port = port;
    }

    /**
     * The ceiling's own default: Vert.x's, twice the cores, at which it takes the most requests. Urne's default is
     * lower (its journal writer needs a core); each runs as it does best.
     */
    static final int DEFAULT_EVENT_LOOPS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

    /** Starts the ceiling on a free port of 127.0.0.1 with {@code eventLoops} event loops. */
    static CeilingServer start(final int eventLoops) throws Exception
    {
        return start(eventLoops, 0);
    }

    /**
     * Starts the ceiling on {@code port} of 127.0.0.1 (0: a free one, picked before the verticles deploy, since each
     * instance listening on port 0 would get a port of its own) with {@code eventLoops} event loops.
     */
    static CeilingServer start(final int eventLoops, final int port) throws Exception
    {
        final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        final AtomicLong positions = new AtomicLong();
        final int listenPort = port == 0 ? freePort() : port;
        try
        {
            vertx.deployVerticle(() -> new Handler(listenPort, positions),
                new DeploymentOptions().setInstances(eventLoops))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        catch (final Exception | Error e)
        {
            vertx.close();
            throw e;
        }
        return new CeilingServer(vertx, listenPort);
    }

    String baseUrl()
    {
        return "http://" + HOST + ":" + port;
    }

    @Override
    public void close()
    {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST)))
        {
            return socket.getLocalPort();
        }
    }

    private static final class Handler extends VerticleBase
    {
        private final int port;
        private final AtomicLong positions;

        Handler(final int port, final AtomicLong positions)
        {
            this.port = port;
            this.positions = positions;
        }

        @Override
        public Future<?> start()
        {
            return vertx.createHttpServer(new HttpServerOptions().setHost(HOST)).requestHandler(this::handle)
                .listen(port);
        }

        private void handle(final HttpServerRequest request)
        {
            if (!HttpMethod.POST.equals(request.method()))
            {
                request.response().setStatusCode(405).end();
                return;
            }
            request.body().onSuccess(body ->
            {
                final JsonNode ballot;
                try
                {
                    ballot = JSON.readTree(body.getBytes());
                }
                catch (final IOException e)
                {
                    request.response().setStatusCode(400).end();
                    return;
                }
                // Like the peer baseline (raw-vertx in shared/perf), a body that names no ballot and voter is refused;
                // the rest of a ballot differs by poll kind and is not looked at.
                if (ballot == null || !ballot.path("ballotId").isTextual() || !ballot.path("voter").isTextual())
                {
                    request.response().setStatusCode(400).end();
                    return;
                }
                final String answer = "{\"ballotId\":\"" + ballot.path("ballotId").asText() +
                    "\",\"receipt\":\"00000000000000000000000000000000\",\"position\":" +
                    positions.getAndIncrement() + "}";
                request.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(answer));
            });
        }
    }
}
