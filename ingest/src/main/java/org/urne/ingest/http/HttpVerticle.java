package org.urne.ingest.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.intake.Edge;

/**
 * One HTTP server instance per event loop, all sharing one {@link Edge}. Thin: the routes are {@link ApiRouter}'s,
 * the ballot route is taken first by {@link BallotRoute} and the public results by {@link ResultsRoute}, and nothing
 * here blocks.
 */
public final class HttpVerticle extends VerticleBase
{
    private final Edge edge;
    private final int port;
    private HttpServer server;

    public HttpVerticle(final Edge edge, final int port)
    {
        this.edge = edge;
        this.port = port;
    }

    @Override
    public Future<?> start()
    {
        final Router router = ApiRouter.build(vertx, edge);
        server = vertx.createHttpServer(serverOptions())
            .requestHandler(new BallotRoute(edge, context, new ResultsRoute(edge, router)))
            .invalidRequestHandler(new InvalidRequests(edge.metrics));
        return server.listen(port);
    }

    private HttpServerOptions serverOptions()
    {
        final UrneConfig.Http http = edge.config.http();
        final HttpServerOptions options = new HttpServerOptions().setHost(http.host())
            .setMaxInitialLineLength(InvalidRequests.MAX_REQUEST_LINE_BYTES)
            .setMaxHeaderSize(InvalidRequests.MAX_HEADER_BYTES)
            .setDecompressionSupported(false)
            // Urne serves no WebSocket. With either compression on (both are by default), Vert.x puts Netty's
            // WebSocket extension handler in every connection's pipeline, where it looks at every request and answer.
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false);
        if (http.tls().enabled())
        {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setKeyPath(http.tls().keyPath()).setCertPath(http.tls().certPath()));
        }
        return options;
    }
}
