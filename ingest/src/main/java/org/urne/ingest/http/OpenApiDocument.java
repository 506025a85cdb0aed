package org.urne.ingest.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.1 document of this API. Its one source is docs/openapi.json, which
 * the build copies beside this class; it is read once, when this class is first used, and answered from memory with
 * an ETag (a hash of its bytes), so a client revalidates it for a 304.
 */
public final class OpenApiDocument
{
    /** The document's name on the classpath, beside this class. */
    public static final String RESOURCE = "openapi.json";

    private static final Buffer BYTES = Buffer.buffer(read());
    private static final String ETAG = etag(BYTES.getBytes());

    private OpenApiDocument()
    {
    }

    /** The route's handler; the document is loaded now, so a build without it fails at start, not on a request. */
    static Handler<RoutingContext> handler()
    {
        return OpenApiDocument::send;
    }

    private static void send(final RoutingContext ctx)
    {
        ctx.response().putHeader("ETag", ETAG).putHeader("Cache-Control", "public, no-cache");
        if (ResultsHandler.matches(ctx.request().getHeader("If-None-Match"), ETAG))
        {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(BYTES);
    }

    /** The document's bytes, as the build packaged them. */
    public static byte[] read()
    {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the build copies it from docs/");
            }
            return in.readAllBytes();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(final byte[] bytes)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
