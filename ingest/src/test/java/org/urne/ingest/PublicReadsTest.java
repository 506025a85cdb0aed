package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.HttpApiTest.assertProblem;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;
import org.urne.ingest.config.UrneConfig;

/**
 * The per-client limit of public reads (a burst of 5, then one every 20 s, so nothing refills during a test), the
 * client's address behind a trusted proxy and not otherwise, and {@code /metrics} on a management port.
 */
class PublicReadsTest
{
    private static final int BURST = 5;

    @TempDir
    Path root;

    private static UrneConfig limited(final UrneConfig config, final List<String> trustedProxies)
    {
        return config.withPublicReads(new UrneConfig.PublicReads(0.05, BURST, 1000, trustedProxies));
    }

    private static Response get(final TestServer urne, final String path, final String header, final String value)
    {
        final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (header != null)
        {
            headers.add(header, value);
        }
        return urne.send(HttpMethod.GET, path, null, null, null, headers);
    }

    @Test
    void overTheLimitAClientGets429WithRetryAfterAnd304sAreNotCounted() throws Exception
    {
        try (TestServer urne = new TestServer(root, config -> limited(config, List.of())))
        {
            urne.openPoll(priorityPoll("reads"));
            // Until the results show the poll open (an earlier snapshot's ETag changes with the next one), waited for
            // on the operators' route, which is no public read: a burst of 5 public reads can all come back before
            // the first publication, now that the public route answers without the router.
            Response live = urne.get("/v1/polls/reads/results/live", OPERATOR);
            for (int i = 0; i < 200 && (live.status != 200 || !live.body.contains("\"status\":\"open\"")); i++)
            {
                Thread.sleep(10);
                live = urne.get("/v1/polls/reads/results/live", OPERATOR);
            }
            // Every answer but a 304 is counted.
            final Response first = urne.get("/v1/polls/reads/results");
            int counted = 1;
            assertThat(first.body).contains("\"status\":\"open\"");
            int notModified = 0;
            for (int i = 0; i < 30; i++)
            {
                final int status = get(urne, "/v1/polls/reads/results", "If-None-Match", first.header("ETag")).status;
                notModified += status == 304 ? 1 : 0;
                counted += status == 304 ? 0 : 1;
            }
            assertThat(notModified).as("304s, which would spend the burst five times over if counted")
                .isGreaterThanOrEqualTo(25);
            for (int i = 0; counted < BURST; i++, counted++)
            {
                assertThat(urne.get(i % 2 == 0 ? "/v1/polls" : "/").status).as("answer %d of the burst", counted + 1)
                    .isEqualTo(200);
            }
            final Response refused = urne.get("/v1/polls/reads/results.csv");
            assertProblem(refused, 429);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 20);
            // The results route is taken before the router; the percent-encoded path goes through it: both refuse.
            assertProblem(get(urne, "/v1/polls/reads/results", "If-None-Match", first.header("ETag")), 429);
            assertProblem(urne.get("/v1/polls/r%65ads/results"), 429);
            assertProblem(urne.get("/js/main.js"), 429);
            assertThat(urne.get("/health/ready").status).as("health checks are not public reads").isEqualTo(200);
            assertThat(urne.postJson("/v1/polls/reads/ballots", PLATFORM, ballot("c", "v", 14)).status)
                .as("writes have their own, per-token limit").isEqualTo(202);
            assertThat(get(urne, "/v1/polls", "X-Forwarded-For", "203.0.113.9").status)
                .as("without a trusted proxy, X-Forwarded-For chooses nothing").isEqualTo(429);
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBucket() throws Exception
    {
        try (TestServer urne = new TestServer(root, config -> limited(config, List.of("127.0.0.1", "10.0.0.2"))))
        {
            for (int i = 0; i < BURST; i++)
            {
                assertThat(get(urne, "/v1/polls", "X-Forwarded-For", "198.51.100.7, 10.0.0.2").status).isEqualTo(200);
            }
            assertProblem(get(urne, "/v1/polls", "X-Forwarded-For", "198.51.100.7"), 429);
            assertProblem(get(urne, "/v1/polls", "X-Forwarded-For", "203.0.113.1, 198.51.100.7"), 429);
            assertThat(get(urne, "/v1/polls", "X-Forwarded-For", "198.51.100.8").status)
                .as("another client behind the same proxy").isEqualTo(200);
            assertThat(urne.get("/v1/polls").status).as("the proxy itself, without the header").isEqualTo(200);
        }
    }

    @Test
    void theManagementPortServesMetricsWithoutAToken() throws Exception
    {
        try (TestServer urne = new TestServer(root,
            config -> config.withManagement(new UrneConfig.Management("127.0.0.1", 0))))
        {
            final int port = urne.server.managementPort();
            assertThat(port).isPositive().isNotEqualTo(urne.server.port());
            final HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("urne_ballots_acked_total");
            assertProblem(urne.get("/metrics"), 401);
            assertThat(urne.send(HttpMethod.GET, "/metrics", OPERATOR, null, null).status).isEqualTo(200);
        }
    }
}
