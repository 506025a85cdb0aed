package org.urne.tally.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Asks the journal's filesystem for its free space before each batch. Chronicle writes through memory-mapped files,
 * so a write to a page the filesystem cannot back raises SIGBUS and kills the process, with nothing to catch and
 * the batch's futures never completed. The writer therefore refuses a batch while the free space is below a reserve
 * that covers the largest batch it can write before it asks again.
 */
final class FreeSpaceGuard
{
    private final Path directory;
    private final FileStore store;
    private final long minFreeBytes;

    FreeSpaceGuard(final Path directory, final long minFreeBytes)
    {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        try
        {
            this.store = Files.getFileStore(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot find the filesystem of journal directory " + directory, ex);
        }
    }

    /** Null when there is room for a batch, else why not. Reads the filesystem's statistics afresh each time. */
    JournalDiskFullException refusal()
    {
        final long usable;
        try
        {
            usable = store.getUsableSpace();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the free space of journal directory " + directory, ex);
        }
        if (usable >= minFreeBytes)
        {
            return null;
        }
        return new JournalDiskFullException("the filesystem of journal " + directory.toAbsolutePath() + " has " +
            usable + " bytes free, below the reserve of " + minFreeBytes + "; nothing was journaled");
    }
}
