package org.urne.tally.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.urne.tally.core.ArgumentJournals;
import org.urne.tally.core.ItemJournals;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.JournalEntry;

/**
 * Writes the golden journals of the current record format ({@link JournalRecordCodec#VERSION}): one small journal
 * per poll kind, from fixed seeds of {@link RandomJournal} (revotes, retries, reused ids, withdrawals, sheets,
 * openings and closings, refused records), numbered and timed by the generator, not by a clock, and zipped into
 * {@code src/test/resources/org/urne/tally/journal/golden-v<version>.zip}. Run it once per new format version, from
 * the tally module: with the module's test class path (see GoldenJournalTest); never to "fix" a failing
 * {@code GoldenJournalTest}: a golden file is what an older Urne wrote, and must keep replaying as it did.
 */
public final class GoldenJournals
{
    /** The seeds of the golden journals: a priority poll (revote: first), an opinion poll, a timed judgment poll. */
    static final long[] SEEDS = {1, 2, 3};
    /**
     * From format version 3 on, also journals of the paper channel ({@link RandomJournal#generatePaper}): stands,
     * typed ballots and their annulments, double entry of sheets.
     */
    static final long[] PAPER_SEEDS = {4, 5, 6};
    static final int RECORDS = 400;
    /**
     * From format version 4 on, also journals of an opinion poll's arguments ({@link ArgumentJournals}): texts
     * encrypted under keys in the key store beside each journal ({@code seed-N.argument-keys}, zipped with it),
     * hides, and erasures whose keys are destroyed.
     */
    static final long[] ARGUMENT_SEEDS = {7, 8};
    /**
     * From format version 4 on, also journals of a consultation ({@link ItemJournals}): items added while it runs,
     * hidden, withdrawn and published again, and the opinions on them.
     */
    static final long[] ITEM_SEEDS = {9, 10};

    private GoldenJournals()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path work = Files.createTempDirectory("golden");
        final Path zip = Path.of("src/test/resources/org/urne/tally/journal/golden-v" + JournalRecordCodec.VERSION +
            ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)))
        {
            for (final long seed : SEEDS)
            {
                final Path journal = work.resolve("seed-" + seed);
                write(journal, RandomJournal.generate(seed, RECORDS));
                add(out, work, journal);
            }
            for (final long seed : PAPER_SEEDS)
            {
                final Path journal = work.resolve("seed-" + seed);
                write(journal, RandomJournal.generatePaper(seed, RECORDS));
                add(out, work, journal);
            }
            for (final long seed : ARGUMENT_SEEDS)
            {
                final Path journal = work.resolve("seed-" + seed);
                writeArguments(journal, ArgumentJournals.generate(seed, RECORDS));
                add(out, work, journal);
                addFile(out, work, ArgumentKeys.pathFor(journal));
            }
            for (final long seed : ITEM_SEEDS)
            {
                final Path journal = work.resolve("seed-" + seed);
                write(journal, ItemJournals.generate(seed, RECORDS));
                add(out, work, journal);
            }
        }
        System.out.println("wrote " + zip.toAbsolutePath());
    }

    /** A journal holding {@code records}, at positions 0, 1, 2, ... with their own times. */
    static void write(final Path directory, final List<RandomJournal.Timed> records)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(directory)
            .durability(Durability.PAGE_CACHE)))
        {
            final List<AppendFuture> appended = new ArrayList<>();
            long time = Long.MIN_VALUE;
            for (int position = 0; position < records.size(); position++)
            {
                final RandomJournal.Timed record = records.get(position);
                time = Math.max(time, record.timeMicros());
                final AppendFuture future = new AppendFuture();
                journal.appendCopy(new JournalRecord(position, time, record.entry(), author(record.entry()), null),
                    future);
                appended.add(future);
            }
            appended.forEach(AppendFuture::join);
        }
    }

    /**
     * A journal of arguments ({@link ArgumentJournals#generate}) as a server writes it: each argument encrypted under
     * a key of the key store beside the journal, and the key of each argument an accepted erasure erases destroyed,
     * as the tally agent destroys it.
     */
    public static void writeArguments(final Path directory, final List<RandomJournal.Timed> records)
    {
        final TallyCore core = new TallyCore();
        try (Journal journal = Journal.open(new JournalContext().directory(directory)
            .durability(Durability.PAGE_CACHE)))
        {
            final List<AppendFuture> appended = new ArrayList<>();
            long time = Long.MIN_VALUE;
            for (int position = 0; position < records.size(); position++)
            {
                final RandomJournal.Timed record = records.get(position);
                time = Math.max(time, record.timeMicros());
                final JournalEntry entry = journal.argumentKeys().encrypt(record.entry());
                final AppendFuture future = new AppendFuture();
                journal.appendCopy(new JournalRecord(position, time, entry, author(entry), null), future);
                appended.add(future);
                entry.dispatch(position, time, core);
                if (entry instanceof JournalEntry.ArgumentErased erased && core.lastErasedReceipt() != null)
                {
                    journal.argumentKeys().destroy(erased.pollId(), core.lastErasedReceipt());
                }
            }
            appended.forEach(AppendFuture::join);
        }
    }

    /**
     * Who made the record, as a server would journal it: the token that entered a sheet, the platform's for
     * ballots, an operator's else.
     */
    private static String author(final JournalEntry entry)
    {
        if (entry instanceof JournalEntry.TallySheetRecorded recorded && recorded.sheet().enteredBy() != null)
        {
            return recorded.sheet().enteredBy();
        }
        return entry instanceof JournalEntry.BallotCast ? "platform" : "operator";
    }

    private static void addFile(final ZipOutputStream out, final Path root, final Path file) throws IOException
    {
        out.putNextEntry(new ZipEntry(root.relativize(file).toString()));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
    }

    private static void add(final ZipOutputStream out, final Path root, final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : files.filter(Files::isRegularFile).sorted().toList())
            {
                if (file.getFileName().toString().equals("urne.lock"))
                {
                    continue;
                }
                out.putNextEntry(new ZipEntry(root.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
