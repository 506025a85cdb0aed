package org.urne.ingest.config;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code URNE_*} environment variables and the configuration keys they override. Values are YAML scalars, so
 * {@code URNE_HTTP_PORT=9090} sets a number and {@code URNE_TLS_ENABLED=true} a boolean.
 */
public final class EnvironmentOverrides
{
    static final Map<String, String> KEYS = new LinkedHashMap<>();

    static
    {
        KEYS.put("URNE_HTTP_HOST", "http.host");
        KEYS.put("URNE_HTTP_PORT", "http.port");
        KEYS.put("URNE_HTTP_EVENT_LOOPS", "http.eventLoops");
        KEYS.put("URNE_HTTP_TRANSPORT", "http.transport");
        KEYS.put("URNE_TLS_ENABLED", "http.tls.enabled");
        KEYS.put("URNE_TLS_KEY_PATH", "http.tls.keyPath");
        KEYS.put("URNE_TLS_CERT_PATH", "http.tls.certPath");
        KEYS.put("URNE_JOURNAL_DIR", "journal.dir");
        KEYS.put("URNE_JOURNAL_DURABILITY", "journal.durability");
        KEYS.put("URNE_JOURNAL_RING_CAPACITY", "journal.ringCapacity");
        KEYS.put("URNE_JOURNAL_MIN_FREE_BYTES", "journal.minFreeBytes");
        KEYS.put("URNE_POLLS_DIR", "polls.dir");
        KEYS.put("URNE_VOTER_SECRET_FILE", "security.voterSecretFile");
        KEYS.put("URNE_LIMIT_BALLOT_BYTES", "limits.ballotBytes");
        KEYS.put("URNE_LIMIT_BATCH_BYTES", "limits.batchBytes");
        KEYS.put("URNE_LIMIT_DEFINITION_BYTES", "limits.definitionBytes");
        KEYS.put("URNE_LIMIT_BATCH_BALLOTS", "limits.batchBallots");
        KEYS.put("URNE_RATE_PER_SECOND", "rateLimit.requestsPerSecond");
        KEYS.put("URNE_RATE_BURST", "rateLimit.burst");
        KEYS.put("URNE_PUBLISH_INTERVAL_MILLIS", "tally.publishIntervalMillis");
        KEYS.put("URNE_MANAGEMENT_HOST", "management.host");
        KEYS.put("URNE_MANAGEMENT_PORT", "management.port");
        KEYS.put("URNE_PUBLIC_RATE_PER_SECOND", "publicReads.requestsPerSecond");
        KEYS.put("URNE_PUBLIC_RATE_BURST", "publicReads.burst");
    }

    private EnvironmentOverrides()
    {
    }

    static void apply(final ObjectNode tree, final Map<String, String> env)
    {
        for (final Map.Entry<String, String> entry : KEYS.entrySet())
        {
            final String value = env.get(entry.getKey());
            if (value != null)
            {
                set(tree, entry.getValue().split("\\."), value);
            }
        }
    }

    private static void set(final ObjectNode tree, final String[] path, final String value)
    {
        ObjectNode node = tree;
        for (int i = 0; i < path.length - 1; i++)
        {
            node = node.has(path[i]) && node.get(path[i]).isObject() ? (ObjectNode)node.get(path[i]) :
                node.putObject(path[i]);
        }
        // Text is enough: Jackson coerces "9090" to an int and "true" to a boolean when binding.
        node.put(path[path.length - 1], value);
    }
}
