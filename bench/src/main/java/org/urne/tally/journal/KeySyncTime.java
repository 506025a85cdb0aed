package org.urne.tally.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

/**
 * What the journal's writer waits for before a batch that holds an argument: a new key written to the argument key
 * store and synced ({@link ArgumentKeys#encrypt}, then {@link ArgumentKeys#sync}), one key after the other, timed
 * each. Checks its answer: the store, opened again, holds every key. Not JMH: each operation is a disk sync, and
 * what is wanted is their distribution.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.urne.tally.journal.KeySyncTime [directory] [keys]</pre>
 *
 * <p>The directory (default {@code bench/target/bench-journals}) should be on the disk a journal would use, not a
 * tmpfs; the store is deleted afterwards.
 */
public final class KeySyncTime
{
    private KeySyncTime()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path parent = Path.of(args.length > 0 ? args[0] : "bench/target/bench-journals");
        final int count = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        Files.createDirectories(parent);
        final Path directory = Files.createTempDirectory(parent, "key-sync-");
        final Path path = directory.resolve("journal.argument-keys");
        final long[] nanos = new long[count];
        try
        {
            try (ArgumentKeys keys = ArgumentKeys.open(path))
            {
                for (int i = 0; i < count; i++)
                {
                    final long start = System.nanoTime();
                    keys.encrypt(argued(i));
                    keys.sync();
                    nanos[i] = System.nanoTime() - start;
                }
            }
            try (ArgumentKeys keys = ArgumentKeys.readOnly(path))
            {
                for (int i = 0; i < count; i++)
                {
                    if (!keys.holds("p", receipt(i)))
                    {
                        throw new IllegalStateException("key " + i + " is not in the store once opened again");
                    }
                }
            }
        }
        finally
        {
            Files.deleteIfExists(path);
            Files.deleteIfExists(directory);
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "keys=%d p50=%.1fus p90=%.1fus p99=%.1fus mean=%.1fus (every key found " +
            "again)%n", count, nanos[count / 2] / 1e3, nanos[count * 9 / 10] / 1e3, nanos[count * 99 / 100] / 1e3,
            Arrays.stream(nanos).average().orElse(0) / 1e3);
    }

    private static JournalEntry argued(final int n)
    {
        return new JournalEntry.BallotCast(new Ballot("p", "b" + n, new Key128(9, n), receipt(n), "digital", n,
            new BallotContent.Opinion(1, Choice.FOR, "argument " + n)));
    }

    private static Key128 receipt(final int n)
    {
        return new Key128(n, n + 1);
    }
}
