package org.urne.cli.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.urne.cli.harness.PollShape;
import org.urne.cli.harness.UrneClient;
import org.urne.tally.journal.VoterKeys;

/**
 * What an operator sets up before {@code urne serve --config}: a configuration file with known tokens, a voter
 * secret outside the journal, the journal directory and the demo polls, all under one temporary directory unless a
 * test puts the journal elsewhere. The test knows the secret, so it can compute any ballot's receipt, answered or
 * not.
 */
final class Deployment
{
    static final String PLATFORM_TOKEN = "faults-test-platform-token";
    static final String OPERATOR_TOKEN = "faults-test-operator-token";
    private static final String SECRET = "a voter secret for the fault tests, longer than thirty-two bytes";
    private static final Path DEMO_POLLS = Path.of("src/dist/config/demo-polls");

    private final Path directory;
    private final Path journal;
    private final Path config;
    private final VoterKeys keys;

    private Deployment(final Path directory, final Path journal, final Path config)
    {
        this.directory = directory;
        this.journal = journal;
        this.config = config;
        this.keys = new VoterKeys(SECRET.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes the configuration, the secret and an empty journal directory under {@code directory}. */
    static Deployment create(final Path directory) throws IOException
    {
        return create(directory, directory.resolve("journal"));
    }

    /**
     * As {@link #create(Path)}, with the journal in {@code journal} (on a filesystem of its own, say) and
     * {@code journalSettings}, YAML lines such as {@code "minFreeBytes: 8388608"}, added under {@code journal:}.
     */
    static Deployment create(final Path directory, final Path journal, final String... journalSettings)
        throws IOException
    {
        final Path secret = directory.resolve("voter-secret");
        final Path config = directory.resolve("urne.yaml");
        Files.createDirectories(journal);
        Files.writeString(secret, SECRET, StandardCharsets.US_ASCII);
        // Port 0: every start binds a new free port, so no client can reach a previous process by mistake. The
        // rate limit is raised out of the way: these tests are about durability, not throttling.
        final List<String> yaml = new ArrayList<>(List.of(
            "http:",
            "  host: 127.0.0.1",
            "  port: 0",
            "  eventLoops: 2",
            "journal:",
            "  dir: " + journal.toAbsolutePath()));
        for (final String setting : journalSettings)
        {
            yaml.add("  " + setting);
        }
        yaml.addAll(List.of(
            "polls:",
            "  dir: " + DEMO_POLLS.toAbsolutePath(),
            "security:",
            "  voterSecretFile: " + secret.toAbsolutePath(),
            "  tokens:",
            "    - {name: platform, role: platform, sha256: \"" + sha256(PLATFORM_TOKEN) + "\"}",
            "    - {name: operators, role: operator, sha256: \"" + sha256(OPERATOR_TOKEN) + "\"}",
            "rateLimit:",
            "  requestsPerSecond: 1000000",
            "  burst: 1000000",
            // The audits read every receipt back from one address, as fast as the server answers: not what the
            // per-client limit of public reads is for.
            "publicReads:",
            "  requestsPerSecond: 1000000",
            "  burst: 1000000",
            ""));
        Files.writeString(config, String.join("\n", yaml), StandardCharsets.UTF_8);
        return new Deployment(directory, journal, config);
    }

    Path directory()
    {
        return directory;
    }

    Path journal()
    {
        return journal;
    }

    Path config()
    {
        return config;
    }

    /** The receipt the server gives {@code ballotId} in {@code pollId}: a keyed hash the test can compute too. */
    String receipt(final String pollId, final String ballotId)
    {
        return keys.ballotKey(pollId, ballotId).toHex();
    }

    /** The three demo polls {@code serve} loads from {@code config/demo-polls}. */
    static List<PollShape> demoPolls() throws IOException
    {
        return PollShape.fromDirectory(DEMO_POLLS);
    }

    /** The voter keys of the secret, so a client model knows every receipt in advance. */
    VoterKeys keys()
    {
        return keys;
    }

    /**
     * A client with the deployment's tokens and a generous timeout for a loaded machine, for calls that name their
     * server's URL (each start binds a new port).
     */
    static UrneClient client()
    {
        return new UrneClient(List.of(), PLATFORM_TOKEN, OPERATOR_TOKEN, Duration.ofSeconds(30));
    }

    private static String sha256(final String token)
    {
        try
        {
            return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
