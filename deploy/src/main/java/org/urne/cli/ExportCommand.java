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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Exports the journal, pseudonymous: as NDJSON, the auditors' record (every record's exact bytes and their decoding,
 * docs/journal-format.md), which {@code tools/recount/recount.py} verifies and recounts; as CSV, one row per ballot
 * or tally sheet with what the tally did with it, for open data. Voters appear only as their keyed ids (HMAC with the
 * deployment's secret), which cannot be turned back into the platform's ids without that secret. Reads with a
 * read-only reader, so it works on a running server's journal.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the journal (pseudonymous voter keys).",
        "NDJSON (default): the auditors' record, every record's exact bytes and their decoding "
            + "(docs/journal-format.md); check it with tools/recount/recount.py.",
        "CSV: one row per ballot or tally sheet with each one's outcome."})
final class ExportCommand implements Callable<Integer>
{
    /** The export formats {@code --format} takes. */
    enum Format
    {
        NDJSON, CSV
    }

    @Mixin
    JournalOption journalOption;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, defaultValue = "ndjson", description = "ndjson or csv. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--poll", paramLabel = "ID",
        description = "CSV only: this poll's rows. Default: every poll. The auditors' record is always whole.")
    String poll;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException
    {
        final Path journal = journalOption.existingJournal();
        if (format == Format.NDJSON && poll != null)
        {
            throw new ParameterException(spec.commandLine(), "--poll applies to --format csv only: the auditors' " +
                "record holds every record, since each record's chain value covers all those before it");
        }
        try (OutputStream out = new BufferedOutputStream(
                output == null ? new UncloseableOutputStream(System.out) : Files.newOutputStream(output), 1 << 16);
            JournalReader reader = JournalReader.open(journal, 0))
        {
            if (format == Format.CSV)
            {
                try (BallotExporter exporter = new BallotExporter(new TallyCore(), reader, out, poll))
                {
                    reader.replay(exporter, Long.MAX_VALUE);
                }
            }
            else
            {
                try (AuditRecordExporter exporter = new AuditRecordExporter(reader, out))
                {
                    reader.replay(exporter, Long.MAX_VALUE);
                }
            }
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
