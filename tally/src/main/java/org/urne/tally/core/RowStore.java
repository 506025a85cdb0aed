package org.urne.tally.core;

import java.util.Arrays;

/**
 * Rows of a fixed number of {@code long}s, appended and never moved or removed, numbered from 0 in the order they
 * were added. Stored in chunks of {@value #CHUNK_ROWS} rows, so growing never copies what is there and never leaves
 * more than one chunk unused (the first chunk alone starts small and doubles, so a small poll stays small). An
 * index may hold a row's number for ever.
 */
final class RowStore
{
    static final int CHUNK_SHIFT = 12;
    static final int CHUNK_ROWS = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_ROWS - 1;
    private static final int FIRST_ROWS = 16;

    private final int width;
    private long[][] chunks = new long[16][];
    private int size;

    RowStore(final int width)
    {
        this.width = width;
        chunks[0] = new long[FIRST_ROWS * width];
    }

    /** Adds a zeroed row and returns its number. Chunks fetched before may be stale after this. */
    int add()
    {
        final int row = size;
        final int chunk = row >>> CHUNK_SHIFT;
        if (chunk == chunks.length)
        {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        if (chunks[chunk] == null)
        {
            chunks[chunk] = new long[CHUNK_ROWS * width];
        }
        else if (chunk == 0 && (row + 1) * width > chunks[0].length)
        {
            chunks[0] = Arrays.copyOf(chunks[0], Math.min(CHUNK_ROWS * width, chunks[0].length * 2));
        }
        size++;
        return row;
    }

    /** The array holding the row; its words start at {@link #offset}. */
    long[] chunk(final int row)
    {
        return chunks[row >>> CHUNK_SHIFT];
    }

    int offset(final int row)
    {
        return (row & CHUNK_MASK) * width;
    }

    int size()
    {
        return size;
    }

    long footprintBytes()
    {
        long bytes = 0;
        for (final long[] chunk : chunks)
        {
            bytes += chunk == null ? 0 : (long)chunk.length * Long.BYTES;
        }
        return bytes;
    }
}
