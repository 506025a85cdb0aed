package org.urne.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.urne.ingest.UrneServer;
import org.urne.ingest.config.UrneConfig;

/**
 * The Urne the generator loads: by default one it starts in this process on 127.0.0.1 with a temporary fsync'd
 * journal, the demo polls and no rate limit (the limit protects a real deployment from one client; here the one
 * client is the point), deleted afterwards; or a running server given by URL and token.
 */
final class UrneTarget implements AutoCloseable
{
    private final URI url;
    private final String token;
    private final UrneServer server;
    private final Path directory;

    private UrneTarget(final URI url, final String token, final UrneServer server, final Path directory)
    {
        this.url = url;
        this.token = token;
        this.server = server;
        this.directory = directory;
    }

    static UrneTarget remote(final URI url, final String token)
    {
        return new UrneTarget(url, token, null, null);
    }

    /** Starts a server; {@code durability} is {@code fsync} or {@code page-cache}. */
    static UrneTarget selfHosted(final Path pollsDir, final String durability) throws Exception
    {
        final Path directory = Files.createTempDirectory("urne-bench-");
        final UrneConfig defaults = UrneConfig.defaults().withPort(0)
            .withJournalDir(directory.resolve("journal").toString())
            .withPollsDir(pollsDir.toString())
            .withRateLimit(new UrneConfig.RateLimit(1e9, Integer.MAX_VALUE))
            .withPublicReads(new UrneConfig.PublicReads(1e9, Integer.MAX_VALUE, 100_000, List.of()));
        final UrneConfig config = new UrneConfig(defaults.http(), new UrneConfig.Journal(defaults.journal().dir(),
            durability, defaults.journal().ringCapacity(), defaults.journal().minFreeBytes()), defaults.polls(),
            defaults.security(), defaults.limits(), defaults.rateLimit(), defaults.tally(),
            defaults.management(), defaults.publicReads(), defaults.embedding());
        try
        {
            final UrneServer server = UrneServer.start(config, Map.of());
            return new UrneTarget(URI.create(server.baseUrl()), server.demoTokens().get("operator"), server,
                directory);
        }
        catch (final Exception | Error e)
        {
            delete(directory);
            throw e;
        }
    }

    /** The event loops of a self-hosted server: the configuration's default. */
    static int selfHostedEventLoops()
    {
        return UrneConfig.defaults().http().eventLoopCount();
    }

    URI url()
    {
        return url;
    }

    String token()
    {
        return token;
    }

    boolean selfHosted()
    {
        return server != null;
    }

    @Override
    public void close()
    {
        if (server != null)
        {
            server.stop();
            delete(directory);
        }
    }

    private static void delete(final Path directory)
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
