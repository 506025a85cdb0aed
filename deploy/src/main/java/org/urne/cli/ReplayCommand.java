package org.urne.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.urne.tally.agent.PublishedPoll;
import org.urne.tally.agent.ReadAheadRecordSource;
import org.urne.tally.agent.ResultsSnapshot;
import org.urne.tally.agent.TallyAgent;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Times;
import org.urne.tally.journal.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Recounts a journal from its first record, through the same tally agent and core the service runs, and prints or
 * exports the results. Safe while the service runs: it only reads.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Recount a journal from the start and print or export the results.",
        "Reads only: safe to run beside a serving instance, on a copy, or on an archived journal."})
final class ReplayCommand implements Callable<Integer>
{
    /** What {@code --format} prints: a summary table, the results JSON or CSV. */
    enum Format
    {
        SUMMARY, JSON, CSV
    }

    private static final int BATCH = 10_000;

    @Spec
    CommandSpec spec;

    @Mixin
    JournalOption journalOption;

    @Option(names = "--to-position", paramLabel = "N",
        description = "Stop after the record at position N (results as they stood then). Default: the end.")
    Long toPosition;

    @Option(names = "--poll", paramLabel = "ID", description = "Only this poll (repeatable). Default: every poll.")
    List<String> polls = new ArrayList<>();

    @Option(names = {"-f", "--format"}, defaultValue = "summary",
        description = "summary (a table per poll), json (the results API's JSON) or csv. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
        description = "Write to this file instead of standard output; for csv with several polls, a directory.")
    Path output;

    @Option(names = "--progress", negatable = true,
        description = "Show a progress bar on standard error. Default: when standard error is a terminal.")
    Boolean progress;

    @Override
    public Integer call() throws IOException
    {
        final Path journal = journalOption.existingJournal();
        if (toPosition != null && toPosition < 0)
        {
            throw new ParameterException(spec.commandLine(), "--to-position must be 0 or more");
        }
        final TallyCore core = new TallyCore();
        final TallyAgent agent;
        final long replayed;
        try (JournalReader reader = JournalReader.open(journal, 0))
        {
            final long total = recordsToReplay(reader);
            final long lastPosition = toPosition == null ? Long.MAX_VALUE : toPosition;
            // The reading (checksums, the hash chain, decoding) on a thread of its own, beside the applying.
            try (ProgressBar bar = progressBar(total);
                ReadAheadRecordSource source = ReadAheadRecordSource.start(reader,
                    lastPosition == Long.MAX_VALUE ? lastPosition : lastPosition + 1, read ->
                    {
                        if (bar != null)
                        {
                            bar.stepBy(read);
                        }
                    }))
            {
                agent = new TallyAgent(core, source, Clock::nowMicros, 0, BATCH, lastPosition);
                agent.expectRecords(total);
                agent.catchUp();
            }
            replayed = reader.nextPosition();
        }
        final List<PublishedPoll> selected = select(agent.snapshot());
        write(journal, core, replayed, selected);
        return 0;
    }

    private List<PublishedPoll> select(final ResultsSnapshot snapshot)
    {
        if (polls.isEmpty())
        {
            return snapshot.polls();
        }
        final List<PublishedPoll> selected = new ArrayList<>();
        for (final String pollId : polls)
        {
            final PublishedPoll poll = snapshot.poll(pollId);
            if (poll == null)
            {
                throw new ParameterException(spec.commandLine(), "the journal defines no poll " + pollId);
            }
            selected.add(poll);
        }
        return selected;
    }

    private void write(final Path journal, final TallyCore core, final long replayed, final List<PublishedPoll> selected)
        throws IOException
    {
        if (format == Format.CSV && selected.size() != 1)
        {
            if (output == null)
            {
                throw new ParameterException(spec.commandLine(),
                    "csv holds one poll: name it with --poll, or give --output DIR for one file per poll");
            }
            Files.createDirectories(output);
            for (final PublishedPoll poll : selected)
            {
                Files.write(output.resolve(poll.pollId() + ".csv"), poll.csv());
            }
            return;
        }
        final byte[] bytes = switch (format)
        {
            case CSV -> selected.get(0).csv();
            case JSON -> json(selected);
            case SUMMARY -> summary(journal, core, replayed, selected);
        };
        if (output == null)
        {
            System.out.write(bytes);
            System.out.flush();
        }
        else
        {
            Files.write(output, bytes);
        }
    }

    private static byte[] json(final List<PublishedPoll> selected)
    {
        if (selected.size() == 1)
        {
            return selected.get(0).json();
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < selected.size(); i++)
        {
            if (i > 0)
            {
                out.write(',');
            }
            out.writeBytes(selected.get(i).json());
        }
        out.write(']');
        return out.toByteArray();
    }

    private static byte[] summary(final Path journal, final TallyCore core, final long replayed,
        final List<PublishedPoll> selected)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        out.printf("Journal %s: %d records replayed, last position %d%s%n", journal, replayed, core.lastPosition(),
            core.lastPosition() < 0 ? "" : " (" + Times.toInstant(core.lastTimeMicros()) + ")");
        out.printf("State hash: %016x%n", core.stateHash());
        for (final PublishedPoll poll : selected)
        {
            out.println();
            ResultsTable.print(out, poll.results());
        }
        return bytes.toByteArray();
    }

    /** How many records the replay will read: the journal's, or those up to --to-position. */
    private long recordsToReplay(final JournalReader reader)
    {
        final long stored = reader.storedRecords();
        return toPosition == null || toPosition >= stored ? stored : toPosition + 1;
    }

    private ProgressBar progressBar(final long total)
    {
        final boolean show = progress != null ? progress : System.console() != null;
        if (!show)
        {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("Replaying").setInitialMax(total).setUnit(" records", 1)
            .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
    }
}
