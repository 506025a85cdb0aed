package org.urne.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.urne.ingest.UrneServer;
import org.urne.ingest.config.UrneConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the service until SIGTERM or Ctrl-C, then stops gracefully. With {@code --config}, exactly as configured;
 * without, the embedded demo: localhost, a journal and a voter secret under {@code --data}, the three demo polls
 * over the Clermont actions, and demo tokens printed at start.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the service. Without --config: a local demo (three polls over the 40 Clermont actions,",
        "journal under --data, demo tokens printed). Stops gracefully on SIGTERM or Ctrl-C."})
final class ServeCommand implements Callable<Integer>
{
    static final String DEMO_POLLS = "config/demo-polls";

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "The YAML configuration (see config/urne.example.yaml). Default: the local demo.")
    Path config;

    @Option(names = "--data", defaultValue = "urne-data", paramLabel = "DIR",
        description = "Demo only: where the journal and the voter secret live. Default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Listen on this port (0: any free one).")
    Integer port;

    @Override
    public Integer call() throws Exception
    {
        UrneConfig settings = config == null ? demo() : UrneConfig.load(existing(config), System.getenv());
        if (port != null)
        {
            settings = settings.withPort(port);
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        final UrneServer server = UrneServer.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.stop();
            stopped.countDown();
        }, "urne-shutdown"));
        final String url = server.baseUrl();
        System.out.printf("%nUrne is serving %s%n  results page  %s/%n  API           %s/v1/polls%n" +
            "  health        %s/health/ready%n  metrics       %s/metrics (with the operator token)%nStop with Ctrl-C.%n", url, url, url, url, url);
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The local demo: everything under {@code data}, the secret kept between runs so revotes still match. */
    private UrneConfig demo() throws IOException
    {
        final Path journal = data.resolve("journal");
        final Path secret = demoSecret(data);
        Files.createDirectories(journal);
        final UrneConfig defaults = UrneConfig.defaults().withJournalDir(journal.toString());
        final UrneConfig.Security security = new UrneConfig.Security(secret.toString(), defaults.security().tokens());
        final Path polls = demoPolls();
        return (polls == null ? defaults : defaults.withPollsDir(polls.toString())).withSecurity(security);
    }

    /**
     * A demo's voter secret in {@code data/voter-secret}, created random (owner-only) on the first run and kept
     * after, so revotes and receipts still match from one run to the next.
     */
    static Path demoSecret(final Path data) throws IOException
    {
        final Path secret = data.resolve("voter-secret");
        if (!Files.exists(secret))
        {
            Files.createDirectories(data);
            final byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(secret, Base64.getEncoder().encodeToString(random), StandardCharsets.US_ASCII);
        }
        return secret;
    }

    /** The demo polls shipped in the distribution (the launcher sets urne.home), or in a checkout's sources. */
    static Path demoPolls()
    {
        final String home = System.getProperty("urne.home");
        final Path[] candidates = {
            home == null ? null : Path.of(home, DEMO_POLLS),
            Path.of("deploy/src/dist", DEMO_POLLS)
        };
        for (final Path candidate : candidates)
        {
            if (candidate != null && Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private Path existing(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new ParameterException(spec.commandLine(), "no configuration file at " + file.toAbsolutePath());
        }
        return file;
    }
}
