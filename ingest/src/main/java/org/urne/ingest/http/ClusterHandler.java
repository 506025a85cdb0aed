package org.urne.ingest.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.cluster.ClusterView;
import org.urne.ingest.problem.ProblemType;

/**
 * {@code GET /v1/cluster}: every member's line, this one's from its own service and the others' asked over HTTP
 * ({@code GET /v1/cluster/self}, with the caller's own credentials), a member that does not answer within a second
 * shown as {@code unreachable}. Operators only. A single server ({@code urne serve}) is no cluster member: both
 * routes answer 404 there.
 */
final class ClusterHandler
{
    private static final long PEER_TIMEOUT_MILLIS = 1000;
    private static final long SELF_TIMEOUT_SECONDS = 5;

    private final ClusterView view;
    private final HttpClient peers;

    /**
     * @param view this member's view of its cluster, or null on a single server.
     */
    ClusterHandler(final Vertx vertx, final ClusterView view)
    {
        this.view = view;
        // The caller's operator token goes to the peers: only over a connection whose certificate the JVM trusts.
        this.peers = view == null ? null : vertx.createHttpClient(new HttpClientOptions()
            .setConnectTimeout((int)PEER_TIMEOUT_MILLIS));
    }

    void self(final RoutingContext ctx)
    {
        if (view == null)
        {
            notAMember(ctx);
            return;
        }
        selfLine().onComplete(result ->
        {
            if (result.succeeded())
            {
                Responses.json(ctx, 200, result.result());
            }
            else
            {
                Responses.problem(ctx, ProblemType.NOT_READY.retryAfter("this member's service did not answer: it " +
                    "is starting, stopping or loading a snapshot", 1));
            }
        });
    }

    void members(final RoutingContext ctx)
    {
        if (view == null)
        {
            notAMember(ctx);
            return;
        }
        final String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        final List<Future<JsonObject>> lines = new ArrayList<>();
        for (int id = 0; id < view.memberUrls().size(); id++)
        {
            final int member = id;
            final Future<JsonObject> line = id == view.selfId() ? selfLine() : peerLine(id, authorization);
            lines.add(line.otherwise(failure -> view.unreachable(member)));
        }
        Future.join(lines).onComplete(done ->
        {
            final JsonArray members = new JsonArray();
            lines.forEach(line -> members.add(line.result()));
            Responses.json(ctx, 200, new JsonObject().put("members", members));
        });
    }

    private static void notAMember(final RoutingContext ctx)
    {
        Responses.problem(ctx, ProblemType.NOT_FOUND.problem("this server runs alone (urne serve), not as a " +
            "cluster member: /v1/cluster answers on the members of a cluster (urne cluster node)"));
    }

    private Future<JsonObject> selfLine()
    {
        return Future.fromCompletionStage(view.self().orTimeout(SELF_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private Future<JsonObject> peerLine(final int id, final String authorization)
    {
        final RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
            .setAbsoluteURI(view.memberUrls().get(id) + "/v1/cluster/self")
            .setIdleTimeout(PEER_TIMEOUT_MILLIS);
        if (authorization != null)
        {
            request.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        return peers.request(request)
            .compose(sent -> sent.send())
            .compose(response -> response.statusCode() == 200 ? response.body() :
                Future.failedFuture("member " + id + " answered " + response.statusCode()))
            .map(Buffer::toJsonObject);
    }
}
