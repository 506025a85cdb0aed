package org.urne.cli.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.harness.UrneClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency against a real server process: the same ballot sent 10 times at once, then 10 times again after the
 * server was killed with SIGKILL and restarted, is answered 202 every time with the same receipt and position and
 * counted once; the same ballotId with different content is refused with a 409 problem and journals nothing.
 */
class BallotRetryTest
{
    private static final int ATTEMPTS = 10;
    private static final String POLL = "clermont-2022-votation";
    private static final String BALLOT =
        "{\"ballotId\": \"r-1\", \"voter\": \"u-retry\", \"selections\": [14, 21, 20]}";
    private static final String SAME_ID_OTHER_CONTENT =
        "{\"ballotId\": \"r-1\", \"voter\": \"u-retry\", \"selections\": [3]}";

    @TempDir
    Path directory;

    @Test
    void aBallotSentTenTimesAtOnceBeforeAndAfterARestartCountsOnce() throws Exception
    {
        final Deployment deployment = Deployment.create(directory);
        final UrneClient api = Deployment.client();
        final String receipt = deployment.receipt(POLL, "r-1");
        final long position;
        try (ServerProcess server = ServerProcess.start(deployment, directory.resolve("first.log")))
        {
            position = sendConcurrently(api, server.url(), receipt, -1);
            assertCountedOnce(api, server.url(), receipt, position);
            server.kill();
        }
        try (ServerProcess server = ServerProcess.start(deployment, directory.resolve("second.log")))
        {
            assertThat(sendConcurrently(api, server.url(), receipt, position)).isEqualTo(position);
            assertCountedOnce(api, server.url(), receipt, position);

            // Copies in flight together may each reach the journal (the core counts one, the rest are duplicates);
            // a conflict the published receipts already show is refused before the journal.
            final long before = postOther(api, server.url(), "r-2");
            final UrneClient.Answer conflict = api.postBallot(server.url(), POLL, Deployment.PLATFORM_TOKEN,
                SAME_ID_OTHER_CONTENT);
            assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
            assertThat(conflict.contentType()).isEqualTo("application/problem+json");
            final JsonNode problem = conflict.json();
            assertThat(problem.get("type").asText()).isEqualTo("/problems/ballot-id-conflict");
            assertThat(problem.get("status").asInt()).isEqualTo(409);
            assertThat(problem.get("detail").asText()).contains("ballotId").contains("different content");
            assertThat(postOther(api, server.url(), "r-3")).as("the conflict journaled nothing").isEqualTo(before + 1);
            assertCountedOnce(api, server.url(), receipt, position);
        }
    }

    /** Posts an opinion of another voter to the consultation; returns its position. */
    private static long postOther(final UrneClient api, final String url, final String ballotId) throws Exception
    {
        final UrneClient.Answer answer = api.postBallot(url, "clermont-2022-consultation", Deployment.PLATFORM_TOKEN,
            "{\"ballotId\": \"" + ballotId + "\", \"voter\": \"u-other\", \"item\": 1, \"choice\": \"for\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("position").asLong();
    }

    /**
     * Sends {@link #BALLOT} {@link #ATTEMPTS} times at once; every answer must be a 202 with the ballot's receipt
     * and one position ({@code expected}, when known). Returns the position.
     */
    private static long sendConcurrently(final UrneClient api, final String url, final String receipt,
        final long expected) throws Exception
    {
        final ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);
        try
        {
            final CountDownLatch go = new CountDownLatch(1);
            final List<Future<UrneClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++)
            {
                answers.add(pool.submit(() ->
                {
                    go.await();
                    return api.postBallot(url, POLL, Deployment.PLATFORM_TOKEN, BALLOT);
                }));
            }
            go.countDown();
            long position = expected;
            for (final Future<UrneClient.Answer> future : answers)
            {
                final UrneClient.Answer answer = future.get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.body()).isEqualTo(202);
                assertThat(answer.json().get("receipt").asText()).isEqualTo(receipt);
                final long answered = answer.json().get("position").asLong();
                if (position < 0)
                {
                    position = answered;
                }
                assertThat(answered).as("every attempt names the one record").isEqualTo(position);
            }
            return position;
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    /** The receipt says counted at {@code position}, and the results count the ballot's three items once. */
    private static void assertCountedOnce(final UrneClient api, final String url, final String receipt,
        final long position) throws Exception
    {
        final UrneClient.Answer lookup = api.receipt(url, POLL, receipt);
        assertThat(lookup.json()).isEqualTo(UrneClient.JSON.readTree(
            "{\"receipt\":\"" + receipt + "\",\"position\":" + position + ",\"status\":\"counted\"}"));
        final JsonNode results = api.resultsAt(url, POLL, position);
        assertThat(results.get("ballots").get("digital").asLong()).isEqualTo(1);
        for (final JsonNode item : results.get("items"))
        {
            final int id = item.get("id").asInt();
            assertThat(item.get("votes").get("digital").asLong()).as("item %d", id)
                .isEqualTo(id == 14 || id == 21 || id == 20 ? 1 : 0);
        }
    }
}
