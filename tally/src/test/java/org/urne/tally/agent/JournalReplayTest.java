package org.urne.tally.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.core.TallyCore;
import org.urne.tally.journal.Durability;
import org.urne.tally.journal.Journal;
import org.urne.tally.journal.JournalContext;
import org.urne.tally.journal.JournalReader;
import org.urne.tally.journal.JournalTempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay equals live, through the real journal: a random stream goes through the one pass (journal, then a serving
 * agent applying the producers' own entry objects); two fresh replays decoding the journal from disk (one reading on
 * the agent's thread, one read ahead on a thread of its own), and a direct application of the stream with the
 * recorded times, all end in the live core's state hash.
 */
class JournalReplayTest
{
    @TempDir(factory = JournalTempDir.class)
    Path directory;

    @Test
    void replayingTheJournalTwiceGivesTheLiveStateHash() throws Exception
    {
        final List<RandomJournal.Timed> stream = RandomJournal.generate(20221906, 3_000);
        final AtomicLong clock = new AtomicLong();
        final List<RandomJournal.Timed> recorded = new ArrayList<>();
        final long liveHash;
        try (Journal journal = Journal.open(new JournalContext().directory(directory)
            .durability(Durability.PAGE_CACHE).clockMicros(clock::get)))
        {
            final TallyCore liveCore = new TallyCore();
            // A fresh journal: nothing to replay before the live records.
            final TallyAgent live = TallyAgent.serving(liveCore, (handler, limit) -> 0, () -> 0, 0, 64);
            final TallyPipeline pipeline = new TallyPipeline(journal, live);
            try (AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null, live))
            {
                AgentRunner.startOnThread(runner);
                for (final RandomJournal.Timed timed : stream)
                {
                    clock.set(timed.timeMicros());
                    final FutureSubmission submission = new FutureSubmission(timed.entry(), "test");
                    pipeline.submit(submission);
                    final Applied applied = submission.answer().get(10, TimeUnit.SECONDS);
                    assertThat(applied.position()).isEqualTo(recorded.size());
                    recorded.add(new RandomJournal.Timed(applied.timeMicros(), timed.entry()));
                }
            }
            // The runner has stopped and joined the agent's thread: its core is safe to read here.
            liveHash = liveCore.stateHash();
        }

        assertThat(replayHash()).isEqualTo(liveHash);
        assertThat(readAheadReplayHash()).isEqualTo(liveHash);
        final TallyCore direct = new TallyCore();
        for (int position = 0; position < recorded.size(); position++)
        {
            recorded.get(position).entry().dispatch(position, recorded.get(position).timeMicros(), direct);
        }
        assertThat(direct.stateHash()).isEqualTo(liveHash);
    }

    private long replayHash()
    {
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            final TallyCore core = new TallyCore();
            new TallyAgent(core, reader::poll, () -> 0, 0, 1_000, Long.MAX_VALUE).catchUp();
            return core.stateHash();
        }
    }

    /** As a serving node's start and {@code urne replay} replay: the records read ahead on a thread of their own. */
    private long readAheadReplayHash()
    {
        try (JournalReader reader = JournalReader.open(directory, 0);
            ReadAheadRecordSource source = ReadAheadRecordSource.start(reader, Long.MAX_VALUE))
        {
            final TallyCore core = new TallyCore();
            new TallyAgent(core, source, () -> 0, 0, 1_000, Long.MAX_VALUE).catchUp();
            return core.stateHash();
        }
    }
}
