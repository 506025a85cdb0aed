package org.urne.tally.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.agrona.collections.LongHashSet;

/**
 * The Chronicle indices of records a writer found corrupt at the journal's tail and dropped on open
 * ({@code urne.dropped}, 8 bytes each). Chronicle cannot remove a complete document, so the garbage stays in the
 * queue and the new writer appends after it; readers skip exactly these indices and treat any other corrupt record
 * as corruption. The list is forced to disk before the writer appends anything after the garbage.
 */
final class DroppedRecords
{
    static final String FILE_NAME = "urne.dropped";

    private final Path file;
    private final LongHashSet indices = new LongHashSet();

    private DroppedRecords(final Path file)
    {
        this.file = file;
    }

    static DroppedRecords load(final Path directory)
    {
        final DroppedRecords dropped = new DroppedRecords(directory.resolve(FILE_NAME));
        dropped.reload();
        return dropped;
    }

    boolean contains(final long index)
    {
        return indices.contains(index);
    }

    /** Rereads the file, for a reader that meets a corrupt record a writer may have dropped since it loaded. */
    void reload()
    {
        indices.clear();
        if (!Files.exists(file))
        {
            return;
        }
        try
        {
            final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            // A trailing partial entry is a write torn by a crash; its writer never appended past the garbage.
            while (bytes.remaining() >= Long.BYTES)
            {
                indices.add(bytes.getLong());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    /** Adds indices and forces the file and its directory entry to disk before returning. */
    void append(final List<Long> newIndices)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE))
        {
            final long whole = channel.size() / Long.BYTES * Long.BYTES;
            channel.truncate(whole);
            final ByteBuffer bytes = ByteBuffer.allocate(newIndices.size() * Long.BYTES);
            for (final long index : newIndices)
            {
                bytes.putLong(index);
            }
            bytes.flip();
            channel.position(whole);
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
        Fsync.directory(file.getParent());
        indices.addAll(newIndices);
    }
}
