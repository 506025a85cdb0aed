package org.urne.ingest.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemWriter;

/**
 * The management port ({@code management.port}): {@code /metrics} and the health checks without a token, for a
 * scraper on a network the public never reaches. Plain HTTP on its own interface ({@code management.host}); the
 * API port keeps {@code /metrics} behind the operator token.
 */
public final class ManagementVerticle extends VerticleBase
{
    private final Edge edge;
    private final int port;

    public ManagementVerticle(final Edge edge, final int port)
    {
        this.edge = edge;
        this.port = port;
    }

    @Override
    public Future<?> start()
    {
        final Router router = Router.router(vertx);
        final OperationsHandler operations = new OperationsHandler(edge);
        router.get("/metrics").handler(operations::metrics);
        router.get("/health/live").handler(operations::live);
        router.get("/health/ready").handler(operations::ready);
        router.errorHandler(404, ctx -> ProblemWriter.send(ctx.response(), ProblemType.NOT_FOUND.problem("no such resource")));
        final UrneConfig.Management management = edge.config.management();
        return vertx.createHttpServer(new HttpServerOptions().setHost(management.host())
                .setMaxInitialLineLength(InvalidRequests.MAX_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(InvalidRequests.MAX_HEADER_BYTES))
            .requestHandler(router).listen(port);
    }
}
