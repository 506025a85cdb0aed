package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PAPER_PLATFORM;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;

class RestartAndPrivacyTest
{
    private static final List<String> VOTERS = List.of("citizen-alpha-1842", "citizen-bravo-2291",
        "citizen-charlie-3307", "citizen-delta-4410");

    @Test
    void resultsAreIdenticalAfterARestartAndNoRawVoterIdReachesDiskLogsOrAnswers(@TempDir final Path root) throws Exception
    {
        final List<String> logs = new ArrayList<>();
        final Handler capture = new Handler()
        {
            @Override
            public void publish(final LogRecord record)
            {
                synchronized (logs)
                {
                    logs.add(record.getMessage() + " " + record.getThrown());
                }
            }

            @Override
            public void flush()
            {
            }

            @Override
            public void close()
            {
            }
        };
        Logger.getLogger("").addHandler(capture);
        final List<Response> answers = new ArrayList<>();
        try (TestServer urne = new TestServer(root, config -> config))
        {
            final String poll = urne.openPoll(priorityPoll("restart"));
            answers.add(urne.postJson("/v1/polls/restart/ballots", PLATFORM,
                ballot("b-1", VOTERS.get(0), 14).put("castAt", "2022-06-03T10:00:00+02:00")));
            answers.add(urne.postJson("/v1/polls/restart/ballots", PLATFORM,
                ballot("b-2", VOTERS.get(0), 21, 20).put("castAt", "2022-06-03T11:00:00+02:00")));
            for (int retry = 0; retry < 3; retry++)
            {
                answers.add(urne.postJson("/v1/polls/restart/ballots", PLATFORM, ballot("b-3", VOTERS.get(1), 14, 7)));
            }
            answers.add(urne.postJson("/v1/polls/restart/ballots", PAPER_PLATFORM,
                ballot("p-1", VOTERS.get(2), 7).put("channel", "paper")));
            answers.add(urne.postJson("/v1/polls/restart/ballots", OPERATOR,
                ballot("p-2", VOTERS.get(3), 20).put("channel", "paper")));
            answers.add(urne.postJson("/v1/polls/restart/ballots", PLATFORM, ballot("bad", VOTERS.get(3), 99)));
            answers.add(urne.send(HttpMethod.POST, "/v1/polls/restart/ballots/batch", PLATFORM, "application/x-ndjson",
                ballot("n-1", VOTERS.get(3), 14).encode() + "\n" + ballot("n-2", VOTERS.get(2), 99).encode() +
                "\n{\"voter\": \"" + VOTERS.get(1) + "\", \"oops\": 1}"));
            final JsonObject sheet = new JsonObject().put("stand", "Marché").put("ballots", 50)
                .put("counts", new JsonObject().put("14", 10).put("7", 4));
            urne.putJson("/v1/polls/restart/tally-sheets/s-1", OPERATOR, sheet);
            final Response corrected = urne.putJson("/v1/polls/restart/tally-sheets/s-1", OPERATOR,
                sheet.copy().put("counts", new JsonObject().put("14", 12).put("7", 4)));
            final long last = corrected.json().getLong("position");

            for (final Response answer : List.copyOf(answers))
            {
                final String receipt = answer.status == 202 ? answer.json().getString("receipt") : null;
                if (receipt != null)
                {
                    answers.add(urne.get("/v1/polls/restart/receipts/" + receipt));
                }
            }
            final JsonObject before = urne.resultsAt(poll, last);
            final String csvBefore = urne.get("/v1/polls/restart/results.csv").body;
            assertThat(before.getJsonObject("ballots").getLong("total")).isEqualTo(4 + 50);

            urne.stop();
            urne.start();
            final JsonObject after = urne.resultsAt(poll, last);
            assertThat(after.copy().put("updatedAt", "")).isEqualTo(before.copy().put("updatedAt", ""));
            assertThat(urne.get("/v1/polls/restart/results.csv").body).isEqualTo(csvBefore);
            final Response retryAfterRestart = urne.postJson("/v1/polls/restart/ballots", PLATFORM,
                ballot("b-3", VOTERS.get(1), 14, 7));
            assertThat(retryAfterRestart.json().getLong("position")).isLessThan(last);
            answers.add(retryAfterRestart);
            for (final String path : List.of("/v1/polls", "/v1/polls/restart", "/v1/polls/restart/results",
                "/v1/polls/restart/results.csv", "/health/ready"))
            {
                answers.add(urne.get(path));
            }
            answers.add(urne.send(HttpMethod.GET, "/metrics", OPERATOR, null, null));
        }
        finally
        {
            Logger.getLogger("").removeHandler(capture);
        }
        final byte[] journal = readAll(root.resolve("journal"));
        assertThat(journal.length).isGreaterThan(0);
        final String logText;
        synchronized (logs)
        {
            logText = String.join("\n", logs);
        }
        assertThat(PrivacyScan.firstLeak(journal, VOTERS)).as("in the journal").isNull();
        assertThat(PrivacyScan.firstLeak(logText.getBytes(StandardCharsets.UTF_8), VOTERS)).as("in the logs").isNull();
        assertThat(answers).hasSizeGreaterThan(20);
        for (final Response answer : answers)
        {
            assertThat(PrivacyScan.firstLeak(answer.body.getBytes(StandardCharsets.UTF_8), VOTERS))
                .as("in the answer %s", answer).isNull();
        }
    }

    private static byte[] readAll(final Path directory) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                bytes.write(Files.readAllBytes(file));
            }
        }
        return bytes.toByteArray();
    }
}
