package org.urne.ingest.http;

import java.lang.System.Logger.Level;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemWriter;
import org.urne.ingest.security.Role;

/**
 * Every route of the HTTP API, in one place: docs/api.md and the OpenAPI document list the same routes, and
 * {@code OpenApiContractTest} compares this router's routes with the document's paths. {@code POST
 * /v1/polls/{pollId}/ballots} and {@code GET /v1/polls/{pollId}/results} are here too, for the requests
 * {@link BallotRoute} and {@link ResultsRoute} hand on (a path they do not recognise exactly).
 */
public final class ApiRouter
{
    /**
     * Routes taken before the router, with the class that takes them: a request of theirs reaches the router only
     * when that class hands it on.
     */
    public static final Map<String, String> TAKEN_BEFORE_ROUTER = Map.of(
        "POST " + BallotRoute.TEMPLATE, BallotRoute.class.getSimpleName(),
        "GET " + ResultsRoute.TEMPLATE, ResultsRoute.class.getSimpleName());

    private static final System.Logger LOG = System.getLogger(ApiRouter.class.getName());

    private final Edge edge;

    private ApiRouter(final Edge edge)
    {
        this.edge = edge;
    }

    /** A router for one event loop's server. */
    public static Router build(final Vertx vertx, final Edge edge)
    {
        return new ApiRouter(edge).routes(Router.router(vertx), new ClusterHandler(vertx, edge.cluster));
    }

    private Router routes(final Router router, final ClusterHandler cluster)
    {
        final UrneConfig.Limits limits = edge.config.limits();
        final PollsHandler polls = new PollsHandler(edge);
        final BallotsHandler ballots = new BallotsHandler(edge);
        final ReceiptsHandler receipts = new ReceiptsHandler(edge);
        final OrderHandler order = new OrderHandler(edge);
        final TallySheetsHandler sheets = new TallySheetsHandler(edge);
        final ResultsHandler results = new ResultsHandler(edge);
        final SealHandler seal = new SealHandler(edge);
        final PaperHandler paper = new PaperHandler(edge);
        final AnnulmentHandler annulments = new AnnulmentHandler(edge);
        final OperationsHandler operations = new OperationsHandler(edge);
        final PublicReadLimit publicRead = new PublicReadLimit(edge.readLimiter, edge.config.publicReads());
        final CorsPolicy cors = new CorsPolicy(edge.config.embedding());

        router.get("/health/live").handler(operations::live);
        router.get("/health/ready").handler(operations::ready);
        router.get("/metrics").handler(RequestGuards.authorize(edge, Role.OPERATOR)).handler(operations::metrics);

        router.get("/v1/openapi.json").handler(OpenApiDocument.handler());
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
        router.get("/v1/token").handler(RequestGuards.authorize(edge, Role.PLATFORM, Role.OPERATOR, Role.PAPER))
            .handler(new TokenHandler()::get);
        router.post("/v1/polls/:pollId/ballots")
            .handler(RequestGuards.authorize(edge, Role.PLATFORM, Role.OPERATOR, Role.PAPER))
            .handler(RequestGuards.contentType(RequestGuards.JSON))
            .handler(body(limits.ballotBytes()))
            .handler(ballots::single);
        router.post("/v1/polls/:pollId/ballots/batch")
            .handler(RequestGuards.authorize(edge, Role.PLATFORM, Role.OPERATOR, Role.PAPER))
            .handler(RequestGuards.contentType(RequestGuards.JSON, RequestGuards.NDJSON))
            .handler(body(limits.batchBytes()))
            .handler(ballots::batch);
        router.post("/v1/polls/:pollId/order")
            .handler(RequestGuards.authorize(edge, Role.PLATFORM, Role.OPERATOR))
            .handler(RequestGuards.contentType(RequestGuards.JSON))
            .handler(body(limits.ballotBytes()))
            .handler(order::post);
        publicRead(router, "/v1/polls/:pollId/receipts/:receipt", publicRead, cors).handler(receipts::get);
        router.put("/v1/polls/:pollId/tally-sheets/:sheetId")
            .handler(RequestGuards.authorize(edge, Role.OPERATOR, Role.PAPER))
            .handler(RequestGuards.contentType(RequestGuards.JSON))
            .handler(body(limits.definitionBytes()))
            .handler(sheets::put);
        router.get("/v1/polls/:pollId/tally-sheets/:sheetId")
            .handler(RequestGuards.authorize(edge, Role.OPERATOR, Role.PAPER)).handler(paper::sheet);
        router.get("/v1/polls/:pollId/stands")
            .handler(RequestGuards.authorize(edge, Role.OPERATOR, Role.PAPER)).handler(paper::stands);
        router.post("/v1/polls/:pollId/ballots/:receipt/annul")
            .handler(RequestGuards.authorize(edge, Role.OPERATOR, Role.PAPER)).handler(annulments::post);
        router.get("/v1/cluster").handler(RequestGuards.authorize(edge, Role.OPERATOR)).handler(cluster::members);
        router.get("/v1/cluster/self").handler(RequestGuards.authorize(edge, Role.OPERATOR)).handler(cluster::self);
        publicRead(router, "/v1/polls/:pollId/results", publicRead, cors).handler(results::json);
        publicRead(router, "/v1/polls/:pollId/results.csv", publicRead, cors).handler(results::csv);
        router.get("/v1/polls/:pollId/results/live").handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(results::liveJson);
        router.get("/v1/polls/:pollId/results/live.csv").handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(results::liveCsv);
        router.post("/v1/polls/:pollId/seal").handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(body(limits.definitionBytes()))
            .handler(seal::post);
        publicRead(router, "/v1/polls/:pollId/seal", publicRead, cors).handler(seal::get);
        publicRead(router, "/v1/polls/:pollId/receipts", publicRead, cors).handler(seal::receipts);
        publicRead(router, "/v1/polls/:pollId/commitments", publicRead, cors).handler(seal::commitments);

        consultationRoutes(router, limits, publicRead, cors);
        assemblyRoutes(router, limits, publicRead, cors);

        router.get("/problems/:name").handler(ProblemPages::send);

        // The results page and the embeddable view: static files from the classpath's webroot/.
        ResultsPageRoutes.mount(router, publicRead, edge);

        router.route().failureHandler(this::failure);
        router.errorHandler(404, ctx -> ProblemWriter.send(ctx.response(),
            ProblemType.NOT_FOUND.problem("no such resource")));
        router.errorHandler(405, ctx -> ProblemWriter.send(ctx.response(), ProblemType.METHOD_NOT_ALLOWED.problem(
            "this resource does not take " + ctx.request().method())));
        return router;
    }

    /**
     * A consultation's routes (issue 16, docs/api.md): items added and moderated while an opinion poll runs, and the
     * arguments people can read, hide and erase.
     */
    private void consultationRoutes(final Router router, final UrneConfig.Limits limits,
        final PublicReadLimit publicRead, final CorsPolicy cors)
    {
        final ItemsHandler items = new ItemsHandler(edge);
        final ArgumentsHandler arguments = new ArgumentsHandler(edge);
        router.post("/v1/polls/:pollId/items")
            .handler(RequestGuards.authorize(edge, Role.PLATFORM, Role.OPERATOR))
            .handler(RequestGuards.contentType(RequestGuards.JSON))
            .handler(body(limits.ballotBytes()))
            .handler(items::add);
        router.post("/v1/polls/:pollId/items/:itemId/status")
            .handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(RequestGuards.contentType(RequestGuards.JSON))
            .handler(body(limits.ballotBytes()))
            .handler(items::status);
        publicRead(router, "/v1/polls/:pollId/items/:item/arguments", publicRead, cors).handler(arguments::list);
        router.post("/v1/polls/:pollId/arguments/:argumentId/hide")
            .handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(RequestGuards.contentType(RequestGuards.JSON))
            .handler(body(limits.definitionBytes()))
            .handler(arguments::hide);
        router.post("/v1/polls/:pollId/arguments/:argumentId/erase")
            .handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(arguments::erase);
    }

    /** An assembly's routes (issue 17, docs/assemblies.md): facilitators, viewers and members' device codes. */
    private void assemblyRoutes(final Router router, final UrneConfig.Limits limits, final PublicReadLimit publicRead,
        final CorsPolicy cors)
    {
        final AssemblyAccess access = new AssemblyAccess(edge);
        final AssembliesHandler assemblies = new AssembliesHandler(edge);
        final VotesHandler votes = new VotesHandler(edge, assemblies);
        final RoomEventsHandler room = new RoomEventsHandler(edge);
        final String assembly = "/v1/assemblies/:assemblyId";
        router.put(assembly).handler(RequestGuards.authorize(edge, Role.OPERATOR))
            .handler(RequestGuards.contentType(RequestGuards.JSON)).handler(body(limits.definitionBytes()))
            .handler(assemblies::put);
        router.get(assembly).handler(access.readers()).handler(assemblies::get);
        router.get(assembly + "/decisions").handler(access.facilitators()).handler(assemblies::decisions);
        router.put(assembly + "/presence").handler(access.facilitators())
            .handler(RequestGuards.contentType(RequestGuards.JSON)).handler(body(limits.definitionBytes()))
            .handler(assemblies::presence);
        router.post(assembly + "/members/:memberId/device-code").handler(access.facilitators())
            .handler(assemblies::deviceCode);
        router.post(assembly + "/rounds").handler(access.facilitators())
            .handler(RequestGuards.contentType(RequestGuards.JSON)).handler(body(limits.definitionBytes()))
            .handler(assemblies::openRound);
        router.get(assembly + "/rounds/:roundId").handler(access.readers()).handler(assemblies::getRound);
        router.post(assembly + "/rounds/:roundId/cards").handler(access.voters())
            .handler(RequestGuards.contentType(RequestGuards.JSON)).handler(body(limits.ballotBytes()))
            .handler(votes::post);
        router.post(assembly + "/rounds/:roundId/close").handler(access.facilitators())
            .handler(assemblies::closeRound);
        router.post(assembly + "/rounds/:roundId/publish").handler(access.facilitators())
            .handler(assemblies::publish);
        publicRead(router, assembly + "/published", publicRead, cors).handler(assemblies::published);
        router.get(assembly + "/state").handler(access.readers()).handler(room::state);
        router.get(assembly + "/events").handler(access.readers()).handler(room::events);
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
            problem = ProblemType.PAYLOAD_TOO_LARGE.problem("the body is over this resource's limit");
        }
        else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500)
        {
            // Vert.x's own refusals (a path it cannot decode, a body it cannot read) are the request's framing.
            problem = ProblemType.MALFORMED_REQUEST.problem("the request could not be read");
        }
        else
        {
            LOG.log(Level.ERROR, "unexpected failure on " + ctx.request().method() + " " + ctx.normalizedPath(),
                failure);
            problem = ProblemType.INTERNAL_ERROR.problem("an unexpected error");
        }
        if (problem.status() != 404 || failure != null)
        {
            edge.metrics.rejected(problem);
        }
        ProblemWriter.send(ctx.response(), problem);
    }
}
