package org.urne.ingest.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.urne.ingest.parse.BallotParser;
import org.urne.tally.journal.JournalContext;

/**
 * Everything a server is told, from a YAML file, then {@code URNE_*} environment variables, over the defaults of
 * {@link #defaults()}. Every key and variable is documented in {@code ingest/CONFIG.md}. Holds no secret: the voter
 * key secret is read from {@link Security#voterSecretFile()} or {@code URNE_VOTER_SECRET} by the server.
 *
 * @param http      where and how to listen.
 * @param journal   where the journal lives and how durable an acknowledgement is.
 * @param polls     poll definitions to load at start.
 * @param security  tokens and the voter secret's file.
 * @param limits    sizes and depths a request may reach.
 * @param rateLimit   the per-token token bucket.
 * @param tally       the tally agent's pacing.
 * @param management  the separate port {@code /metrics} may listen on.
 * @param publicReads the per-client limit of the routes anyone may read.
 * @param embedding   which other sites may read the API from a browser and frame the embeddable results.
 */
public record UrneConfig(Http http, Journal journal, Polls polls, Security security, Limits limits,
    RateLimit rateLimit, Tally tally, Management management, PublicReads publicReads, Embedding embedding)
{
    /**
     * @param host       the interface to bind.
     * @param port       the port; 0 picks a free one.
     * @param eventLoops event loops and verticle instances; 0 means one per two cores, at least one.
     * @param transport  {@value #IO_URING} (Netty's io_uring transport where the kernel allows it, Java's NIO
     *                   otherwise) or {@value #NIO}; the default is {@value #IO_URING}.
     * @param tls        HTTPS settings.
     */
    public record Http(String host, int port, int eventLoops, String transport, Tls tls)
    {
        public static final String IO_URING = "io_uring";
        public static final String NIO = "nio";

        public Http
        {
            transport = transport == null ? IO_URING : transport.toLowerCase(Locale.ROOT);
            if (!transport.equals(IO_URING) && !transport.equals(NIO))
            {
                throw new IllegalArgumentException("http.transport must be " + IO_URING + " or " + NIO + ", got " +
                    transport);
            }
        }

        /** Whether the event loops should run on io_uring, which Vert.x does when the kernel allows it. */
        public boolean prefersIoUring()
        {
            return transport.equals(IO_URING);
        }

        /**
         * The event loops to run. By default one per two cores: the journal writer and the kernel's network work
         * need the others, and every loop beyond what the load needs costs each ballot more wake-ups. On 2 cores one
         * loop took 14 % more ballots than two and 15 % more than four under the same wrk load (docs/load.md).
         */
        public int eventLoopCount()
        {
            return eventLoops > 0 ? eventLoops : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
    }

    /**
     * @param enabled  serve HTTPS instead of HTTP.
     * @param keyPath  the PEM private key.
     * @param certPath the PEM certificate chain.
     */
    public record Tls(boolean enabled, String keyPath, String certPath)
    {
    }

    /**
     * @param dir          the journal's directory.
     * @param durability   {@code fsync} (acknowledged records survive a power loss) or {@code page-cache} (they survive a
     *                     process crash only).
     * @param ringCapacity bytes between HTTP threads and the journal writer, a power of two.
     * @param minFreeBytes the free space the journal's filesystem keeps: below it, writes get 503 and nothing is
     *                     journaled (a write to a full disk through Chronicle's mapped files would kill the process).
     */
    public record Journal(String dir, String durability, int ringCapacity, long minFreeBytes)
    {
    }

    /** @param dir a directory of {@code *.json} poll definitions loaded at start, or null for none. */
    public record Polls(String dir)
    {
    }

    /**
     * @param voterSecretFile the file holding the voter key secret (at least 32 bytes), outside the journal directory.
     * @param tokens          the API tokens; none at all starts demo mode with random tokens.
     */
    public record Security(String voterSecretFile, List<Token> tokens)
    {
        public Security
        {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    /**
     * @param name     who holds it, for logs and metrics.
     * @param role     {@code platform}, {@code operator} or {@code paper}.
     * @param sha256   the token's SHA-256, in hex: the token itself is never stored.
     * @param channels the channels a platform token may post; {@code [digital]} when absent ({@code [paper]} for a
     *                 paper token, whatever is given).
     * @param polls    the polls a paper token enters paper for (required for it), or null.
     * @param stands   the stands a paper token enters paper for, or null: every stand of its polls.
     */
    public record Token(String name, String role, String sha256, List<String> channels, List<String> polls,
        List<String> stands, String assembly)
    {
        public Token
        {
            channels = "paper".equals(role) ? List.of("paper") : channels == null || channels.isEmpty() ?
                List.of(BallotParser.DEFAULT_CHANNEL) : List.copyOf(channels);
            polls = polls == null ? null : List.copyOf(polls);
            stands = stands == null ? null : List.copyOf(stands);
        }

        /** A platform or operator token: no poll, stand or assembly scope. */
        public Token(final String name, final String role, final String sha256, final List<String> channels)
        {
            this(name, role, sha256, channels, null, null, null);
        }

        /** A paper token (or a platform's or operator's): no assembly scope. */
        public Token(final String name, final String role, final String sha256, final List<String> channels,
            final List<String> polls, final List<String> stands)
        {
            this(name, role, sha256, channels, polls, stands, null);
        }
    }

    /**
     * @param ballotBytes            the largest single-ballot body.
     * @param batchBytes             the largest batch body.
     * @param definitionBytes        the largest poll definition or tally sheet body.
     * @param batchBallots           the most ballots in one batch.
     * @param maxNestingDepth        the deepest JSON nesting.
     * @param maxStringLength        the longest JSON string or field name, in characters.
     * @param maxNumberLength        the longest JSON number, in characters.
     * @param castAtMaxFutureSeconds how far a ballot's castAt may be ahead of the server clock.
     * @param retryAfterSeconds      what {@code Retry-After} says on a 503.
     */
    public record Limits(int ballotBytes, int batchBytes, int definitionBytes, int batchBallots, int maxNestingDepth,
        int maxStringLength, int maxNumberLength, int castAtMaxFutureSeconds, int retryAfterSeconds)
    {
    }

    /**
     * @param requestsPerSecond the sustained request rate per token.
     * @param burst             the requests a token may make at once after a quiet spell.
     */
    public record RateLimit(double requestsPerSecond, int burst)
    {
    }

    /**
     * @param publishIntervalMillis the least time between two results snapshots.
     * @param batchLimit            the most journal records replayed per duty cycle at start.
     */
    public record Tally(int publishIntervalMillis, int batchLimit)
    {
    }

    /**
     * @param host the interface the management port binds.
     * @param port the management port, serving {@code /metrics} and the health checks without a token; null for
     *             none (then {@code /metrics} is on the API port and needs an operator token); 0 picks a free one.
     */
    public record Management(String host, Integer port)
    {
    }

    /**
     * @param requestsPerSecond the sustained rate of counted requests per client (a 304 is not counted).
     * @param burst             the requests a client may make at once after a quiet spell.
     * @param maxClients        the most clients tracked at once; idle ones are forgotten first.
     * @param trustedProxies    the addresses of the reverse proxies whose {@code X-Forwarded-For} names the client.
     */
    public record PublicReads(double requestsPerSecond, int burst, int maxClients, List<String> trustedProxies)
    {
        public PublicReads
        {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }
    }

    /**
     * @param allowedOrigins the origins ({@code https://www.example.org}, exactly) whose pages may read the public
     *                       API from a browser (CORS); none by default.
     * @param frameAncestors the origins whose pages may frame {@code /embed/{pollId}}; none by default. The results
     *                       page itself is never framed.
     */
    public record Embedding(List<String> allowedOrigins, List<String> frameAncestors)
    {
        private static final Pattern ORIGIN =
            Pattern.compile("https?://(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

        public Embedding
        {
            allowedOrigins = origins("embedding.allowedOrigins", allowedOrigins);
            frameAncestors = origins("embedding.frameAncestors", frameAncestors);
        }

        private static List<String> origins(final String key, final List<String> origins)
        {
            if (origins == null)
            {
                return List.of();
            }
            for (final String origin : origins)
            {
                if (origin == null || !ORIGIN.matcher(origin).matches())
                {
                    throw new IllegalArgumentException(key + ": " + origin + " is not an origin: give the scheme, " +
                        "the host and the port if it is not the scheme's, as https://www.example.org, no path");
                }
            }
            return List.copyOf(origins);
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();

    /** The defaults: localhost, an fsync'd journal in {@code ./urne-journal}, generous limits, demo tokens. */
    public static UrneConfig defaults()
    {
        return new UrneConfig(
            new Http("127.0.0.1", 8080, 0, Http.IO_URING, new Tls(false, null, null)),
            new Journal("urne-journal", "fsync", JournalContext.DEFAULT_RING_CAPACITY,
                JournalContext.DEFAULT_MIN_FREE_BYTES),
            new Polls(null),
            new Security(null, List.of()),
            new Limits(64 * 1024, 16 * 1024 * 1024, 1024 * 1024, 10_000, 32, 100_000, 40, 300, 1),
            new RateLimit(25_000, 50_000),
            new Tally(100, 4096),
            new Management("127.0.0.1", null),
            new PublicReads(200, 400, 100_000, List.of()),
            new Embedding(List.of(), List.of()));
    }

    /** The defaults overridden by {@code file} (when not null) and then by {@code env}'s {@code URNE_*} variables. */
    public static UrneConfig load(final Path file, final Map<String, String> env) throws IOException
    {
        JsonNode overrides = null;
        if (file != null)
        {
            overrides = YAML.readTree(Files.readAllBytes(file));
            if (overrides != null && !overrides.isMissingNode() && !overrides.isNull() && !overrides.isObject())
            {
                throw new IOException(file + ": the configuration must be a YAML mapping");
            }
        }
        return load(overrides, env);
    }

    /**
     * The defaults overridden by a parsed YAML mapping (null or missing for none), then by {@code env}: a cluster's
     * file carries every node's settings under one key.
     */
    public static UrneConfig load(final JsonNode overrides, final Map<String, String> env) throws IOException
    {
        final ObjectNode tree = YAML.valueToTree(defaults());
        if (overrides instanceof ObjectNode mapping)
        {
            merge(tree, mapping);
        }
        EnvironmentOverrides.apply(tree, env);
        return YAML.treeToValue(tree, UrneConfig.class);
    }

    /** This configuration with another HTTP port: tests and the CLI's {@code --port}. */
    public UrneConfig withPort(final int port)
    {
        return new UrneConfig(new Http(http.host(), port, http.eventLoops(), http.transport(), http.tls()), journal,
            polls, security, limits, rateLimit, tally, management, publicReads, embedding);
    }

    /** This configuration with another HTTP interface and port: a cluster member's, from the cluster file. */
    public UrneConfig withHttp(final String host, final int port)
    {
        return new UrneConfig(new Http(host, port, http.eventLoops(), http.transport(), http.tls()), journal, polls,
            security, limits, rateLimit, tally, management, publicReads, embedding);
    }

    /** This configuration with another journal directory. */
    public UrneConfig withJournalDir(final String dir)
    {
        return new UrneConfig(http, new Journal(dir, journal.durability(), journal.ringCapacity(),
            journal.minFreeBytes()), polls, security,
            limits, rateLimit, tally, management, publicReads, embedding);
    }

    /** This configuration with other security settings. */
    public UrneConfig withSecurity(final Security security)
    {
        return new UrneConfig(http, journal, polls, security, limits, rateLimit, tally, management, publicReads,
            embedding);
    }

    /** This configuration with another poll directory. */
    public UrneConfig withPollsDir(final String dir)
    {
        return new UrneConfig(http, journal, new Polls(dir), security, limits, rateLimit, tally, management,
            publicReads, embedding);
    }

    /** This configuration with other limits. */
    public UrneConfig withLimits(final Limits limits)
    {
        return new UrneConfig(http, journal, polls, security, limits, rateLimit, tally, management, publicReads,
            embedding);
    }

    /** This configuration with another rate limit. */
    public UrneConfig withRateLimit(final RateLimit rateLimit)
    {
        return new UrneConfig(http, journal, polls, security, limits, rateLimit, tally, management, publicReads,
            embedding);
    }

    /** This configuration with another management port. */
    public UrneConfig withManagement(final Management management)
    {
        return new UrneConfig(http, journal, polls, security, limits, rateLimit, tally, management, publicReads,
            embedding);
    }

    /** This configuration with another limit on public reads. */
    public UrneConfig withPublicReads(final PublicReads publicReads)
    {
        return new UrneConfig(http, journal, polls, security, limits, rateLimit, tally, management, publicReads,
            embedding);
    }

    /** This configuration with other embedding settings. */
    public UrneConfig withEmbedding(final Embedding embedding)
    {
        return new UrneConfig(http, journal, polls, security, limits, rateLimit, tally, management, publicReads,
            embedding);
    }

    private static void merge(final ObjectNode base, final ObjectNode overrides)
    {
        overrides.properties().forEach(entry ->
        {
            final JsonNode current = base.get(entry.getKey());
            if (current instanceof ObjectNode currentObject && entry.getValue() instanceof ObjectNode next)
            {
                merge(currentObject, next);
            }
            else
            {
                base.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
