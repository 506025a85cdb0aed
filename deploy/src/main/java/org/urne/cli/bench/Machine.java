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
        return String.format(Locale.ROOT, "machine: %d cores, %s; %s %s", Runtime.getRuntime().availableProcessors(),
            cpuModel(), System.getProperty("java.vm.name"), Runtime.version());
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
