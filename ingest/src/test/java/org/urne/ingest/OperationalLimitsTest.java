package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.HttpApiTest.assertProblem;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;
import org.urne.ingest.config.UrneConfig;

class OperationalLimitsTest
{
    @Test
    void rateLimitsPerTokenWithRetryAfter(@TempDir final Path root) throws Exception
    {
        try (TestServer urne = new TestServer(root, config -> config.withRateLimit(new UrneConfig.RateLimit(0.5, 3))))
        {
            urne.openPoll(priorityPoll("rated"));
            Response last = null;
            for (int i = 0; i < 5; i++)
            {
                last = urne.postJson("/v1/polls/rated/ballots", PLATFORM, ballot("r-" + i, "u-" + i, 14));
            }
            assertProblem(last, 429);
            assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
        }
    }

    @Test
    void aJournalThatTakesNothingIsA503WithRetryAfter(@TempDir final Path root) throws Exception
    {
        try (TestServer urne = new TestServer(root, config -> config))
        {
            urne.openPoll(priorityPoll("unavailable"));
            urne.server.journal().close();
            final Response refused = urne.postJson("/v1/polls/unavailable/ballots", PLATFORM, ballot("b", "u", 14));
            assertProblem(refused, 503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
        }
    }
}
