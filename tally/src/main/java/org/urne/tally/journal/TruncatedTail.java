package org.urne.tally.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.Wires;

/**
 * Makes the newest cycle file walkable up to where the writer will append, when its tail was cut off.
 *
 * <p>Chronicle keeps in each file's header the position of the last document header it wrote, and a new appender
 * continues from that document. When the file lost its tail (truncated by a copy cut short, or by a filesystem
 * that kept the file's first pages but not its last), that header reads as zero: the appender still writes past
 * it, but readers walk the file document by document and stop at the first zero header, so they would never see
 * what it writes: acknowledged records that no reader counts, not even after a restart. So before the writer
 * starts, when that header is zero, the bytes from the end of the last readable document up to it become a
 * metadata document (readers skip metadata) and the header itself an empty metadata document, which the
 * appender steps over. Nothing readable is changed; the records that were cut off are lost either way.
 */
final class TruncatedTail
{
    /** The longest metadata document, rounded down so the next header stays 4-byte aligned. */
    private static final int MAX_PADDING = Wires.LENGTH_MASK & ~3;

    private TruncatedTail()
    {
    }

    /** Bridges the gap in the newest cycle file, if its tail was cut off; returns the bytes bridged, else 0. */
    static long bridge(final SingleChronicleQueue queue)
    {
        final int cycle = queue.lastCycle();
        if (cycle == Integer.MIN_VALUE)
        {
            return 0;
        }
        final SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (store == null)
        {
            return 0;
        }
        try
        {
            return bridge(store.file().toPath(), store.writePosition());
        }
        finally
        {
            queue.closeStore(store);
        }
    }

    private static long bridge(final Path file, final long lastHeader)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            if (lastHeader <= 0 || headerAt(channel, lastHeader) != 0)
            {
                return 0;
            }
            final long end = endOfReadableDocuments(channel);
            if (end > lastHeader)
            {
                // The walk passed the zero header Chronicle named: the file is not what this repair understands.
                return 0;
            }
            long padding = end;
            while (padding < lastHeader)
            {
                // A document holds at most LENGTH_MASK bytes: a gap of more than a GiB takes several.
                final int length = (int)Math.min(lastHeader - padding - Integer.BYTES, MAX_PADDING);
                writeHeader(channel, padding, Wires.META_DATA | length);
                padding += Integer.BYTES + length;
            }
            writeHeader(channel, lastHeader, Wires.META_DATA);
            channel.force(false);
            return lastHeader + Integer.BYTES - end;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot repair the truncated tail of " + file, ex);
        }
    }

    /** Where a reader walking the documents from the start stops: at a zero or incomplete header. */
    private static long endOfReadableDocuments(final FileChannel channel) throws IOException
    {
        long position = 0;
        int header;
        while ((header = headerAt(channel, position)) != 0 && (header & Wires.NOT_COMPLETE) == 0)
        {
            position = align(position + Integer.BYTES + (header & Wires.LENGTH_MASK));
        }
        return position;
    }

    private static long align(final long position)
    {
        return (position + 3) & ~3L;
    }

    /**
     * The header at {@code position}. A positional read from a regular file is short only at its end, and the bytes
     * it leaves are zero, as Chronicle sees them once it maps the file beyond its end.
     */
    private static int headerAt(final FileChannel channel, final long position) throws IOException
    {
        final ByteBuffer header = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(header, position);
        return header.getInt(0);
    }

    private static void writeHeader(final FileChannel channel, final long position, final int header)
        throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(0, header);
        while (bytes.hasRemaining())
        {
            channel.write(bytes, position + bytes.position());
        }
    }
}
