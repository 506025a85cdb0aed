package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.config.UrneConfig;

/**
 * The HTTP event loops run on io_uring by default wherever the kernel allows it (Netty's own check), on NIO when the
 * configuration says so, and serve the API either way.
 */
class HttpTransportTest
{
    @TempDir
    Path directory;

    @Test
    void serversRunOnIoUringWhereTheKernelAllowsItAndOnNioWhenAskedTo() throws Exception
    {
        final UrneConfig defaults = UrneConfig.defaults().withPort(0);
        assertThat(transportServing(defaults, "default")).isEqualTo(IoUring.isAvailable() ? "io_uring" : "nio");
        final UrneConfig nio = new UrneConfig(new UrneConfig.Http(defaults.http().host(), 0,
            defaults.http().eventLoops(), UrneConfig.Http.NIO, defaults.http().tls()), defaults.journal(),
            defaults.polls(), defaults.security(), defaults.limits(), defaults.rateLimit(), defaults.tally(),
            defaults.management(), defaults.publicReads(), defaults.embedding());
        assertThat(transportServing(nio, "nio")).isEqualTo("nio");
    }

    private String transportServing(final UrneConfig config, final String name) throws Exception
    {
        try (UrneServer server = UrneServer.start(config.withJournalDir(directory.resolve(name).toString()),
            Map.of()))
        {
            final HttpResponse<String> polls = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/polls")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(polls.statusCode()).isEqualTo(200);
            return server.transport();
        }
    }
}
