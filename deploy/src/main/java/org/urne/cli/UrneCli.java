package org.urne.cli;

import org.urne.cli.bench.BenchCommand;
import org.urne.cli.bench.CeilingCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The one launcher: {@code urne serve | cluster | replay | verify | export | simulate | bench | ceiling}. */
@Command(
    name = "urne",
    mixinStandardHelpOptions = true,
    versionProvider = UrneVersion.class,
    description = "Urne: vote tallying and live results from an append-only journal.",
    subcommands = {
        ServeCommand.class,
        ClusterCommand.class,
        ReplayCommand.class,
        VerifyCommand.class,
        ExportCommand.class,
        SimulateCommand.class,
        BenchCommand.class,
        CeilingCommand.class,
        CommandLine.HelpCommand.class
    })
public final class UrneCli
{
    /**
     * The exit status of a command that refused to run on what it was given (a journal another writer holds or that
     * is corrupt, an unusable configuration): restarting it unchanged fails the same way, so the systemd unit does
     * not (RestartPreventExitStatus).
     */
    public static final int REFUSED = 3;

    private UrneCli()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(final String... args)
    {
        return new CommandLine(new UrneCli()).setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(new OperatorErrors()).execute(args);
    }
}
