package org.urne.tally.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cycle files a crash left without their first header: Chronicle creates a day's file at its full mapped size, then
 * writes and completes the file's first header (its metadata), and only then any record. A writer killed before
 * that header is complete leaves a file of zeros, or one whose first header is still marked incomplete. It holds no
 * record, yet Chronicle's readers wait for its header to complete, time out (10 s or more, every time they touch it)
 * and then never see the records a new writer puts in its place: a restarted server stalls on start and its tally
 * stops following the journal. Only the writer moves them out of the way, holding the directory lock, before it
 * opens the queue; Chronicle then creates the file afresh. They are renamed to {@code <name>.blank}, not deleted:
 * the check reads only the first header, and a file whose first bytes were damaged later must never be destroyed
 * (its records would then be missing from the sequence, which the scan reports, and the operator still has them).
 */
final class BlankCycleFiles
{
    private static final String SUFFIX = ".cq4";
    /** Chronicle Wire's header bit for a document (here the file's first header) still being written. */
    private static final int NOT_COMPLETE = 0x8000_0000;

    private BlankCycleFiles()
    {
    }

    /** Renames every cycle file whose first header never completed to {@code .blank}, durably; returns their names. */
    static List<String> setAside(final Path directory)
    {
        final List<String> setAside = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList())
            {
                if (!hasFirstHeader(file))
                {
                    moveAside(file);
                    setAside.add(file.getFileName().toString());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot check the cycle files of " + directory.toAbsolutePath(), ex);
        }
        if (!setAside.isEmpty())
        {
            Fsync.directory(directory);
        }
        return setAside;
    }

    private static void moveAside(final Path file) throws IOException
    {
        Path aside = file.resolveSibling(file.getFileName() + ".blank");
        for (int copy = 1; Files.exists(aside); copy++)
        {
            aside = file.resolveSibling(file.getFileName() + ".blank-" + copy);
        }
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether the file starts with a completed header: anything else (empty, zeros, incomplete) holds no record. */
    private static boolean hasFirstHeader(final Path file) throws IOException
    {
        final byte[] first;
        try (InputStream in = Files.newInputStream(file))
        {
            first = in.readNBytes(Integer.BYTES);
        }
        if (first.length < Integer.BYTES)
        {
            return false;
        }
        final int header = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return header != 0 && (header & NOT_COMPLETE) == 0;
    }
}
