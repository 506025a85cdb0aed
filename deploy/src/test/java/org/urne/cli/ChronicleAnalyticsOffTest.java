package org.urne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Chronicle Queue sends usage analytics over the network unless told not to. The build passes
 * {@code -Dchronicle.analytics.disable=true} (the root pom's {@code urne.jvm.flags}) to every Surefire and Failsafe
 * JVM; this fails the module's test run when a pom change loses it. Chronicle also mutes itself when it finds JUnit
 * on the classpath, so only the flag protects the JVMs that matter: the server the launcher starts (see
 * DistributionIT) and any child JVM a test starts (they copy this JVM's flags).
 */
class ChronicleAnalyticsOffTest
{
    @Test
    void chronicleAnalyticsAreDisabledInThisJvm()
    {
        assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
    }
}
