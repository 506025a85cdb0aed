package org.urne.tally.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * How one cluster node runs: who the members are, where it keeps its files, and the settings every member must
 * share. Ports follow Aeron's tutorial layout, from {@code portBase}: member {@code N} uses {@code portBase + 100 N}
 * plus 1 (archive control), 2 (ingress), 3 (consensus), 4 (log), 5 (catch-up).
 *
 * @param memberId              this node's index in {@code hosts}.
 * @param hosts                 every member's host name or address, by member id.
 * @param portBase              the first port of the layout above.
 * @param nodeDir               this node's directory: {@code archive/}, {@code cluster/}, {@code journal/} and, unless
 *                              {@code aeronDir} says otherwise, the media driver's {@code aeron/}.
 * @param aeronDir              the media driver's directory (term buffers: memory-backed in production), or null.
 * @param fsync                 file sync level 1 on the archive, its catalog and the consensus module: a 202 means
 *                              on the disks of a majority; false leaves it to the page cache (level 0).
 * @param failoverNs            the leader heartbeat timeout: how long followers wait before electing a new leader.
 * @param termLength            the log's term buffer length (a power of two, 64 KB to 1 GB).
 * @param ackTimeoutNs          how long the edge waits for a leader's answer before telling the client to retry.
 * @param publishIntervalMicros the least time between two published results snapshots.
 * @param snapshotIntervalNs    how often the leader has the cluster take a snapshot; 0 for never.
 */
public record ClusterNodeContext(int memberId, List<String> hosts, int portBase, Path nodeDir, Path aeronDir,
    boolean fsync, long failoverNs, int termLength, long ackTimeoutNs, long publishIntervalMicros,
    long snapshotIntervalNs)
{
    static final int ARCHIVE_CONTROL_PORT = 1;
    static final int INGRESS_PORT = 2;
    static final int CONSENSUS_PORT = 3;
    static final int LOG_PORT = 4;
    static final int CATCHUP_PORT = 5;
    private static final int PORTS_PER_MEMBER = 100;

    public ClusterNodeContext
    {
        hosts = List.copyOf(hosts);
        if (memberId < 0 || memberId >= hosts.size())
        {
            throw new IllegalArgumentException("member id " + memberId + " is not one of the " + hosts.size() +
                " members (0 to " + (hosts.size() - 1) + ")");
        }
        if (Integer.bitCount(termLength) != 1 || termLength < 64 * 1024 || termLength > 1 << 30)
        {
            throw new IllegalArgumentException("the term length must be a power of two from 64k to 1g, got " +
                termLength);
        }
        if (portBase < 1024 || portBase + PORTS_PER_MEMBER * hosts.size() > 65_535)
        {
            throw new IllegalArgumentException("port base " + portBase + " leaves no room for " + hosts.size() +
                " members' ports (" + PORTS_PER_MEMBER + " each)");
        }
    }

    /** A port of a member's layout. */
    public int port(final int member, final int offset)
    {
        return portBase + PORTS_PER_MEMBER * member + offset;
    }

    /** This node's host. */
    public String host()
    {
        return hosts.get(memberId);
    }

    /** The media driver's directory. */
    public Path driverDir()
    {
        return aeronDir != null ? aeronDir : nodeDir.resolve("aeron");
    }

    /** Aeron's member list: {@code id,ingress,consensus,log,catchup,archive|...}. */
    String clusterMembers()
    {
        final StringBuilder members = new StringBuilder();
        for (int id = 0; id < hosts.size(); id++)
        {
            final String host = hosts.get(id);
            members.append(id).append(',').append(host).append(':').append(port(id, INGRESS_PORT))
                .append(',').append(host).append(':').append(port(id, CONSENSUS_PORT))
                .append(',').append(host).append(':').append(port(id, LOG_PORT))
                .append(',').append(host).append(':').append(port(id, CATCHUP_PORT))
                .append(',').append(host).append(':').append(port(id, ARCHIVE_CONTROL_PORT)).append('|');
        }
        return members.toString();
    }

    /** The client's list of members' ingress: {@code id=host:port,...}. */
    String ingressEndpoints()
    {
        final StringBuilder endpoints = new StringBuilder();
        for (int id = 0; id < hosts.size(); id++)
        {
            endpoints.append(id == 0 ? "" : ",").append(id).append('=').append(hosts.get(id)).append(':')
                .append(port(id, INGRESS_PORT));
        }
        return endpoints.toString();
    }
}
