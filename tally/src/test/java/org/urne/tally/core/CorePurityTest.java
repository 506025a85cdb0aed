package org.urne.tally.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core stays pure: no Vert.x, no Chronicle, no clock, no threads, no logging, no I/O. Of {@code java.nio} it
 * may use buffers, which are memory (the rows live in direct buffers), not files or channels.
 */
class CorePurityTest
{
    private static final Pattern FORBIDDEN = Pattern.compile(
        "import\\s+(io\\.vertx|net\\.openhft|java\\.io|java\\.nio\\.(?!ByteBuffer;|ByteOrder;)|" +
        "java\\.util\\.concurrent|java\\.util\\.logging|" +
        "org\\.slf4j|java\\.time\\.Clock)|System\\.(currentTimeMillis|nanoTime|out|err)|Instant\\.now|" +
        "Clock\\.system|new Thread\\(|LocalDateTime\\.now");

    @Test
    void theCorePackageImportsNothingImpure() throws IOException
    {
        final Path core = Path.of("src/main/java/org/urne/tally/core");
        final List<Path> sources;
        try (Stream<Path> files = Files.list(core))
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
