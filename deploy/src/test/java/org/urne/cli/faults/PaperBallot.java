package org.urne.cli.faults;

import java.io.IOException;

import org.urne.cli.harness.UrneClient;

/**
 * A paper ballot for one item of the demo votation, as an operator types it at the stand of Place de Jaude: what the
 * tests of a full disk and a damaged journal send, one small record each.
 *
 * @param ballotId the ballot's idempotency key.
 * @param voter    the voter id, unique per ballot in these tests.
 * @param item     the one item selected.
 */
record PaperBallot(String ballotId, String voter, int item)
{
    static final String POLL = "clermont-2022-votation";

    UrneClient.Answer post(final UrneClient api, final String url) throws IOException, InterruptedException
    {
        return api.postBallot(url, POLL, Deployment.OPERATOR_TOKEN, "{\"ballotId\": \"" + ballotId +
            "\", \"voter\": \"" + voter + "\", \"channel\": \"paper\", \"stand\": \"jaude\", \"selections\": [" + item +
            "]}");
    }
}
