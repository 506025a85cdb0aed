package org.urne.cli.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A blocking HTTP/1.1 client of Urne's API over a list of base URLs (one server, or every node of a cluster), any of
 * which may be down. The calls on one URL return the answer, or throw {@link IOException} when none came (a
 * connection refused or reset, a timeout). {@link #submit} posts a planned ballot until a server decides it, trying
 * the next URL with the same {@code ballotId} after no answer or a 503, and records every outcome in a
 * {@link BallotModel}. Not the measured path of {@code urne bench} (its open-model sender is non-blocking); the
 * reads around a run and the fault tests' load.
 */
public final class UrneClient
{
    /** The one JSON mapper of the harness. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long RETRY_PAUSE_MILLIS = 20;
    private static final long RESULTS_POLL_MILLIS = 20;

    private final List<String> urls;
    private final String platformToken;
    private final String operatorToken;
    private final Duration requestTimeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT).build();
    private final AtomicInteger preferred = new AtomicInteger();

    /**
     * An answer: its status, the headers the harness reads, and its body.
     *
     * @param status      the HTTP status.
     * @param contentType the {@code Content-Type}, or an empty string.
     * @param retryAfter  the {@code Retry-After}, or null.
     * @param etag        the {@code ETag}, or null.
     * @param body        the body as text.
     */
    public record Answer(int status, String contentType, String retryAfter, String etag, String body)
    {
        /** The body as JSON; an {@link UncheckedIOException} if it is not. */
        public JsonNode json()
        {
            try
            {
                return JSON.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, ex);
            }
        }
    }

    /**
     * A poll's published counts and the journal position they reflect (their {@code ETag}).
     *
     * @param counts   the counts.
     * @param position the last position the results reflect.
     */
    public record Published(PollCounts counts, long position)
    {
    }

    /**
     * @param urls           the servers' base URLs, as {@code serve} prints them; {@link #submit} starts with the
     *                       first and moves on when one does not answer. Empty for a client whose every call
     *                       names its URL (a test whose server moves to a new port at each start).
     * @param platformToken  the token digital ballots carry.
     * @param operatorToken  the token paper ballots carry.
     * @param requestTimeout how long a request waits for its answer before it counts as unanswered.
     */
    public UrneClient(final List<String> urls, final String platformToken, final String operatorToken,
        final Duration requestTimeout)
    {
        this.urls = List.copyOf(urls);
        this.platformToken = platformToken;
        this.operatorToken = operatorToken;
        this.requestTimeout = requestTimeout;
    }

    /** One server, one token for both channels (an operator token may post both), a 30 s request timeout. */
    public UrneClient(final String url, final String token)
    {
        this(List.of(url), token, token, Duration.ofSeconds(30));
    }

    public List<String> urls()
    {
        return urls;
    }

    /**
     * Posts {@code ballot} until a server decides it or {@code limit} has passed: a 202 or a refusal is recorded in
     * {@code model} and returned; a request without an answer is recorded unanswered and the same ballot goes to
     * the next URL; a 503 (not taken: the server is starting, or has no leader) is retried after a short pause, on
     * the next URL. When the time is up the last outcome is returned: unanswered, or refused with the last 503.
     */
    public BallotModel.State submit(final PlannedBallot ballot, final BallotModel model, final Duration limit)
        throws InterruptedException
    {
        requireUrls();
        final long deadline = System.nanoTime() + limit.toNanos();
        Answer last = null;
        do
        {
            final int turn = preferred.get();
            final int index = Math.floorMod(turn, urls.size());
            try
            {
                last = post(urls.get(index), ballot);
                if (last.status() == 202)
                {
                    model.acknowledged(ballot, last.json());
                    return BallotModel.State.ACKNOWLEDGED;
                }
                if (last.status() != 503)
                {
                    model.refused(ballot, last.status(), last.body());
                    return BallotModel.State.REFUSED;
                }
            }
            catch (final IOException noAnswer)
            {
                last = null;
                model.unanswered(ballot);
            }
            preferred.compareAndSet(turn, turn + 1);
            Thread.sleep(RETRY_PAUSE_MILLIS);
        }
        while (System.nanoTime() < deadline);
        if (last == null)
        {
            return BallotModel.State.UNANSWERED;
        }
        model.refused(ballot, last.status(), last.body());
        return BallotModel.State.REFUSED;
    }

    /** Posts a planned ballot once to {@code url}, with the token of its channel. */
    public Answer post(final String url, final PlannedBallot ballot) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url + "/v1/polls/" + ballot.poll().id() + "/ballots"))
            .header("Authorization", "Bearer " + (ballot.paper() ? operatorToken : platformToken))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(ballot.body())));
    }

    /** Posts a ballot body as it is, with the given token. */
    public Answer postBallot(final String url, final String pollId, final String token, final String body)
        throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url + "/v1/polls/" + pollId + "/ballots"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer receipt(final String url, final String pollId, final String receipt)
        throws IOException, InterruptedException
    {
        return get(url, "/v1/polls/" + pollId + "/receipts/" + receipt);
    }

    public Answer results(final String url, final String pollId) throws IOException, InterruptedException
    {
        return get(url, "/v1/polls/" + pollId + "/results");
    }

    /** {@code /health/live}: 200 while the process runs, whatever its journal's state. */
    public Answer live(final String url) throws IOException, InterruptedException
    {
        return get(url, "/health/live");
    }

    /** {@code /metrics}, the Prometheus text, asked with the operator token (metrics are for operators). */
    public Answer metrics(final String url) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url + "/metrics"))
            .header("Authorization", "Bearer " + operatorToken).GET());
    }

    /** Any {@code GET} of a path under {@code url}. */
    public Answer get(final String url, final String path) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    /** As {@link #resultsAt(String, String, long, Duration)}, waiting up to a minute. */
    public JsonNode resultsAt(final String url, final String pollId, final long position)
        throws IOException, InterruptedException
    {
        return resultsAt(url, pollId, position, Duration.ofMinutes(1));
    }

    /**
     * A poll's results once they reflect the journal up to {@code position} (they publish every 100 ms by default);
     * an {@link IOException} if they do not within {@code limit}.
     */
    public JsonNode resultsAt(final String url, final String pollId, final long position, final Duration limit)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        Answer answer = results(url, pollId);
        while (answer.status() != 200 || answer.json().get("position").asLong() < position)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IOException("the results of " + pollId + " never reached position " + position + " within " +
                    limit.toSeconds() + " s: " + answer.status() + " " + answer.body());
            }
            Thread.sleep(RESULTS_POLL_MILLIS);
            answer = results(url, pollId);
        }
        return answer.json();
    }

    /**
     * A poll's counts as the first answering URL publishes them. A poll defined since the last snapshot answers 503
     * for a moment, so a 503 is retried (10 s at most).
     */
    public Published published(final PollShape poll) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true)
        {
            final Answer answer = firstAnswer("/v1/polls/" + poll.id() + "/results");
            if (answer.status() == 200)
            {
                return new Published(PollCounts.fromResults(poll, answer.json()),
                    Long.parseLong(answer.etag() == null ? "-1" : answer.etag().replace("\"", "")));
            }
            if (answer.status() != 503 || System.nanoTime() > deadline)
            {
                throw new IOException("the results of " + poll.id() + " were never published: " + answer.status() +
                    " " + answer.body());
            }
            Thread.sleep(50);
        }
    }

    /** The shapes of the polls named, or of every open poll when none is, from the first answering URL. */
    public List<PollShape> polls(final List<String> ids) throws IOException, InterruptedException
    {
        final List<PollShape> polls = new ArrayList<>();
        for (final JsonNode summary : ok("/v1/polls").json())
        {
            final String id = summary.get("id").asText();
            if (ids.isEmpty() ? "open".equals(summary.path("status").asText()) : ids.contains(id))
            {
                polls.add(PollShape.of(ok("/v1/polls/" + id).json()));
            }
        }
        return polls;
    }

    private Answer ok(final String path) throws IOException, InterruptedException
    {
        final Answer answer = firstAnswer(path);
        if (answer.status() != 200)
        {
            throw new IOException("GET " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    /** The answer of the first URL that answers; the last {@link IOException} if none does. */
    private Answer firstAnswer(final String path) throws IOException, InterruptedException
    {
        requireUrls();
        IOException none = null;
        for (final String url : urls)
        {
            try
            {
                return get(url, path);
            }
            catch (final IOException noAnswer)
            {
                none = noAnswer;
            }
        }
        throw none;
    }

    private void requireUrls()
    {
        if (urls.isEmpty())
        {
            throw new IllegalStateException("this client was given no server URL: name one in each call");
        }
    }

    private Answer send(final HttpRequest.Builder request) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(request.timeout(requestTimeout).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
            response.headers().firstValue("Retry-After").orElse(null),
            response.headers().firstValue("ETag").orElse(null), response.body());
    }
}
