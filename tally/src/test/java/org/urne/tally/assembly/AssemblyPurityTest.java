package org.urne.tally.assembly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The assemblies' state machine is as pure as the tally core: no Vert.x, Chronicle, clock, thread, log or I/O. */
class AssemblyPurityTest
{
    private static final Pattern FORBIDDEN = Pattern.compile(
        "import\\s+(io\\.vertx|net\\.openhft|java\\.io|java\\.nio|java\\.util\\.concurrent|java\\.util\\.logging|" +
        "org\\.slf4j|java\\.time|java\\.security)|System\\.(currentTimeMillis|nanoTime|out|err)|Instant\\.now|" +
        "Clock\\.system|new Thread\\(|LocalDateTime\\.now|Random");

    @Test
    void theAssemblyPackageImportsNothingImpure() throws IOException
    {
        final List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/urne/tally/assembly")))
        {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(5);
        for (final Path source : sources)
        {
            assertThat(FORBIDDEN.matcher(Files.readString(source)).find()).as(source.toString()).isFalse();
        }
    }
}
