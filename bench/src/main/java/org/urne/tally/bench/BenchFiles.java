package org.urne.tally.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.urne.tally.journal.ArgumentKeys;

/**
 * Where benchmarks keep files: under {@code target/} of the directory the run started in (run-jmh.sh starts it in
 * {@code bench/}). Journals go there too, never to {@code /tmp}, which may be a tmpfs where an fsync costs nothing.
 */
public final class BenchFiles
{
    private static final Path TARGET = Path.of("target");

    private BenchFiles()
    {
    }

    /** A new empty directory for one journal. */
    public static Path newJournalDirectory(final String role)
    {
        try
        {
            final Path parent = Files.createDirectories(TARGET.resolve("bench-journals"));
            return Files.createTempDirectory(parent, role + "-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Replaces {@code target/<name>} with the text, for docs/benchmarks.md to quote. */
    public static void writeReport(final String name, final String text)
    {
        try
        {
            Files.writeString(Files.createDirectories(TARGET.resolve("bench-reports")).resolve(name), text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Deletes a journal directory and the argument key store a journal keeps beside it. */
    public static void deleteJournal(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
            Files.deleteIfExists(ArgumentKeys.pathFor(directory));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
