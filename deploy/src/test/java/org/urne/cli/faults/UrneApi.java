package org.urne.cli.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The few HTTP calls the fault tests make, over HTTP/1.1 on loopback, with generous timeouts for a loaded machine. */
final class UrneApi
{
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * An answer: its status, the headers the tests check, and its body.
     *
     * @param status      the HTTP status.
     * @param contentType the {@code Content-Type}, or an empty string.
     * @param retryAfter  the {@code Retry-After}, or null.
     * @param body        the body as text.
     */
    record Answer(int status, String contentType, String retryAfter, String body)
    {
        JsonNode json()
        {
            try
            {
                return JSON.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new AssertionError("not JSON (" + status + "): " + body, ex);
            }
        }
    }

    /** Posts a ballot; an {@link IOException} means no answer (the server died, or the request timed out). */
    Answer postBallot(final String url, final String pollId, final String token, final String body)
        throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url + "/v1/polls/" + pollId + "/ballots"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer receipt(final String url, final String pollId, final String receipt) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url + "/v1/polls/" + pollId + "/receipts/" + receipt)).GET());
    }

    /** {@code /health/live}: 200 while the process runs, whatever its journal's state. */
    Answer live(final String url) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url + "/health/live")).GET());
    }

    /** {@code /metrics}, the Prometheus text (an operator's). */
    Answer metrics(final String url) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url + "/metrics"))
            .header("Authorization", "Bearer " + Deployment.OPERATOR_TOKEN).GET());
    }

    Answer results(final String url, final String pollId) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url + "/v1/polls/" + pollId + "/results")).GET());
    }

    /** The results once they reflect the journal up to {@code position} (bounded wait: they publish every 100 ms). */
    JsonNode resultsAt(final String url, final String pollId, final long position)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Answer answer = results(url, pollId);
        while (answer.status() != 200 || answer.json().get("position").asLong() < position)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("results of " + pollId + " never reached position " + position + ": " +
                    answer.body());
            }
            Thread.sleep(20);
            answer = results(url, pollId);
        }
        return answer.json();
    }

    private Answer send(final HttpRequest.Builder request) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
            response.headers().firstValue("Retry-After").orElse(null), response.body());
    }
}
