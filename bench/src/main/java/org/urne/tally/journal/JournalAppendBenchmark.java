package org.urne.tally.journal;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.urne.tally.bench.BenchFiles;
import org.urne.tally.bench.ForkFlags;
import org.urne.tally.bench.JournalFixtures;
import org.urne.tally.domain.JournalEntry;

/**
 * Records per second through {@link Journal#append} until acknowledged, with {@code outstanding} appends in flight
 * (see {@link AppendWindow}): 1 is a lone client waiting for each ack; 1024 fills the writer's largest batch, so
 * one sync is shared by as many records as it can be.
 *
 * <p>Checks: every acknowledgement carries the next position in append order (a failed append fails the run); at
 * each iteration's end the journal's acknowledged position equals the records appended and a reader reads back
 * exactly that many. Each iteration gets a fresh journal, deleted afterwards.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(jvmArgs = "-Xmx2g")
public class JournalAppendBenchmark extends ForkFlags
{
    private static final int ENTRIES = 4096;

    @Param({"FSYNC", "PAGE_CACHE"})
    public Durability durability;

    @Param({"1", "64", "1024"})
    public int outstanding;

    private JournalEntry[] entries;
    private Path directory;
    private Journal journal;
    private AppendWindow window;
    private int next;

    @Setup(Level.Trial)
    public void generateEntries()
    {
        entries = JournalFixtures.ballotEntries(ENTRIES, 2022);
    }

    @Setup(Level.Iteration)
    public void openJournal()
    {
        directory = BenchFiles.newJournalDirectory("append");
        journal = Journal.open(new JournalContext().directory(directory).durability(durability));
        window = new AppendWindow(journal, outstanding);
    }

    @Benchmark
    public CompletableFuture<Appended> append()
    {
        next = (next + 1) & (ENTRIES - 1);
        return window.append(entries[next]);
    }

    @TearDown(Level.Iteration)
    public void checkAndDelete()
    {
        final long appended = window.drain();
        journal.close();
        final long readBack = RecordCounter.count(directory);
        if (readBack != appended)
        {
            throw new IllegalStateException("read back " + readBack + " records of " + appended + " appended");
        }
        BenchFiles.deleteJournal(directory);
    }
}
