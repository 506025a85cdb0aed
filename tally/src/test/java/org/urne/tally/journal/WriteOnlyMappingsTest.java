package org.urne.tally.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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
        SelfSmaps.assumeReadable();
        try (Journal journal = Journal.open(new JournalContext().directory(directory)))
        {
            journal.append(JournalEntries.ballot(1)).get(10, TimeUnit.SECONDS);
            final List<String> flags = SelfSmaps.field(
                header -> header.contains(directory.toString()) && header.endsWith(".cq4"), "VmFlags:");
            assertThat(flags).as("VmFlags of the mappings of %s", directory).isNotEmpty()
                .allSatisfy(line -> assertThat(line.split(" ")).contains("rr"));
        }
    }
}
