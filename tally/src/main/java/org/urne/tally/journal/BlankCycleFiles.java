package org.urne.tally.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cycle files a crash left blank: Chronicle creates a day's file at its full mapped size and then writes its first
 * header, so a writer killed in between leaves a file of zeros. It holds no record, yet Chronicle's readers wait
 * for its header to appear, time out (10 s or more, every time they touch it) and then never see the records a new
 * writer puts there: a restarted server stalls on start and its tally stops following the journal. Only the writer
 * removes them, holding the directory lock, before it opens the queue; Chronicle then creates the file afresh.
 */
final class BlankCycleFiles
{
    private static final String SUFFIX = ".cq4";
    private static final int READ_SIZE = 1 << 16;

    private BlankCycleFiles()
    {
    }

    /** Deletes every cycle file that is all zeros (or empty) and makes the deletions durable; returns their names. */
    static List<String> remove(final Path directory)
    {
        final List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList())
            {
                if (isBlank(file))
                {
                    Files.delete(file);
                    removed.add(file.getFileName().toString());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot check the cycle files of " + directory.toAbsolutePath(), ex);
        }
        if (!removed.isEmpty())
        {
            Fsync.directory(directory);
        }
        return removed;
    }

    /**
     * Whether every byte is zero. The first header comes first, so a written file fails at its first bytes; only a
     * blank one (sparse, so cheap to read) is read to the end, which makes sure nothing written is ever deleted.
     */
    private static boolean isBlank(final Path file) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(READ_SIZE);
        try (FileChannel channel = FileChannel.open(file))
        {
            long position = 0;
            int read;
            while ((read = channel.read(buffer.clear(), position)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if (buffer.get(i) != 0)
                    {
                        return false;
                    }
                }
                position += read;
            }
        }
        return true;
    }
}
