package org.urne.ingest.cluster;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import io.vertx.core.json.JsonObject;
import org.urne.tally.cluster.ClusterNode;

/**
 * What a node's {@code /v1/cluster} routes say about the cluster: this member's own line (its role, the position it
 * has applied and its state hash there, its process id), and where the other members' HTTP APIs are, to ask them
 * for theirs.
 */
public final class ClusterView
{
    private final ClusterNode node;
    private final List<String> memberUrls;

    /**
     * @param node       this member.
     * @param memberUrls every member's HTTP base URL, by member id.
     */
    public ClusterView(final ClusterNode node, final List<String> memberUrls)
    {
        this.node = node;
        this.memberUrls = List.copyOf(memberUrls);
    }

    /** This member's id. */
    public int selfId()
    {
        return node.context().memberId();
    }

    /** Every member's HTTP base URL, by id. */
    public List<String> memberUrls()
    {
        return memberUrls;
    }

    /**
     * This member's line: {@code {"id", "role", "url", "pid", "position", "stateHash"}}, once the service thread has
     * computed the hash (between two records).
     */
    public CompletableFuture<JsonObject> self()
    {
        return node.service().stateAt().thenApply(state -> new JsonObject()
            .put("id", selfId())
            .put("role", node.role().name().toLowerCase(Locale.ROOT))
            .put("url", memberUrls.get(selfId()))
            .put("pid", ProcessHandle.current().pid())
            .put("position", state.position())
            .put("stateHash", String.format("%016x", state.stateHash())));
    }

    /** The line of a member that did not answer. */
    public JsonObject unreachable(final int id)
    {
        return new JsonObject().put("id", id).put("role", "unreachable").put("url", memberUrls.get(id))
            .putNull("pid").putNull("position").putNull("stateHash");
    }
}
