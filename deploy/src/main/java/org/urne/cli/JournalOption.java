package org.urne.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code --journal} option the offline commands share, defaulting to where {@code serve} keeps it. */
final class JournalOption
{
    static final String DEFAULT_JOURNAL = "urne-data/journal";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-j", "--journal"}, defaultValue = DEFAULT_JOURNAL, paramLabel = "DIR",
        description = "The journal directory (default: ${DEFAULT-VALUE}).")
    Path journal;

    /** The journal directory, or a usage error naming it when it does not exist. */
    Path existingJournal()
    {
        if (!Files.isDirectory(journal))
        {
            throw new ParameterException(spec.commandLine(), "no journal directory at " + journal.toAbsolutePath());
        }
        return journal;
    }
}
