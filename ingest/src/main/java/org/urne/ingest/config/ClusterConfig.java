package org.urne.ingest.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * One file for a whole cluster: its members, ports, directories and durability, and under {@code node} the settings
 * every node's HTTP edge shares (tokens, voter secret, limits, poll directory: the {@code urne serve} file's keys).
 * Every member reads the same file and is told its own id on the command line.
 *
 * <pre>{@code
 * members:                 # by member id: where its Aeron ports and its HTTP API listen
 *   - {host: 10.0.0.1, httpPort: 8080}
 *   - {host: 10.0.0.2, httpPort: 8080}
 *   - {host: 10.0.0.3, httpPort: 8080}
 * portBase: 9000           # Aeron UDP ports: portBase + 100 * id + 1..5
 * durability: fsync        # fsync (a 202 is on the disks of a majority) or replicated (in their page caches)
 * failoverMillis: 2000     # leader heartbeat timeout
 * termLength: 16777216     # the log's term buffer, bytes
 * dataDir: /var/lib/urne   # node N keeps node-N/{archive,cluster,journal} here
 * aeronDir: /dev/shm/urne  # node N's media driver in aeronDir/node-N (default: dataDir/node-N/aeron)
 * snapshotMinutes: 15     # the leader has the cluster take a snapshot this often (0: never)
 * node: {security: {...}, polls: {dir: ...}}
 * }</pre>
 *
 * @param members          every member, by id.
 * @param portBase         the first Aeron port.
 * @param durability       {@code fsync} or {@code replicated}.
 * @param failoverMillis   how long followers wait for a silent leader before electing another.
 * @param termLength       the log's term buffer length in bytes (a power of two).
 * @param ackTimeoutMillis how long a node waits for the leader's answer before a 503; 0 means failover + 0.3 s.
 * @param dataDir          the parent of every node's data directory.
 * @param aeronDir         the parent of every node's media driver directory, or null for inside its data directory.
 * @param snapshotMinutes  how often the leader has the cluster take a snapshot; 0 for never.
 * @param node             the settings of every node's HTTP edge.
 */
public record ClusterConfig(List<Member> members, int portBase, String durability, long failoverMillis,
    int termLength, long ackTimeoutMillis, String dataDir, String aeronDir, int snapshotMinutes, UrneConfig node)
{
    /**
     * @param host     the member's host name or address: its Aeron endpoints, and its HTTP API's.
     * @param httpPort the member's HTTP port.
     */
    public record Member(String host, int httpPort)
    {
        /** The member's HTTP base URL, as {@code urne cluster demo} prints it. */
        public String url(final boolean tls)
        {
            return (tls ? "https" : "http") + "://" + host + ":" + httpPort;
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();

    public ClusterConfig
    {
        members = members == null ? List.of() : List.copyOf(members);
        if (members.size() < 1)
        {
            throw new IllegalArgumentException("a cluster needs members (3 or 5)");
        }
        durability = durability == null ? "fsync" : durability.toLowerCase(Locale.ROOT);
        if (!durability.equals("fsync") && !durability.equals("replicated"))
        {
            throw new IllegalArgumentException("durability must be fsync or replicated, got " + durability);
        }
        if (snapshotMinutes < 0)
        {
            throw new IllegalArgumentException("snapshotMinutes must be 0 (never) or more, got " + snapshotMinutes);
        }
        if (failoverMillis < 200)
        {
            throw new IllegalArgumentException("failoverMillis must be at least 200, got " + failoverMillis);
        }
    }

    /** Reads a cluster file; {@code env}'s {@code URNE_*} variables override its {@code node} settings. */
    public static ClusterConfig load(final Path file, final Map<String, String> env) throws IOException
    {
        final JsonNode tree = YAML.readTree(Files.readAllBytes(file));
        if (!(tree instanceof ObjectNode mapping))
        {
            throw new IOException(file + ": the cluster configuration must be a YAML mapping");
        }
        final UrneConfig node = UrneConfig.load(mapping.remove("node"), env);
        final ObjectNode defaults = YAML.valueToTree(new ClusterConfig(List.of(new Member("127.0.0.1", 8080)), 9000,
            "fsync", 2000, 16 * 1024 * 1024, 0, "urne-cluster", null, 15, null));
        defaults.remove("node");
        defaults.setAll(mapping);
        final ClusterConfig config = YAML.treeToValue(defaults, ClusterConfig.class);
        return new ClusterConfig(config.members, config.portBase, config.durability, config.failoverMillis,
            config.termLength, config.ackTimeoutMillis, config.dataDir, config.aeronDir, config.snapshotMinutes, node);
    }

    /** How long a node waits for a leader's answer before it tells the client to retry. */
    public long effectiveAckTimeoutMillis()
    {
        return ackTimeoutMillis > 0 ? ackTimeoutMillis : failoverMillis + 300;
    }

    /** Writes this configuration as YAML (the {@code node} part included), as {@code urne cluster demo} does. */
    public void write(final Path file) throws IOException
    {
        Files.write(file, YAML.writeValueAsBytes(this));
    }
}
