package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.file.Path;
import java.util.List;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;
import org.urne.ingest.config.UrneConfig;

/**
 * {@code GET /v1/polls/{pollId}/results} is taken before the router (ResultsRoute); a percent-encoded poll id still
 * goes through the router's route. Both must answer alike, whatever the request: same status, body and headers.
 */
class ResultsRouteTest
{
    private static final String ALLOWED = "https://www.clermont-ferrand.fr";
    private static final List<String> HEADERS = List.of("Content-Type", "ETag", "Cache-Control", "Vary",
        "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Retry-After");

    @TempDir
    Path root;

    @Test
    void theRouteTakenBeforeTheRouterAnswersAsTheRoutedOne() throws Exception
    {
        try (TestServer urne = new TestServer(root,
            config -> config.withEmbedding(new UrneConfig.Embedding(List.of(ALLOWED), List.of()))))
        {
            urne.openPoll(priorityPoll("reads"));
            final Response cast = urne.postJson("/v1/polls/reads/ballots", PLATFORM, ballot("b-1", "v-1", 14));
            assertThat(cast.status).as("%s", cast).isEqualTo(202);
            Response results = urne.get("/v1/polls/reads/results");
            for (int i = 0; i < 100 && !results.body.contains("\"total\":1"); i++)
            {
                Thread.sleep(50);
                results = urne.get("/v1/polls/reads/results");
            }
            assertThat(results.body).contains("\"total\":1");
            final String etag = results.header("ETag");

            sameAnswer(urne, "", headers());
            sameAnswer(urne, "", headers("Origin", ALLOWED));
            sameAnswer(urne, "", headers("Origin", "https://elsewhere.example"));
            sameAnswer(urne, "", headers("If-None-Match", etag));
            sameAnswer(urne, "", headers("If-None-Match", "\"0\", W/" + etag));
            sameAnswer(urne, "?by=stand", headers());
            sameAnswer(urne, "?by=item", headers());
            final Response unknown = urne.get("/v1/polls/nope/results");
            assertThat(unknown.status).isEqualTo(404);
            assertSame(unknown, urne.get("/v1/polls/n%6Fpe/results"));
        }
    }

    private static void sameAnswer(final TestServer urne, final String query, final MultiMap headers)
    {
        final Response taken = urne.send(HttpMethod.GET, "/v1/polls/reads/results" + query, null, null, null,
            headers);
        final Response routed = urne.send(HttpMethod.GET, "/v1/polls/r%65ads/results" + query, null, null, null,
            headers);
        assertThat(taken.status).as("GET results%s with %s", query, headers).isIn(200, 304, 400, 404, 503);
        assertSame(taken, routed);
    }

    private static void assertSame(final Response taken, final Response routed)
    {
        assertThat(taken.status).isEqualTo(routed.status);
        assertThat(taken.body).isEqualTo(routed.body);
        for (final String header : HEADERS)
        {
            assertThat(taken.header(header)).as(header).isEqualTo(routed.header(header));
        }
    }

    private static MultiMap headers(final String... namesAndValues)
    {
        final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
