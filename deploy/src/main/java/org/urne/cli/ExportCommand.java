package org.urne.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.urne.tally.core.TallyCore;
import org.urne.tally.journal.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Exports the journal's ballots and tally sheets, pseudonymous, each with what the tally did with it: for audits,
 * independent recounts and open data. Voters appear only as their keyed ids (HMAC with the deployment's secret),
 * which cannot be turned back into the platform's ids without that secret.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the journal's ballots and tally sheets (pseudonymous voter keys) with each one's outcome.",
        "NDJSON (default) carries every field; CSV has one row per ballot or sheet."})
final class ExportCommand implements Callable<Integer>
{
    /** The export formats {@code --format} takes. */
    enum Format
    {
        NDJSON, CSV
    }

    @Mixin
    JournalOption journalOption;

    @Option(names = {"-f", "--format"}, defaultValue = "ndjson", description = "ndjson or csv. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--poll", paramLabel = "ID", description = "Only this poll's records. Default: every poll.")
    String poll;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException
    {
        final Path journal = journalOption.existingJournal();
        try (OutputStream out = new BufferedOutputStream(
                output == null ? new UncloseableOutputStream(System.out) : Files.newOutputStream(output), 1 << 16);
            JournalReader reader = JournalReader.open(journal, 0);
            BallotExporter exporter = new BallotExporter(new TallyCore(), out, format == Format.CSV, poll))
        {
            reader.replay(exporter, Long.MAX_VALUE);
        }
        catch (final UncheckedIOException e)
        {
            throw e.getCause();
        }
        return 0;
    }

    /** Leaves standard output open for whatever prints after the command. */
    private static final class UncloseableOutputStream extends FilterOutputStream
    {
        private UncloseableOutputStream(final OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException
        {
            flush();
        }
    }
}
