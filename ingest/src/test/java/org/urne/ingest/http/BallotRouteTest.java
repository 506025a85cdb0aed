package org.urne.ingest.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BallotRouteTest
{
    @Test
    void takesOnlyThePlainBallotPathAndLeavesTheRestToTheRouter()
    {
        assertThat(BallotRoute.pollId("/v1/polls/clermont-2022_v/ballots")).isEqualTo("clermont-2022_v");
        assertThat(BallotRoute.pollId("/v1/polls//ballots")).isNull();
        assertThat(BallotRoute.pollId("/v1/polls/p%31/ballots")).as("percent-encoded: the router decodes").isNull();
        assertThat(BallotRoute.pollId("/v1/polls/p1/ballots/")).isNull();
        assertThat(BallotRoute.pollId("/v1/polls/p1/ballots/batch")).isNull();
        assertThat(BallotRoute.pollId("/v1/polls/a/b/ballots")).isNull();
        assertThat(BallotRoute.pollId("/v1/polls/../ballots")).isNull();
        assertThat(BallotRoute.pollId("/v1//polls/p1/ballots")).isNull();
        assertThat(BallotRoute.pollId(null)).isNull();
    }
}
