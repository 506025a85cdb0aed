package org.urne.tally.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Copies the next complete Chronicle document into a reusable array, so the codec can check and decode it after the
 * document is released. Chronicle never shows a document whose header is still marked incomplete (a write torn
 * by a crash); it is overwritten by the next writer.
 */
final class DocumentCursor
{
    private final ExcerptTailer tailer;
    private byte[] bytes = new byte[4096];
    private int length;
    private long index;

    DocumentCursor(final ExcerptTailer tailer)
    {
        this.tailer = tailer;
    }

    /** Reads the next document, or returns false when there is none yet. */
    boolean next()
    {
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            index = document.index();
            final Bytes<?> source = document.wire().bytes();
            final long remaining = source.readRemaining();
            if (remaining > Integer.MAX_VALUE - 8)
            {
                throw new JournalCorruptException(-1, "document at Chronicle index " + index + " claims " +
                    remaining + " bytes");
            }
            length = (int)remaining;
            if (length > bytes.length)
            {
                bytes = new byte[Math.max(length, bytes.length * 2)];
            }
            source.read(bytes, 0, length);
            return true;
        }
    }

    /** Makes the document at {@code index} the next one again. */
    void rewindTo(final long index)
    {
        tailer.moveToIndex(index);
    }

    byte[] bytes()
    {
        return bytes;
    }

    int length()
    {
        return length;
    }

    long index()
    {
        return index;
    }
}
