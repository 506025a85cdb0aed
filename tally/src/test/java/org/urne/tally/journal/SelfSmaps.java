package org.urne.tally.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the kernel says of this process's mappings (Linux's /proc/self/smaps), for tests of the journal's files. */
final class SelfSmaps
{
    static final Path PATH = Path.of("/proc/self/smaps");

    private SelfSmaps()
    {
    }

    /** Skips the calling test where there is no /proc/self/smaps to read (not Linux). */
    static void assumeReadable()
    {
        assumeTrue(Files.isReadable(PATH), "needs Linux's /proc/self/smaps");
    }

    /**
     * The values of {@code field} (such as {@code "VmFlags:"}), trimmed, in every mapping whose header line (address
     * range, permissions, offset, device, inode, path) passes {@code mapping}.
     */
    static List<String> field(final Predicate<String> mapping, final String field) throws IOException
    {
        final List<String> values = new ArrayList<>();
        boolean inMapping = false;
        for (final String line : Files.readAllLines(PATH))
        {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*"))
            {
                inMapping = mapping.test(line);
            }
            else if (inMapping && line.startsWith(field))
            {
                values.add(line.substring(field.length()).trim());
            }
        }
        return values;
    }
}
