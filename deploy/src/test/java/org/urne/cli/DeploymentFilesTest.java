package org.urne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.urne.ingest.config.ClusterConfig;
import org.urne.ingest.config.UrneConfig;

/**
 * What can be checked here of the container, Kubernetes and systemd files without a container engine: they parse,
 * and they agree with the example configuration on the port, the journal path and the health probes, and run as
 * a user other than root.
 */
class DeploymentFilesTest
{
    private static final Path DEPLOY = Path.of(".");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theExampleConfigurationLoadsAndNamesTheStandardPaths() throws IOException
    {
        final UrneConfig config = UrneConfig.load(DEPLOY.resolve("src/dist/config/urne.example.yaml"), Map.of());
        assertThat(config.journal().dir()).isEqualTo("/var/lib/urne/journal");
        assertThat(config.journal().durability()).isEqualTo("fsync");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.security().tokens()).hasSize(2);
    }

    @Test
    void theDockerfileRunsAsNonRootWithTheJournalOnAVolumeAndAReadinessCheck() throws IOException
    {
        final String dockerfile = Files.readString(DEPLOY.resolve("container/Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:17-jre$")
            .containsPattern("(?m)^USER 10001:10001$")
            .containsPattern("(?m)^VOLUME \\[\"/var/lib/urne/journal\"]$")
            .contains("URNE_JOURNAL_DIR=/var/lib/urne/journal", "URNE_HTTP_PORT=8080")
            .containsPattern("(?m)^EXPOSE 8080$")
            .contains("http://127.0.0.1:8080/health/ready")
            .contains("ENTRYPOINT [\"/opt/urne/bin/urne\"]");
    }

    @Test
    void theKubernetesManifestIsOneNonRootReplicaWithProbesAndAJournalClaim() throws IOException
    {
        final List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class)
            .readValues(DEPLOY.resolve("kubernetes/urne.yaml").toFile()))
        {
            iterator.forEachRemaining(documents::add);
        }
        final JsonNode service = kind(documents, "Service");
        final JsonNode statefulSet = kind(documents, "StatefulSet");
        assertThat(statefulSet.at("/spec/replicas").asInt()).isEqualTo(1);
        final JsonNode pod = statefulSet.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
        final JsonNode container = pod.at("/containers/0");
        assertThat(env(container, "URNE_HTTP_PORT")).isEqualTo("8080");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/ports/0/name").asText()).isEqualTo(service.at("/spec/ports/0/targetPort").asText());
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        final String journalDir = env(container, "URNE_JOURNAL_DIR");
        assertThat(journalDir).isEqualTo("/var/lib/urne/journal");
        assertThat(mountPath(container, "journal")).isEqualTo(journalDir);
        assertThat(statefulSet.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("journal");
        assertThat(env(container, "URNE_VOTER_SECRET_FILE")).startsWith(mountPath(container, "secret") + "/")
            .doesNotStartWith(journalDir);
        assertThat(service.at("/spec/selector/app").asText()).isEqualTo(statefulSet.at("/spec/selector/matchLabels/app").asText());
    }

    @Test
    void theSystemdUnitRunsAsADedicatedUserAndStopsGracefully() throws IOException
    {
        final String unit = Files.readString(DEPLOY.resolve("src/dist/systemd/urne.service"));
        assertThat(unit).containsPattern("(?m)^User=urne$")
            .containsPattern("(?m)^ExecStart=/opt/urne/bin/urne serve --config /etc/urne/urne.yaml$")
            .containsPattern("(?m)^ReadWritePaths=/var/lib/urne$")
            .containsPattern("(?m)^KillSignal=SIGTERM$")
            .containsPattern("(?m)^Restart=on-failure$");
    }

    @Test
    void theClusterExampleLoadsWithThreeMembersSyncedAndTheDriverInMemory() throws IOException
    {
        final ClusterConfig config = ClusterConfig.load(DEPLOY.resolve("src/dist/config/urne-cluster.example.yaml"),
            Map.of());
        assertThat(config.members()).hasSize(3);
        assertThat(config.durability()).isEqualTo("fsync");
        assertThat(config.failoverMillis()).isBetween(2000L, 3000L);
        assertThat(config.aeronDir()).startsWith("/dev/shm/");
        assertThat(config.node().security().tokens()).hasSize(2);
        assertThat(config.node().polls().dir()).isEqualTo("/etc/urne/polls");
    }

    @Test
    void theClusterManifestIsAStatefulSetOfThreeWithAHeadlessServiceAndAMemoryVolumeForTheDriver() throws IOException
    {
        final List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class)
            .readValues(DEPLOY.resolve("kubernetes/urne-cluster.yaml").toFile()))
        {
            iterator.forEachRemaining(documents::add);
        }
        final JsonNode statefulSet = kind(documents, "StatefulSet");
        assertThat(statefulSet.at("/spec/replicas").asInt()).isEqualTo(3);
        final JsonNode headless = documents.stream().filter(d -> "Service".equals(d.path("kind").asText()) &&
            "None".equals(d.at("/spec/clusterIP").asText())).findFirst().orElseThrow();
        assertThat(statefulSet.at("/spec/serviceName").asText()).isEqualTo(headless.at("/metadata/name").asText());
        final JsonNode pod = statefulSet.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        final JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/args/0").asText()).contains("urne cluster node --config /etc/urne/urne-cluster.yaml",
            "--id ${HOSTNAME##*-}");
        assertThat(mountPath(container, "shm")).isEqualTo("/dev/shm");
        JsonNode shm = null;
        for (final JsonNode volume : pod.path("volumes"))
        {
            shm = "shm".equals(volume.path("name").asText()) ? volume : shm;
        }
        assertThat(shm).isNotNull();
        assertThat(shm.at("/emptyDir/medium").asText()).isEqualTo("Memory");
        assertThat(mountPath(container, "data")).isEqualTo("/var/lib/urne");
    }

    @Test
    void theClusterUnitIsATemplateWhoseInstanceIsTheMemberId() throws IOException
    {
        final String unit = Files.readString(DEPLOY.resolve("src/dist/systemd/urne-cluster@.service"));
        assertThat(unit).containsPattern("(?m)^User=urne$")
            .containsPattern(
                "(?m)^ExecStart=/opt/urne/bin/urne cluster node --config /etc/urne/urne-cluster.yaml --id %i$")
            .containsPattern("(?m)^KillSignal=SIGTERM$")
            .containsPattern("(?m)^Restart=on-failure$");
    }

    private static JsonNode kind(final List<JsonNode> documents, final String kind)
    {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst().orElseThrow();
    }

    private static String env(final JsonNode container, final String name)
    {
        for (final JsonNode variable : container.path("env"))
        {
            if (name.equals(variable.path("name").asText()))
            {
                return variable.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static String mountPath(final JsonNode container, final String volume)
    {
        for (final JsonNode mount : container.path("volumeMounts"))
        {
            if (volume.equals(mount.path("name").asText()))
            {
                return mount.path("mountPath").asText();
            }
        }
        throw new AssertionError("no mount of " + volume);
    }
}
