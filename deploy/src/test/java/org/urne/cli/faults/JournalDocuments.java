package org.urne.cli.faults;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where each journal record lies in the newest cycle file, read with Chronicle in read-only mode while no server
 * runs, so a test can damage exactly the bytes of the last records.
 */
final class JournalDocuments
{
    /** Chronicle's 4-byte document header: the length in the low 30 bits, then metadata and not-complete flags. */
    static final int HEADER_BYTES = 4;

    /**
     * One record's document.
     *
     * @param header   the file offset of its Chronicle header.
     * @param length   the length of the record after the header.
     * @param position the journal position the record holds.
     */
    record Document(long header, int length, long position)
    {
        long payload()
        {
            return header + HEADER_BYTES;
        }

        long end()
        {
            return payload() + length;
        }
    }

    private JournalDocuments()
    {
    }

    /** The newest daily file of the journal. */
    static Path newestCycleFile(final Path journal) throws IOException
    {
        try (Stream<Path> files = Files.list(journal))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(".cq4")).sorted()
                .reduce((first, second) -> second).orElseThrow();
        }
    }

    /** The records of the newest cycle file, in order, each checked against the raw bytes of the file. */
    static List<Document> read(final Path journal) throws IOException
    {
        final Path file = newestCycleFile(journal);
        final List<Document> documents = new ArrayList<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(journal).rollCycle(RollCycles.FAST_DAILY)
            .readOnly(true).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            final int lastCycle = queue.lastCycle();
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = document.wire().bytes();
                    final long payload = bytes.readPosition();
                    final int length = (int)bytes.readRemaining();
                    final long position = bytes.readLong(payload + 4);
                    if (queue.rollCycle().toCycle(document.index()) == lastCycle)
                    {
                        documents.add(new Document(payload - HEADER_BYTES, length, position));
                    }
                }
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            for (final Document document : documents)
            {
                final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(header, document.header());
                assertThat(header.getInt(0) & 0x3FFF_FFFF).as("the header of %s", document)
                    .isEqualTo(document.length());
            }
        }
        return documents;
    }
}
