package org.urne.ingest.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.urne.ingest.config.UrneConfig;

import static org.assertj.core.api.Assertions.assertThat;

class TokenAuthenticatorTest
{
    private final TokenAuthenticator authenticator = new TokenAuthenticator(List.of(
        new UrneConfig.Token("web", "platform", TokenAuthenticator.sha256Hex("platform-token-abc"), null),
        new UrneConfig.Token("ops", "operator", TokenAuthenticator.sha256Hex("operator-token-xyz"), null)));

    /** A token remembered once verified must still name its own caller, and remember nothing else. */
    @Test
    void aVerifiedTokenIsFoundAgainAndNothingElseIs()
    {
        for (int round = 0; round < 3; round++)
        {
            assertThat(authenticator.authenticate("Bearer platform-token-abc").name()).isEqualTo("web");
            assertThat(authenticator.authenticate("Bearer operator-token-xyz").name()).isEqualTo("ops");
            assertThat(authenticator.authenticate("bearer  platform-token-abc ").name()).isEqualTo("web");
            assertThat(authenticator.authenticate("Bearer platform-token-abd")).isNull();
            assertThat(authenticator.authenticate("Bearer platform-token-ab")).isNull();
            assertThat(authenticator.authenticate("Bearer platform-token-abcd")).isNull();
            assertThat(authenticator.authenticate("Bearer operator-token-abc")).isNull();
            assertThat(authenticator.authenticate("Basic platform-token-abc")).isNull();
            assertThat(authenticator.authenticate(null)).isNull();
        }
    }
}
