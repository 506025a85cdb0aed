package org.urne.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.urne.tally.journal.JournalException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints what an operator must fix (a corrupt or locked journal, a bad or unsafe configuration, an unreadable file)
 * as the message alone, and exits with {@link UrneCli#REFUSED}: the message names the file and what to do, and a stack
 * trace after it would bury it. Anything else is a bug, and keeps picocli's stack trace.
 */
final class OperatorErrors implements IExecutionExceptionHandler
{
    @Override
    public int handleExecutionException(final Exception ex, final CommandLine commandLine,
        final ParseResult parseResult) throws Exception
    {
        final Throwable cause = unwrapped(ex);
        if (!isOperatorError(cause))
        {
            throw ex;
        }
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + cause.getMessage());
        commandLine.getErr().flush();
        return UrneCli.REFUSED;
    }

    private static Throwable unwrapped(final Throwable ex)
    {
        Throwable cause = ex;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) &&
            cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The journal's refusals, and what {@code UrneServer.start} and {@code UrneConfig.load} document for a
     * configuration that is invalid, unsafe, unreadable or conflicts with the journal.
     */
    private static boolean isOperatorError(final Throwable cause)
    {
        return cause instanceof JournalException ||
            cause instanceof IOException ||
            cause instanceof UncheckedIOException ||
            cause instanceof IllegalStateException ||
            cause instanceof IllegalArgumentException;
    }
}
