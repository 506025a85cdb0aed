package org.urne.ingest.http;

import java.lang.System.Logger.Level;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemWriter;
import org.urne.ingest.security.Role;

/**
 * One HTTP server instance per event loop, all sharing one {@link Edge}. Thin: the router is built in
 * {@link #start()}, each route is one small method of a handler, and nothing here blocks.
 */
public final class HttpVerticle extends VerticleBase
{
    private static final System.Logger LOG = System.getLogger(HttpVerticle.class.getName());

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
        final Router router = Router.router(vertx);
        final UrneConfig.Limits limits = edge.config.limits();
        final PollsHandler polls = new PollsHandler(edge);
        final BallotsHandler ballots = new BallotsHandler(edge);
        final ReceiptsHandler receipts = new ReceiptsHandler(edge);
        final TallySheetsHandler sheets = new TallySheetsHandler(edge);
        final ResultsHandler results = new ResultsHandler(edge);
        final OperationsHandler operations = new OperationsHandler(edge);
        final PublicReadLimit publicRead = new PublicReadLimit(edge.readLimiter, edge.config.publicReads());
        final CorsPolicy cors = new CorsPolicy(edge.config.embedding());

        router.get("/health/live").handler(operations::live);
        router.get("/health/ready").handler(operations::ready);
        router.get("/metrics").handler(RequestGuards.authorize(edge, Role.OPERATOR)).handler(operations::metrics);

        publicRead(router, "/v1/polls", publicRead, cors).handler(polls::list);
        publicRead(router, "/v1/polls/:pollId", publicRead, cors).handler(polls::get);
        router.put("/v1/polls/:pollId")
            .handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(RequestGuards.contentType(RequestGuards.JSON))
            .handler(body(limits.definitionBytes()))
            .handler(polls::put);
        router.post("/v1/polls/:pollId/open").handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(polls::open);
        router.post("/v1/polls/:pollId/close").handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(polls::close);
        router.post("/v1/polls/:pollId/ballots")
            .handler(RequestGuards.authorize(edge, Role.PLATFORM, Role.OPERATOR))
            .handler(RequestGuards.contentType(RequestGuards.JSON))
            .handler(body(limits.ballotBytes()))
            .handler(ballots::single);
        router.post("/v1/polls/:pollId/ballots/batch")
            .handler(RequestGuards.authorize(edge, Role.PLATFORM, Role.OPERATOR))
            .handler(RequestGuards.contentType(RequestGuards.JSON, RequestGuards.NDJSON))
            .handler(body(limits.batchBytes()))
            .handler(ballots::batch);
        publicRead(router, "/v1/polls/:pollId/receipts/:receipt", publicRead, cors).handler(receipts::get);
        router.put("/v1/polls/:pollId/tally-sheets/:sheetId")
            .handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(RequestGuards.contentType(RequestGuards.JSON))
            .handler(body(limits.definitionBytes()))
            .handler(sheets::put);
        publicRead(router, "/v1/polls/:pollId/results", publicRead, cors).handler(results::json);
        publicRead(router, "/v1/polls/:pollId/results.csv", publicRead, cors).handler(results::csv);

        // The results page and the embeddable view: static files from the classpath's webroot/.
        ResultsPageRoutes.mount(router, publicRead, edge);

        router.route().failureHandler(this::failure);
        router.errorHandler(404, ctx -> ProblemWriter.send(ctx.response(), Problem.of(404, "no such resource")));
        router.errorHandler(405, ctx -> ProblemWriter.send(ctx.response(), Problem.of(405,
            "this resource does not take " + ctx.request().method())));

        server = vertx.createHttpServer(serverOptions()).requestHandler(new BallotRoute(edge, context, router))
            .invalidRequestHandler(new InvalidRequests(edge.metrics));
        return server.listen(port);
    }

    /**
     * A public read: the per-client limit, then CORS, on the GET route returned (for its handler) and on the
     * route answering its preflight.
     */
    private static Route publicRead(final Router router, final String path, final PublicReadLimit limit,
        final CorsPolicy cors)
    {
        router.options(path).handler(limit).handler(cors::preflight);
        return router.get(path).handler(limit).handler(cors::simple);
    }

    private static BodyHandler body(final int limit)
    {
        return BodyHandler.create(false).setBodyLimit(limit);
    }

    private HttpServerOptions serverOptions()
    {
        final UrneConfig.Http http = edge.config.http();
        final HttpServerOptions options = new HttpServerOptions().setHost(http.host())
            .setMaxInitialLineLength(InvalidRequests.MAX_REQUEST_LINE_BYTES)
            .setMaxHeaderSize(InvalidRequests.MAX_HEADER_BYTES)
            .setDecompressionSupported(false);
        if (http.tls().enabled())
        {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setKeyPath(http.tls().keyPath()).setCertPath(http.tls().certPath()));
        }
        return options;
    }

    /** Everything that goes wrong ends here as a problem; only a bug in Urne itself is a 500. */
    private void failure(final RoutingContext ctx)
    {
        final Throwable failure = ctx.failure();
        final Problem problem;
        if (failure instanceof ProblemException e)
        {
            problem = e.problem();
        }
        else if (ctx.statusCode() == 413)
        {
            problem = Problem.of(413, "the body is over this resource's limit");
        }
        else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500)
        {
            problem = Problem.of(ctx.statusCode(), "the request could not be read");
        }
        else
        {
            LOG.log(Level.ERROR, "unexpected failure on " + ctx.request().method() + " " + ctx.normalizedPath(),
                failure);
            problem = Problem.of(500, "an unexpected error; nothing was acknowledged");
        }
        if (problem.status() != 404 || failure != null)
        {
            edge.metrics.rejected(problem);
        }
        ProblemWriter.send(ctx.response(), problem);
    }
}
