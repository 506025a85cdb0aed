package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.security.TokenAuthenticator;

class UrneConfigTest
{
    @Test
    void yamlOverridesDefaultsAndTheEnvironmentOverridesYaml(@TempDir final Path root) throws Exception
    {
        final Path file = root.resolve("urne.yaml");
        Files.writeString(file, """
            http:
              port: 9000
            journal:
              dir: /var/lib/urne
            security:
              tokens:
                - name: web
                  role: platform
                  sha256: %s
            rateLimit:
              burst: 7
            publicReads:
              trustedProxies: [10.0.0.2]
            """.formatted(TokenAuthenticator.sha256Hex("t")));
        final UrneConfig config = UrneConfig.load(file, Map.of("URNE_HTTP_PORT", "9090", "URNE_POLLS_DIR", "/polls",
            "URNE_MANAGEMENT_PORT", "9100"));
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.journal().dir()).isEqualTo("/var/lib/urne");
        assertThat(config.polls().dir()).isEqualTo("/polls");
        assertThat(config.rateLimit().burst()).isEqualTo(7);
        assertThat(config.rateLimit().requestsPerSecond()).isEqualTo(25_000);
        assertThat(config.management()).isEqualTo(new UrneConfig.Management("127.0.0.1", 9100));
        assertThat(config.publicReads()).isEqualTo(new UrneConfig.PublicReads(200, 400, 100_000, List.of("10.0.0.2")));
        assertThat(config.security().tokens()).singleElement()
            .satisfies(token -> assertThat(token.channels()).isEqualTo(List.of("digital")));
    }

    @Test
    void eventLoopsDefaultToOnePerTwoCoresAndTakeWhatIsConfigured()
    {
        final UrneConfig.Http defaults = UrneConfig.defaults().http();
        assertThat(defaults.eventLoops()).isZero();
        assertThat(defaults.eventLoopCount()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(new UrneConfig.Http(defaults.host(), 0, 3, defaults.transport(), defaults.tls()).eventLoopCount())
            .isEqualTo(3);
    }

    @Test
    void theTransportIsIoUringUnlessNioIsAskedForAndNothingElse(@TempDir final Path root) throws Exception
    {
        assertThat(UrneConfig.defaults().http().transport()).isEqualTo("io_uring");
        assertThat(UrneConfig.load((Path)null, Map.of()).http().prefersIoUring()).isTrue();
        final Path file = root.resolve("urne.yaml");
        Files.writeString(file, "http:\n  transport: nio\n");
        assertThat(UrneConfig.load(file, Map.of()).http().transport()).isEqualTo("nio");
        assertThat(UrneConfig.load(file, Map.of()).http().prefersIoUring()).isFalse();
        assertThat(UrneConfig.load(file, Map.of("URNE_HTTP_TRANSPORT", "IO_URING")).http().transport())
            .isEqualTo("io_uring");
        Files.writeString(file, "http:\n  transport: epoll\n");
        assertThatThrownBy(() -> UrneConfig.load(file, Map.of()))
            .hasMessageContaining("http.transport must be io_uring or nio, got epoll");
    }

    @Test
    void embeddingTakesOriginsOnly(@TempDir final Path root) throws Exception
    {
        final Path file = root.resolve("urne.yaml");
        Files.writeString(file, """
            embedding:
              allowedOrigins: ["https://www.clermont-ferrand.fr", "http://127.0.0.1:8081", "https://[::1]:8443"]
              frameAncestors: ["https://www.clermont-ferrand.fr"]
            """);
        assertThat(UrneConfig.load(file, Map.of()).embedding().allowedOrigins()).hasSize(3);
        for (final String bad : List.of("*", "https://www.clermont-ferrand.fr/", "www.clermont-ferrand.fr",
            "https://a.fr; script-src *", "'self'"))
        {
            Files.writeString(file, "embedding:\n  frameAncestors: [\"" + bad.replace("\"", "") + "\"]\n");
            assertThatThrownBy(() -> UrneConfig.load(file, Map.of())).as(bad)
                .hasMessageContaining("embedding.frameAncestors").hasMessageContaining("is not an origin");
        }
    }

    @Test
    void refusesUnknownKeys(@TempDir final Path root) throws Exception
    {
        final Path file = root.resolve("urne.yaml");
        Files.writeString(file, "http:\n  prot: 9000\n");
        assertThatThrownBy(() -> UrneConfig.load(file, Map.of())).hasMessageContaining("prot");
    }

    @Test
    void refusesASecretInsideTheJournalDirectory(@TempDir final Path root) throws Exception
    {
        Files.createDirectories(root.resolve("journal"));
        final Path secret = root.resolve("journal/secret");
        Files.writeString(secret, TestServer.SECRET);
        final UrneConfig config = UrneConfig.defaults().withPort(0).withJournalDir(root.resolve("journal").toString())
            .withSecurity(new UrneConfig.Security(secret.toString(), List.of()));
        assertThatThrownBy(() -> UrneServer.start(config, Map.of())).hasMessageContaining("inside the journal");
    }

    @Test
    void refusesToStartWithTokensButNoSecret(@TempDir final Path root)
    {
        final UrneConfig config = UrneConfig.defaults().withPort(0).withJournalDir(root.resolve("j").toString())
            .withSecurity(new UrneConfig.Security(null, List.of(
                new UrneConfig.Token("ops", "operator", TokenAuthenticator.sha256Hex("t"), null))));
        assertThatThrownBy(() -> UrneServer.start(config, Map.of())).hasMessageContaining("voter key secret");
    }

    @Test
    void demoModeGeneratesTokensThatWork(@TempDir final Path root) throws Exception
    {
        final UrneConfig config = UrneConfig.defaults().withPort(0).withJournalDir(root.resolve("j").toString());
        try (UrneServer server = UrneServer.start(config, Map.of()))
        {
            assertThat(server.demoTokens()).containsOnlyKeys("operator", "platform");
            assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
        }
    }

    @Test
    void loadsPollsFromADirectoryAndRefusesAChangedOne(@TempDir final Path root) throws Exception
    {
        final Path polls = Files.createDirectories(root.resolve("polls"));
        Files.writeString(polls.resolve("a.json"), TestServer.priorityPoll("from-file").encode());
        try (TestServer urne = new TestServer(root, config -> config.withPollsDir(polls.toString())))
        {
            assertThat(urne.get("/v1/polls/from-file").status).isEqualTo(200);
            urne.stop();
            urne.start();
            assertThat(new JsonArray(urne.get("/v1/polls").body).size()).isEqualTo(1);
            urne.stop();
            Files.writeString(polls.resolve("a.json"), TestServer.priorityPoll("from-file").put("title", "new").encode());
            assertThatThrownBy(urne::start).hasMessageContaining("differently");
            Files.writeString(polls.resolve("a.json"), TestServer.priorityPoll("from-file").encode());
            urne.start();
        }
    }
}
