package org.urne.cli;

import org.urne.tally.journal.JournalCorruptException;
import org.urne.tally.journal.JournalLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The one launcher: {@code urne serve | replay | verify | export | simulate}. */
@Command(
    name = "urne",
    mixinStandardHelpOptions = true,
    versionProvider = UrneVersion.class,
    description = "Urne: vote tallying and live results from an append-only journal.",
    subcommands = {
        ServeCommand.class,
        ReplayCommand.class,
        VerifyCommand.class,
        ExportCommand.class,
        SimulateCommand.class,
        org.urne.cli.bench.BenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class UrneCli
{
    /** The exit status of a command that refused to run on a journal another writer holds or that is corrupt. */
    public static final int REFUSED = 1;

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
            .setExecutionExceptionHandler(UrneCli::refuse).execute(args);
    }

    /**
     * A journal another writer holds, or one corrupt in the middle, is an operator's matter: its message names the
     * directory and what to do, and a stack trace after it would only bury that. Anything else is a bug and keeps
     * its trace.
     */
    private static int refuse(final Exception ex, final CommandLine command, final ParseResult parsed)
        throws Exception
    {
        if (ex instanceof JournalLockedException || ex instanceof JournalCorruptException)
        {
            command.getErr().println("urne " + command.getCommandName() + ": " + ex.getMessage());
            command.getErr().flush();
            return REFUSED;
        }
        throw ex;
    }
}
