package org.urne.tally.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * A temporary journal directory for {@code @TempDir(factory = JournalTempDir.class)}: a {@code journal} directory
 * inside a temporary one, which goes with it. A journal keeps its argument key store in a file beside its directory
 * ({@link ArgumentKeys#pathFor}), so a journal opened in a plain {@code @TempDir} left that file behind in the
 * system's temporary directory, some twenty per test run.
 */
public final class JournalTempDir implements TempDirFactory
{
    private Path parent;

    @Override
    public Path createTempDirectory(final AnnotatedElementContext elementContext,
        final ExtensionContext extensionContext) throws IOException
    {
        parent = Files.createTempDirectory("junit-journal");
        return Files.createDirectory(parent.resolve("journal"));
    }

    /** Called once JUnit deleted the journal directory: deletes what is left beside it, and the parent. */
    @Override
    public void close() throws IOException
    {
        if (parent == null)
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(parent))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
        parent = null;
    }
}
