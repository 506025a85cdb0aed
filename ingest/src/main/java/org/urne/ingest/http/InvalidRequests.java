package org.urne.ingest.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import org.urne.ingest.metrics.IngestMetrics;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.problem.ProblemWriter;

/**
 * Answers requests that never reach the router because they are not readable HTTP: a request line or headers over
 * the server's limits, or bytes that do not parse. Vert.x's default answers with a bare status; this one sends the
 * same status as a problem, like every other error, then closes the connection, as the default does, since the
 * rest of its bytes cannot be trusted to frame a next request.
 */
public final class InvalidRequests implements Handler<HttpServerRequest>
{
    public static final int MAX_REQUEST_LINE_BYTES = 8192;
    public static final int MAX_HEADER_BYTES = 16384;

    private final IngestMetrics metrics;

    InvalidRequests(final IngestMetrics metrics)
    {
        this.metrics = metrics;
    }

    @Override
    public void handle(final HttpServerRequest request)
    {
        final Throwable cause = request.decoderResult().cause();
        final Problem problem;
        if (cause instanceof TooLongHttpLineException)
        {
            problem = ProblemType.URI_TOO_LONG.problem("the request line is over " + MAX_REQUEST_LINE_BYTES + " bytes");
        }
        else if (cause instanceof TooLongHttpHeaderException)
        {
            problem = ProblemType.HEADERS_TOO_LARGE.problem("the request headers are over " + MAX_HEADER_BYTES + " bytes");
        }
        else
        {
            problem = ProblemType.MALFORMED_REQUEST.problem("the request is not valid HTTP/1.1");
        }
        metrics.rejected(problem);
        ProblemWriter.send(request.response(), problem);
        request.connection().close();
    }
}
