package org.urne.ingest.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollPathTest
{
    @Test
    void takesOnlyThePlainPathOfItsRouteAndLeavesTheRestToTheRouter()
    {
        assertThat(PollPath.id("/v1/polls/clermont-2022_v/ballots", "/ballots")).isEqualTo("clermont-2022_v");
        assertThat(PollPath.id("/v1/polls//ballots", "/ballots")).isNull();
        assertThat(PollPath.id("/v1/polls/p%31/ballots", "/ballots")).as("percent-encoded: the router decodes").isNull();
        assertThat(PollPath.id("/v1/polls/p1/ballots/", "/ballots")).isNull();
        assertThat(PollPath.id("/v1/polls/p1/ballots/batch", "/ballots")).isNull();
        assertThat(PollPath.id("/v1/polls/a/b/ballots", "/ballots")).isNull();
        assertThat(PollPath.id("/v1/polls/../ballots", "/ballots")).isNull();
        assertThat(PollPath.id("/v1//polls/p1/ballots", "/ballots")).isNull();
        assertThat(PollPath.id(null, "/ballots")).isNull();
    }

    @Test
    void theResultsRouteTakesItsJsonOnly()
    {
        assertThat(PollPath.id("/v1/polls/p1/results", "/results")).isEqualTo("p1");
        assertThat(PollPath.id("/v1/polls/p1/results.csv", "/results")).isNull();
        assertThat(PollPath.id("/v1/polls/p1/results/live", "/results")).isNull();
        assertThat(PollPath.id("/v1/polls/p1/ballots", "/results")).isNull();
        assertThat(ResultsRoute.TEMPLATE).isEqualTo("/v1/polls/{pollId}/results");
        assertThat(BallotRoute.TEMPLATE).isEqualTo("/v1/polls/{pollId}/ballots");
    }
}
