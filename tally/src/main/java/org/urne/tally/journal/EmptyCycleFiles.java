package org.urne.tally.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes daily files of zero bytes before the writer opens the queue. Chronicle creates a day's file and then
 * writes its header; a crash or power loss in between leaves an empty file, which holds no record, and Chronicle,
 * finding it, waits about a minute for another process to write the header before it writes one itself.
 */
final class EmptyCycleFiles
{
    private EmptyCycleFiles()
    {
    }

    /** Deletes every empty {@code *.cq4} file in {@code directory}; returns how many. */
    static int remove(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            final List<Path> empty = files
                .filter(file -> file.getFileName().toString().endsWith(".cq4"))
                .filter(EmptyCycleFiles::isEmpty)
                .toList();
            for (final Path file : empty)
            {
                Files.delete(file);
            }
            if (!empty.isEmpty())
            {
                Fsync.directory(directory);
            }
            return empty.size();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove empty daily files from journal " + directory, ex);
        }
    }

    private static boolean isEmpty(final Path file)
    {
        try
        {
            return Files.size(file) == 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the size of " + file, ex);
        }
    }
}
