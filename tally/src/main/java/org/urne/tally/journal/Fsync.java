package org.urne.tally.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync of whole files and of directories, for what Chronicle's msync of its current mapping does not cover. */
final class Fsync
{
    private Fsync()
    {
    }

    static void file(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot fsync " + file, ex);
        }
    }

    /** Makes a new file's directory entry durable: without it a power loss can lose the whole file. */
    static void directory(final Path directory)
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot fsync directory " + directory, ex);
        }
    }
}
