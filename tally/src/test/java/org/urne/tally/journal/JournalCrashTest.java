package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process with SIGKILL while it appends, twice, and checks the promise: every acknowledged record is
 * read back intact at its position, nothing torn is returned, and the next writer continues the sequence.
 */
class JournalCrashTest
{
    @TempDir(factory = JournalTempDir.class)
    Path directory;

    @Test
    void everyAcknowledgedRecordSurvivesSigkillAndTheNextWriterContinues() throws Exception
    {
        final Map<Long, Integer> acknowledged = new ConcurrentHashMap<>();
        for (int round = 0; round < 2; round++)
        {
            final long before = acknowledged.size();
            final long lastAcknowledged = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
            final String opened = runAndKill(round * 1_000_000, acknowledged);
            final long openedAt = Long.parseLong(opened.split(" ")[1]);
            assertThat(openedAt).as("round %d starts after every acknowledged record", round)
                .isGreaterThan(lastAcknowledged);
            assertThat(acknowledged.size()).as("acks in round %d", round).isGreaterThan((int)before);
        }

        final RecordingTallyIn read = new RecordingTallyIn();
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            reader.replay(read, Long.MAX_VALUE);
        }
        for (int i = 0; i < read.records.size(); i++)
        {
            assertThat(read.records.get(i).position()).isEqualTo(i);
        }
        acknowledged.forEach((position, n) ->
        {
            assertThat(position).isLessThan(read.records.size());
            assertThat(read.records.get((int)(long)position).entry()).isEqualTo(JournalEntries.ballot(n));
        });
        assertThat(JournalVerifier.verify(directory).ok()).isTrue();

        try (Journal journal = Journal.open(new JournalContext().directory(directory)))
        {
            assertThat(journal.nextPosition()).isEqualTo(read.records.size());
            assertThat(journal.append(JournalEntries.ballot(-1)).get(10, TimeUnit.SECONDS).position())
                .isEqualTo(read.records.size());
        }
    }

    /** Starts a writer process, lets it acknowledge for a random short while, kills it; returns its open line. */
    private String runAndKill(final int firstN, final Map<Long, Integer> acknowledged) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashingWriterMain.class.getName());
        command.add(directory.toString());
        command.add(Integer.toString(firstN));
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String[] openLine = new String[1];
        final int[] acks = new int[1];
        final Thread collector = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    final String[] fields = line.split(" ");
                    if (fields[0].equals("open"))
                    {
                        openLine[0] = line;
                    }
                    else if (fields[0].equals("ack") && fields.length == 3)
                    {
                        acknowledged.put(Long.parseLong(fields[1]), Integer.parseInt(fields[2]));
                        synchronized (acks)
                        {
                            acks[0]++;
                        }
                    }
                }
            }
            catch (final IOException ex)
            {
                // The pipe closes when the child is killed.
            }
        });
        collector.start();
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && child.isAlive() && ackCount(acks) == 0)
            {
                Thread.sleep(5);
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(100, 600));
        }
        finally
        {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            collector.join(10_000);
        }
        return openLine[0];
    }

    private static int ackCount(final int[] acks)
    {
        synchronized (acks)
        {
            return acks[0];
        }
    }
}
