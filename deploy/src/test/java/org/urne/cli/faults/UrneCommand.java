package org.urne.cli.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.urne.cli.UrneCli;

/**
 * An {@code urne} command in a child JVM, built the way {@code bin/urne} builds it: the JVM flags Chronicle and
 * Agrona need (analytics off), the distribution's logging configuration, the test JVM's classpath. Everything the
 * child prints, standard error included, goes to a log file, and no {@code URNE_*} variable of the test's
 * environment reaches it.
 */
final class UrneCommand
{
    /** How long any child may take to end once it should: generous, for a loaded machine. */
    static final Duration EXIT_LIMIT = Duration.ofSeconds(60);
    private static final Path LOGGING = Path.of("src/dist/config/logging.properties");

    /**
     * A command that ran to its end.
     *
     * @param exitCode its exit status.
     * @param output   everything it printed, standard error included.
     */
    record Run(int exitCode, String output)
    {
    }

    private UrneCommand()
    {
    }

    /** Runs {@code urne arguments} to its end (bounded), with its output in {@code log}. */
    static Run run(final Path log, final String... arguments) throws IOException, InterruptedException
    {
        final Process process = processBuilder(log, arguments).start();
        final int exitCode = awaitExit(process, log);
        return new Run(exitCode, output(log));
    }

    /** The child JVM running {@code urne arguments}, ready to start, writing its output to {@code log}. */
    static ProcessBuilder processBuilder(final Path log, final String... arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-Djava.util.logging.config.file=" + LOGGING.toAbsolutePath());
        // Small and quick to start: the fault tests restart servers dozens of times on a shared 2-core machine.
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UrneCli.class.getName());
        command.addAll(List.of(arguments));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("URNE_"));
        return builder;
    }

    /**
     * Waits (bounded) for {@code process} to end and returns its exit status; kills it if it does not end, and fails
     * with what it printed to {@code log}.
     */
    static int awaitExit(final Process process, final Path log) throws InterruptedException
    {
        if (!process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("urne did not exit within " + EXIT_LIMIT + ":\n" + output(log));
        }
        return process.exitValue();
    }

    /** What a child printed to {@code log} so far; a test that reads it while the child runs sees a prefix. */
    static String output(final Path log)
    {
        try
        {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex + ")";
        }
    }

    /**
     * The flags of the root pom's {@code urne.jvm.flags}, which Surefire passes as a system property: every JVM
     * that opens a journal needs them, and analytics must be off in each.
     */
    private static List<String> jvmFlags()
    {
        final String flags = System.getProperty("urne.jvm.flags");
        if (flags == null || !flags.contains("-Dchronicle.analytics.disable=true"))
        {
            throw new IllegalStateException("run under Maven: the system property urne.jvm.flags (with " +
                "-Dchronicle.analytics.disable=true) is missing, got " + flags);
        }
        return Arrays.asList(flags.trim().split("\\s+"));
    }
}
