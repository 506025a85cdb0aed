package org.urne.tally.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal directory's single-writer lock: an OS file lock on {@code urne.lock}. The OS releases it when the
 * holder dies, even by SIGKILL, so a crashed writer never leaves the directory locked. The holder's pid is written
 * into the file so a refused writer can say who holds it.
 */
final class DirectoryLock implements AutoCloseable
{
    static final String FILE_NAME = "urne.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(final Path directory)
    {
        final Path file = directory.resolve(FILE_NAME);
        try
        {
            final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            FileLock lock;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                lock = null;
            }
            if (lock == null)
            {
                channel.close();
                throw new JournalLockedException("journal directory " + directory.toAbsolutePath() +
                    " is locked by another writer (" + holder(file) + "); only one writer may append to a journal");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(
                ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DirectoryLock(channel, lock);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot lock journal directory " + directory.toAbsolutePath(), ex);
        }
    }

    private static String holder(final Path file) throws IOException
    {
        final String content = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
        return content.isEmpty() ? "holder unknown" : content + " in " + file;
    }

    @Override
    public void close()
    {
        try
        {
            lock.release();
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
