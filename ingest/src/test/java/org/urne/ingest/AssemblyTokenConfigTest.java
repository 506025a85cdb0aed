package org.urne.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.security.Caller;
import org.urne.ingest.security.Role;
import org.urne.ingest.security.TokenAuthenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Facilitator and viewer tokens name their one assembly in the configuration (ingest/CONFIG.md), and only they do. */
class AssemblyTokenConfigTest
{
    @Test
    void aFacilitatorTokenIsForTheAssemblyItsEntryNames(@TempDir final Path root) throws Exception
    {
        final Path file = root.resolve("urne.yaml");
        Files.writeString(file, """
            security:
              tokens:
                - name: facilitation
                  role: facilitator
                  assembly: convention
                  sha256: %s
                - name: projector
                  role: viewer
                  assembly: convention
                  sha256: %s
            """.formatted(TokenAuthenticator.sha256Hex("f"), TokenAuthenticator.sha256Hex("v")));
        final UrneConfig config = UrneConfig.load(file, Map.of());
        final TokenAuthenticator tokens = new TokenAuthenticator(config.security().tokens());
        final Caller facilitator = tokens.authenticate("Bearer f");
        assertThat(facilitator.role()).isEqualTo(Role.FACILITATOR);
        assertThat(facilitator.mayUse("convention")).isTrue();
        assertThat(facilitator.mayUse("other")).isFalse();
        assertThat(tokens.authenticate("Bearer v").role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void anAssemblyIsNamedByFacilitatorAndViewerTokensOnly()
    {
        assertThatThrownBy(() -> new TokenAuthenticator(List.of(new UrneConfig.Token("f", "facilitator",
            TokenAuthenticator.sha256Hex("f"), null)))).hasMessageContaining("assembly");
        assertThatThrownBy(() -> new TokenAuthenticator(List.of(new UrneConfig.Token("p", "platform",
            TokenAuthenticator.sha256Hex("p"), null, null, null, "convention")))).hasMessageContaining("assembly");
    }
}
