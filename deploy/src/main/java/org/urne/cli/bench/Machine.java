package org.urne.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a run measured, printed first: numbers mean nothing without it. */
final class Machine
{
    private Machine()
    {
    }

    static String describe()
    {
        return String.format(Locale.ROOT, "machine: %d cores, %s; %s %s; load average %s at start",
            Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"),
            Runtime.version(), loadAverage());
    }

    /** Other processes' load, since a shared machine's numbers are only comparable when it is quiet. */
    private static String loadAverage()
    {
        try
        {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        }
        catch (final IOException e)
        {
            return "unknown";
        }
    }

    private static String cpuModel()
    {
        try
        {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        }
        catch (final IOException e)
        {
            return "unknown CPU";
        }
    }
}
