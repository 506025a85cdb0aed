package org.urne.tally.core;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rows outside the heap: every word written is read back, across the first chunk's growth and past the first
 * chunks; a new row is zeroed; the footprint counts whole chunks; and a word past a chunk's end is refused, as an
 * array's would be, never read from whatever memory follows.
 */
class RowStoreTest
{
    private static final int WIDTH = 3;

    @Test
    void rowsKeepEveryWordAcrossChunks()
    {
        final RowStore store = new RowStore(WIDTH);
        final int rows = 2 * RowStore.CHUNK_ROWS + 100;
        for (int row = 0; row < rows; row++)
        {
            assertThat(store.add()).isEqualTo(row);
            final ByteBuffer chunk = store.chunk(row);
            final int at = store.offset(row);
            for (int word = 0; word < WIDTH; word++)
            {
                assertThat(RowStore.wordAt(chunk, at + word)).as("row %d, word %d, new", row, word).isZero();
                RowStore.setWordAt(chunk, at + word, value(row, word));
            }
        }
        for (int row = 0; row < rows; row++)
        {
            for (int word = 0; word < WIDTH; word++)
            {
                assertThat(RowStore.wordAt(store.chunk(row), store.offset(row) + word))
                    .as("row %d, word %d", row, word).isEqualTo(value(row, word));
            }
        }
        assertThat(store.size()).isEqualTo(rows);
        assertThat(store.footprintBytes()).isEqualTo(3L * RowStore.CHUNK_ROWS * WIDTH * Long.BYTES);
    }

    @Test
    void wordsCopyInAndOutOfARow()
    {
        final RowStore store = new RowStore(WIDTH);
        for (int row = 0; row < 20; row++)
        {
            store.add();
        }
        final int row = 17;
        RowStore.copyIn(new long[] {-1, 5, Long.MIN_VALUE, 9}, 1, store.chunk(row), store.offset(row), WIDTH);
        final long[] out = new long[WIDTH + 1];
        RowStore.copyOut(store.chunk(row), store.offset(row), out, 1, WIDTH);
        assertThat(out).containsExactly(0, 5, Long.MIN_VALUE, 9);
        RowStore.clear(store.chunk(row), store.offset(row) + 1, 2);
        RowStore.copyOut(store.chunk(row), store.offset(row), out, 0, WIDTH);
        assertThat(out).containsExactly(5, 0, 0, 9);
        assertThat(RowStore.wordAt(store.chunk(row + 1), store.offset(row + 1))).as("the next row").isZero();
    }

    @Test
    void aWordPastTheChunkIsRefused()
    {
        final RowStore store = new RowStore(WIDTH);
        for (int row = 0; row < RowStore.CHUNK_ROWS; row++)
        {
            store.add();
        }
        final ByteBuffer chunk = store.chunk(0);
        assertThatThrownBy(() -> RowStore.wordAt(chunk, RowStore.CHUNK_ROWS * WIDTH))
            .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> RowStore.setWordAt(chunk, RowStore.CHUNK_ROWS * WIDTH, 1))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static long value(final int row, final int word)
    {
        return row * 0x9E3779B97F4A7C15L + word;
    }
}
