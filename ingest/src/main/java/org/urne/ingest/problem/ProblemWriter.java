package org.urne.ingest.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.urne.tally.domain.FieldError;

/** Renders problems as {@code application/problem+json}, alone or as one line of a batch answer. */
public final class ProblemWriter
{
    public static final String CONTENT_TYPE = "application/problem+json";

    private ProblemWriter()
    {
    }

    public static JsonObject toJson(final Problem problem)
    {
        final JsonObject json = new JsonObject()
            .put("type", problem.type().uri())
            .put("title", problem.title())
            .put("status", problem.status())
            .put("detail", problem.detail());
        if (!problem.errors().isEmpty())
        {
            final JsonArray errors = new JsonArray();
            for (final FieldError error : problem.errors())
            {
                errors.add(new JsonObject().put("field", error.field()).put("message", error.message()));
            }
            json.put("errors", errors);
        }
        problem.extensions().forEach(json::put);
        return json;
    }

    public static void send(final HttpServerResponse response, final Problem problem)
    {
        if (response.ended() || response.headWritten())
        {
            return;
        }
        response.setStatusCode(problem.status()).putHeader("Content-Type", CONTENT_TYPE);
        if (problem.retryAfter() > 0)
        {
            response.putHeader("Retry-After", Integer.toString(problem.retryAfter()));
        }
        response.end(toJson(problem).toBuffer());
    }
}
