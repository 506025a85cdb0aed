package org.urne.ingest.http;

import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.problem.ProblemType;

/**
 * {@code GET /problems/{name}}: each problem type's URI resolves to a short page saying what the problem means and
 * whether a client may send the same request again. Written from {@link ProblemType}, the one catalogue, so a page
 * cannot say something the API does not do. An unknown name is a 404 problem.
 */
final class ProblemPages
{
    private ProblemPages()
    {
    }

    static void send(final RoutingContext ctx)
    {
        final ProblemType type = ProblemType.bySlug(ctx.pathParam("name"));
        if (type == null)
        {
            Responses.problem(ctx, ProblemType.NOT_FOUND.problem("no problem type is named " +
                ctx.pathParam("name") + "; the catalogue is in docs/api.md"));
            return;
        }
        ctx.response()
            .putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Content-Security-Policy", ResultsPageRoutes.CONTENT_SECURITY_POLICY)
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Cache-Control", "public, max-age=3600")
            .end(page(type));
    }

    /** The page of one type; every text comes from the catalogue and is escaped all the same. */
    static String page(final ProblemType type)
    {
        final String title = escape(type.title());
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>" + title + " (" + type.status() + ") · Urne problem types</title>\n</head>\n<body>\n<main>\n"
            + "<h1>" + title + "</h1>\n<dl>\n"
            + "<dt>Type</dt><dd><code>" + escape(type.uri()) + "</code></dd>\n"
            + "<dt>HTTP status</dt><dd>" + type.status() + "</dd>\n"
            + "<dt>What it means</dt><dd>" + escape(type.meaning()) + "</dd>\n"
            + "<dt>Retry with the same ballotId?</dt><dd>" + escape(type.retry().advice()) + "</dd>\n"
            + "</dl>\n<p>The answer is <code>application/problem+json</code> with <code>type</code>, "
            + "<code>title</code>, <code>status</code>, <code>detail</code> and, for invalid input, "
            + "<code>errors</code>. The API contract: <code>docs/api.md</code>; the OpenAPI document: "
            + "<a href=\"/v1/openapi.json\">/v1/openapi.json</a>.</p>\n</main>\n</body>\n</html>\n";
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
