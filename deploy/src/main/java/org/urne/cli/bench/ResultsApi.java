package org.urne.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The few blocking reads around a run, outside the measured phases: the polls before, the results after. A poll
 * defined since the last snapshot answers 503 for a moment, so results are retried (bounded).
 */
final class ResultsApi
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    ResultsApi(final URI base)
    {
        this.base = base;
    }

    /** The shapes of the polls named, or of every open poll when none is. */
    List<PollShape> polls(final List<String> ids) throws IOException, InterruptedException
    {
        final List<PollShape> polls = new ArrayList<>();
        for (final JsonNode summary : get("/v1/polls").body)
        {
            final String id = summary.get("id").asText();
            if (ids.isEmpty() ? "open".equals(summary.path("status").asText()) : ids.contains(id))
            {
                polls.add(PollShape.of(get("/v1/polls/" + id).body));
            }
        }
        return polls;
    }

    /** A poll's results and the journal position they reflect (their ETag). */
    Results results(final PollShape poll) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true)
        {
            try
            {
                final Answer answer = get("/v1/polls/" + poll.id() + "/results");
                return new Results(PollCounts.fromResults(poll, answer.body),
                    Long.parseLong(answer.etag.replace("\"", "")));
            }
            catch (final NotYet e)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IOException("the results of " + poll.id() + " were never published");
                }
                Thread.sleep(50);
            }
        }
    }

    private Answer get(final String path) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503)
        {
            throw new NotYet();
        }
        if (response.statusCode() != 200)
        {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new Answer(JSON.readTree(response.body()), response.headers().firstValue("ETag").orElse("\"-1\""));
    }

    /** @param position the journal position the counts reflect. */
    record Results(PollCounts counts, long position)
    {
    }

    private record Answer(JsonNode body, String etag)
    {
    }

    private static final class NotYet extends RuntimeException
    {
        NotYet()
        {
            super(null, null, false, false);
        }
    }
}
