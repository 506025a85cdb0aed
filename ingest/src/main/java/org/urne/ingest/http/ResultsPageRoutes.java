package org.urne.ingest.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.ProblemType;

/**
 * The results page: {@code /} (the list of polls) and {@code /polls/{pollId}} (one poll) answer {@code index.html},
 * {@code /embed/{pollId}} (one poll's results, to be framed by another site) answers {@code embed.html},
 * {@code /receipt} (a voter checks a receipt and sees the poll's seal) answers {@code receipt.html},
 * {@code /operator} (the paper entry screens of the stands' agents and operators; the page holds no secret, the
 * agent's token stays in the browser tab and goes to the API as a Bearer header) answers {@code operator.html}, and
 * the pages' other files (CSS, JavaScript modules, icon) are served by name from the classpath's {@code webroot/}. Each
 * file is read once, off the event loop, straight from the class loader (no extraction to a temporary directory),
 * then kept in memory with its ETag. Every answer carries a strict Content-Security-Policy: the pages have no inline
 * script or style and load nothing from elsewhere; only the embed may be framed, and only by the origins of
 * {@code embedding.frameAncestors}.
 */
public final class ResultsPageRoutes
{
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; " +
        "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors ";
    public static final String CONTENT_SECURITY_POLICY = POLICY + "'none'";
    private static final String ROOT = "webroot/";
    private static final Pattern SAFE_PATH = Pattern.compile("(?:[a-z0-9_-]+/)*[a-z0-9_-]+\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "svg", "image/svg+xml",
        "png", "image/png");

    private final Map<String, Future<PageFile>> files = new ConcurrentHashMap<>();

    private ResultsPageRoutes()
    {
    }

    /** Adds the page's routes; call after the API's, so {@code /v1/...} never reaches them. */
    static void mount(final Router router, final Handler<RoutingContext> publicRead, final Edge edge)
    {
        final ResultsPageRoutes page = new ResultsPageRoutes();
        final String embedPolicy = embedPolicy(edge.config.embedding());
        router.get("/").handler(publicRead).handler(ctx -> page.send(ctx, "index.html", CONTENT_SECURITY_POLICY));
        router.get("/polls/:pollId").handler(publicRead)
            .handler(ctx -> page.send(ctx, "index.html", CONTENT_SECURITY_POLICY));
        router.get("/receipt").handler(publicRead)
            .handler(ctx -> page.send(ctx, "receipt.html", CONTENT_SECURITY_POLICY));
        router.get("/operator").handler(publicRead)
            .handler(ctx -> page.send(ctx, "operator.html", CONTENT_SECURITY_POLICY));
        // An assembly's projector and members' phone pages (docs/assemblies.md): their token is in the fragment.
        router.get("/room/:assemblyId").handler(publicRead)
            .handler(ctx -> page.send(ctx, "room.html", CONTENT_SECURITY_POLICY));
        router.get("/room/:assemblyId/phone").handler(publicRead)
            .handler(ctx -> page.send(ctx, "phone.html", CONTENT_SECURITY_POLICY));
        router.get("/embed/:pollId").handler(publicRead).handler(ctx ->
        {
            final String pollId = ctx.pathParam("pollId");
            if (edge.polls().poll(pollId) == null)
            {
                Responses.problem(ctx, ProblemType.UNKNOWN_POLL.problem("unknown poll " + pollId));
                return;
            }
            page.send(ctx, "embed.html", embedPolicy);
        });
        router.get("/*").handler(publicRead)
            .handler(ctx -> page.send(ctx, ctx.normalizedPath().substring(1), CONTENT_SECURITY_POLICY));
    }

    /** The pages' policy, with {@code frame-ancestors} naming the configured origins ({@code 'none'} without). */
    static String embedPolicy(final UrneConfig.Embedding embedding)
    {
        return embedding.frameAncestors().isEmpty() ? CONTENT_SECURITY_POLICY :
            POLICY + String.join(" ", embedding.frameAncestors());
    }

    private void send(final RoutingContext ctx, final String path, final String policy)
    {
        final String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (type == null || !SAFE_PATH.matcher(path).matches())
        {
            ctx.next();
            return;
        }
        files.computeIfAbsent(path, name -> ctx.vertx().executeBlocking(() -> read(name), false))
            .onSuccess(file ->
            {
                if (file == null)
                {
                    files.remove(path);
                    ctx.next();
                    return;
                }
                ctx.response()
                    .putHeader("Content-Security-Policy", policy)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("ETag", file.etag());
                if (file.etag().equals(ctx.request().getHeader("If-None-Match")))
                {
                    ctx.response().setStatusCode(304).end();
                    return;
                }
                ctx.response().putHeader("Content-Type", type).end(file.bytes());
            })
            .onFailure(ctx::fail);
    }

    /** The file's bytes and ETag, or null when the page has no such file. */
    private static PageFile read(final String path)
    {
        try (InputStream in = ResultsPageRoutes.class.getClassLoader().getResourceAsStream(ROOT + path))
        {
            if (in == null)
            {
                return null;
            }
            final byte[] bytes = in.readAllBytes();
            final CRC32 crc = new CRC32();
            crc.update(bytes);
            return new PageFile(Buffer.buffer(bytes), "\"" + Long.toHexString(crc.getValue()) + "-" + bytes.length + "\"");
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private record PageFile(Buffer bytes, String etag)
    {
    }
}
