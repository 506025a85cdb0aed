package org.urne.tally.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Rows of a fixed number of {@code long}s, appended and never moved or removed, numbered from 0 in the order they
 * were added. Stored in chunks of {@value #CHUNK_ROWS} rows, so growing never copies what is there and never leaves
 * more than one chunk unused (the first chunk alone starts small and doubles, so a small poll stays small). An
 * index may hold a row's number for ever.
 *
 * <p>The chunks are direct buffers, outside the Java heap: a poll's rows live as long as the poll, and as heap
 * arrays of a size G1 allocates young, every young collection of an election copied the chunks filled since the
 * last one through the survivor spaces (1.4-2.3 s of pauses in 15 s of 1M-voter elections, docs/benchmarks.md,
 * "Rows outside the heap"). A chunk's memory is freed with its buffer, when the collector finds the store gone;
 * it counts against {@code -XX:MaxDirectMemorySize}, which defaults to the maximum heap.
 */
final class RowStore
{
    static final int CHUNK_SHIFT = 12;
    static final int CHUNK_ROWS = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_ROWS - 1;
    private static final int FIRST_ROWS = 16;
    /** Native order: the words never leave this process (snapshots and hashes read them as {@code long}s). */
    private static final VarHandle WORD = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final int width;
    private ByteBuffer[] chunks = new ByteBuffer[16];
    private int size;

    RowStore(final int width)
    {
        this.width = width;
        chunks[0] = ByteBuffer.allocateDirect(FIRST_ROWS * width * Long.BYTES);
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
            chunks[chunk] = ByteBuffer.allocateDirect(CHUNK_ROWS * width * Long.BYTES);
        }
        else if (chunk == 0 && (row + 1) * width * Long.BYTES > chunks[0].capacity())
        {
            final ByteBuffer grown = ByteBuffer.allocateDirect(
                Math.min(CHUNK_ROWS * width * Long.BYTES, chunks[0].capacity() * 2));
            grown.put(0, chunks[0], 0, chunks[0].capacity());
            chunks[0] = grown;
        }
        size++;
        return row;
    }

    /** The buffer holding the row; its words start at word {@link #offset} (read with {@link #wordAt}). */
    ByteBuffer chunk(final int row)
    {
        return chunks[row >>> CHUNK_SHIFT];
    }

    /** Where the row starts in its chunk, in words. */
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
        for (final ByteBuffer chunk : chunks)
        {
            bytes += chunk == null ? 0 : chunk.capacity();
        }
        return bytes;
    }

    /** The word at {@code index} (in words) of a chunk. */
    static long wordAt(final ByteBuffer chunk, final int index)
    {
        return (long)WORD.get(chunk, index << 3);
    }

    static void setWordAt(final ByteBuffer chunk, final int index, final long value)
    {
        WORD.set(chunk, index << 3, value);
    }

    /** Copies {@code count} words of a chunk, from word {@code from}, into {@code target} at {@code at}. */
    static void copyOut(final ByteBuffer chunk, final int from, final long[] target, final int at, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            target[at + i] = wordAt(chunk, from + i);
        }
    }

    /** Zeroes {@code count} words of a chunk from word {@code at}. */
    static void clear(final ByteBuffer chunk, final int at, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            setWordAt(chunk, at + i, 0);
        }
    }

    /** Copies {@code count} words of {@code source}, from {@code from}, into a chunk at word {@code at}. */
    static void copyIn(final long[] source, final int from, final ByteBuffer chunk, final int at, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            setWordAt(chunk, at + i, source[from + i]);
        }
    }
}
