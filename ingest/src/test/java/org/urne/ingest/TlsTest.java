package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.config.UrneConfig;

/** With http.tls enabled the API is served over HTTPS with the configured PEM key and certificate. */
class TlsTest
{
    @TempDir
    Path directory;

    @Test
    void servesHttpsWithThePemKeyAndCertificate() throws Exception
    {
        final Path key = directory.resolve("key.pem");
        final Path cert = directory.resolve("cert.pem");
        final Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1", "-keyout", key.toString(), "-out", cert.toString())
            .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl made a self-signed certificate").isZero();

        final UrneConfig defaults = UrneConfig.defaults().withJournalDir(directory.resolve("journal").toString());
        final UrneConfig config = new UrneConfig(
            new UrneConfig.Http("127.0.0.1", 0, 1, UrneConfig.Http.IO_URING,
                new UrneConfig.Tls(true, key.toString(), cert.toString())),
            defaults.journal(), defaults.polls(), defaults.security(), defaults.limits(), defaults.rateLimit(),
            defaults.tally(), defaults.management(), defaults.publicReads(),
            defaults.embedding());
        try (UrneServer server = UrneServer.start(config, Map.of()))
        {
            assertThat(server.baseUrl()).startsWith("https://");
            final HttpResponse<String> polls = trustingClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/polls")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(polls.statusCode()).isEqualTo(200);
            assertThat(polls.body()).isEqualTo("[]");
            assertThat(polls.sslSession()).isPresent();
        }
    }

    /** Trusts the test's self-signed certificate (and, being a test, any other); the host name is still checked. */
    private static HttpClient trustingClient() throws Exception
    {
        final SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[]{new X509TrustManager()
        {
            @Override
            public void checkClientTrusted(final X509Certificate[] chain, final String authType)
            {
            }

            @Override
            public void checkServerTrusted(final X509Certificate[] chain, final String authType)
            {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers()
            {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
    }
}
