package org.urne.tally.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WriteOnlyMappingsTest
{
    @TempDir(factory = JournalTempDir.class)
    Path directory;

    /**
     * The kernel shows the advice as the {@code rr} flag of the mapping in /proc/self/smaps: every mapping of a day's
     * file the writer appended to carries it. Linux only.
     */
    @Test
    void theWritersMappingsOfTheDaysFileAreAdvisedAsRandomAccess() throws Exception
    {
        final Path smaps = Path.of("/proc/self/smaps");
        assumeTrue(Files.isReadable(smaps), "needs Linux's /proc/self/smaps");
        try (Journal journal = Journal.open(new JournalContext().directory(directory)))
        {
            journal.append(JournalEntries.ballot(1)).get(10, TimeUnit.SECONDS);
            final List<String> flags = journalMappingFlags(smaps);
            assertThat(flags).as("VmFlags of the mappings of %s", directory).isNotEmpty()
                .allSatisfy(line -> assertThat(line.split(" ")).contains("rr"));
        }
    }

    /** The VmFlags line of each mapping of a {@code .cq4} file under the journal directory. */
    private List<String> journalMappingFlags(final Path smaps) throws IOException
    {
        final List<String> flags = new ArrayList<>();
        boolean inJournal = false;
        for (final String line : Files.readAllLines(smaps))
        {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*"))
            {
                inJournal = line.contains(directory.toString()) && line.endsWith(".cq4");
            }
            else if (inJournal && line.startsWith("VmFlags:"))
            {
                flags.add(line.substring("VmFlags:".length()).trim());
            }
        }
        return flags;
    }
}
