package org.urne.tally.journal;

import java.nio.file.Path;

/**
 * The child process of {@link JournalCrashTest}: opens the journal, reports what it found, then appends from three
 * threads until killed, printing {@code ack <position> <n>} for each acknowledged {@code JournalEntries.ballot(n)}.
 * Bounded by count and time so a child its parent failed to kill still ends.
 */
public final class CrashingWriterMain
{
    private CrashingWriterMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path directory = Path.of(args[0]);
        final int firstN = Integer.parseInt(args[1]);
        final long deadline = System.nanoTime() + 30_000_000_000L;
        final Journal journal = Journal.open(new JournalContext().directory(directory).durability(Durability.FSYNC));
        final Journal.OpenReport report = journal.openReport();
        print("open " + report.nextPosition() + " " + report.droppedRecords());
        final Thread[] producers = new Thread[3];
        for (int t = 0; t < producers.length; t++)
        {
            final int thread = t;
            producers[t] = new Thread(() ->
            {
                for (int i = 0; i < 100_000 && System.nanoTime() < deadline; i++)
                {
                    final int n = firstN + i * producers.length + thread;
                    final Appended appended = JournalTest.appendRetrying(journal, JournalEntries.ballot(n)).join();
                    print("ack " + appended.position() + " " + n);
                }
            });
            producers[t].start();
        }
        for (final Thread producer : producers)
        {
            producer.join();
        }
        journal.close();
    }

    private static synchronized void print(final String line)
    {
        System.out.println(line);
        System.out.flush();
    }
}
