package org.urne.cli.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.urne.cli.harness.BallotModel;
import org.urne.cli.harness.PlannedBallot;

/**
 * {@code POST /v1/polls/{id}/ballots} of one planned ballot; its outcome goes into the model: a 202 with its receipt
 * and position, any other status refused, no answer (status 0) unanswered.
 */
final class BallotExchange implements Exchange
{
    private final PlannedBallot ballot;
    private final String authorization;
    private final BallotModel model;

    BallotExchange(final PlannedBallot ballot, final String authorization, final BallotModel model)
    {
        this.ballot = ballot;
        this.authorization = authorization;
        this.model = model;
    }

    @Override
    public HttpMethod method()
    {
        return HttpMethod.POST;
    }

    @Override
    public String path()
    {
        return "/v1/polls/" + ballot.poll().id() + "/ballots";
    }

    @Override
    public void headers(final HttpClientRequest request)
    {
        request.putHeader("Authorization", authorization).putHeader("Content-Type", "application/json");
    }

    @Override
    public Buffer body()
    {
        return Buffer.buffer(ballot.body());
    }

    @Override
    public void answered(final int status, final String etag, final Buffer body)
    {
        if (status == 202)
        {
            final JsonObject answer = body.toJsonObject();
            model.acknowledged(ballot, answer.getString("receipt"), answer.getLong("position"));
        }
        else if (status == 0)
        {
            model.unanswered(ballot);
        }
        else
        {
            model.refused(ballot, status, body == null ? "" : body.toString());
        }
    }
}
