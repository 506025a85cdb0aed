package org.urne.tally.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;

import static org.assertj.core.api.Assertions.assertThat;

class TallyAgentTest
{
    @Test
    void replayToAPositionEqualsLiveTailingAtThatPosition()
    {
        final List<RandomJournal.Timed> journal = RandomJournal.generate(42, 400);

        final TallyCore replayed = new TallyCore();
        new TallyAgent(replayed, new ListRecordSource(journal, journal.size()), () -> 0, 0, 64, 249).catchUp();

        final TallyCore live = new TallyCore();
        final ListRecordSource source = new ListRecordSource(journal, 0);
        final TallyAgent agent = new TallyAgent(live, source, () -> 0, 0, 7, Long.MAX_VALUE);
        for (int released = 0; released < 250; released += 10)
        {
            source.release(10);
            agent.doWork();
            agent.doWork();
        }
        while (live.lastPosition() < 249)
        {
            agent.doWork();
        }
        assertThat(replayed.lastPosition()).isEqualTo(249);
        assertThat(live.stateHash()).isEqualTo(replayed.stateHash());
    }

    @Test
    void aServingAgentReplaysItsSourceToItsEndBeforeItIsCaughtUp()
    {
        final List<RandomJournal.Timed> journal = RandomJournal.generate(43, 400);
        final TallyCore replayed = new TallyCore();
        new TallyAgent(replayed, new ListRecordSource(journal, journal.size()), () -> 0, 0, 64, Long.MAX_VALUE)
            .catchUp();

        final TallyCore served = new TallyCore();
        final ListRecordSource source = new ListRecordSource(journal, 250);
        final TallyAgent agent = TallyAgent.serving(served, source, () -> 0, 0, 64);
        while (served.lastPosition() < 249)
        {
            assertThat(agent.isCaughtUp()).isFalse();
            agent.doWork();
        }
        agent.doWork();
        // The source had nothing more: the replay is over, and what follows comes from the writer, not the source.
        assertThat(agent.isCaughtUp()).isTrue();
        source.release(150);
        agent.doWork();
        assertThat(served.lastPosition()).isEqualTo(249);

        final TallyCore whole = new TallyCore();
        final TallyAgent wholeAgent = TallyAgent.serving(whole, new ListRecordSource(journal, journal.size()), () -> 0,
            0, 64);
        wholeAgent.catchUp();
        assertThat(whole.lastPosition()).isEqualTo(399);
        assertThat(whole.stateHash()).isEqualTo(replayed.stateHash());
    }

    @Test
    void aServingAgentAppliesACommittedRecordInTheDutyCycleThatEndsItsReplay()
    {
        // As a cluster member's service does: an empty source, then each committed record followed by one doWork.
        final TallyCore core = new TallyCore();
        final TallyAgent agent = TallyAgent.serving(core, (handler, limit) -> 0, () -> 0, 0, 64);
        final FutureSubmission submission = new FutureSubmission(new JournalEntry.PollDefined(
            RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, false)), "test");
        agent.takeCommitted(submission, 0, 1, new byte[32]);

        agent.doWork();

        assertThat(core.lastPosition()).isZero();
        assertThat(submission.answer()).isCompleted();
    }

    @Test
    void theRecordsAnAgentExpectsSizeTheCoresIndexes()
    {
        final int voters = 6_000;
        final List<RandomJournal.Timed> journal = new ArrayList<>();
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollDefined(
            RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, false))));
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollOpened(RandomJournal.POLL)));
        for (int n = 0; n < voters; n++)
        {
            journal.add(new RandomJournal.Timed(1, new JournalEntry.BallotCast(new Ballot(RandomJournal.POLL, "b" + n,
                RandomJournal.voter(n), RandomJournal.receipt("b" + n), "digital", 1,
                new BallotContent.Selection(new int[] {3, 7 + n % 2 * 13})))));
        }
        final TallyCore told = new TallyCore();
        final TallyAgent agent = new TallyAgent(told, new ListRecordSource(journal, journal.size()), () -> 0, 0, 64,
            Long.MAX_VALUE);
        agent.expectRecords(journal.size());
        agent.catchUp();
        final TallyCore toldDirectly = new TallyCore();
        toldDirectly.expectRecords(journal.size());
        final TallyCore untold = new TallyCore();
        for (int position = 0; position < journal.size(); position++)
        {
            journal.get(position).entry().dispatch(position, 1, toldDirectly);
            journal.get(position).entry().dispatch(position, 1, untold);
        }

        assertThat(agent.outcomeCount(Outcome.ACCEPTED)).isEqualTo(voters + 2);
        assertThat(told.stateHash()).isEqualTo(untold.stateHash());
        // The indexes are sized once for the expected keys, as the core told directly sizes them, not grown in steps.
        assertThat(told.footprintBytes()).isEqualTo(toldDirectly.footprintBytes())
            .isNotEqualTo(untold.footprintBytes());
    }

    @Test
    void paperNewsOfAnUnknownPollIsRefusedWithoutStoppingTheAgent()
    {
        // The core refuses an annulment naming no poll it knows; the agent has no paper view to publish for it.
        final List<RandomJournal.Timed> journal = List.of(
            new RandomJournal.Timed(0, new JournalEntry.BallotAnnulled("nowhere", RandomJournal.receipt("b1"))));
        final TallyCore core = new TallyCore();
        final TallyAgent agent = new TallyAgent(core, new ListRecordSource(journal, 1), () -> 0, 0, 64, Long.MAX_VALUE);

        agent.catchUp();

        assertThat(core.lastPosition()).isZero();
        assertThat(agent.paper("nowhere")).isNull();
    }

    @Test
    void readersOnOtherThreadsOnlySeeWholeSnapshots() throws Exception
    {
        final List<RandomJournal.Timed> journal = new ArrayList<>();
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollDefined(
            RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, false))));
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollOpened(RandomJournal.POLL)));
        final int voters = 20_000;
        for (int v = 0; v < voters; v++)
        {
            // Every ballot selects items 3 and 7: in any whole snapshot their counts are equal and match ballots.
            journal.add(new RandomJournal.Timed(1, new JournalEntry.BallotCast(new Ballot(RandomJournal.POLL, "b" + v,
                new Key128(v, 1), new Key128(v, 2), "digital", 1, new BallotContent.Selection(new int[]{3, 7})))));
        }
        final ListRecordSource source = new ListRecordSource(journal, 2);
        final TallyAgent agent = new TallyAgent(new TallyCore(), source, () -> System.nanoTime() / 1000, 0, 100,
            Long.MAX_VALUE);
        final AtomicBoolean torn = new AtomicBoolean();
        final Set<Long> positionsSeen = ConcurrentHashMap.newKeySet();
        final AtomicLong lastSeen = new AtomicLong(-1);
        final Thread reader = new Thread(() ->
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long seen = -1;
            while (seen < journal.size() - 1 && System.nanoTime() < deadline)
            {
                final ResultsSnapshot snapshot = agent.snapshot();
                final PublishedPoll poll = snapshot.poll(RandomJournal.POLL);
                if (poll != null)
                {
                    final long[][][] counts = poll.results().counts();
                    final long ballots = poll.results().ballots()[1];
                    if (counts[0][0][1] != ballots || counts[1][0][1] != ballots ||
                        ballots != Math.max(0, snapshot.position() - 1))
                    {
                        torn.set(true);
                    }
                    seen = snapshot.position();
                    positionsSeen.add(seen);
                    lastSeen.set(seen);
                }
            }
        });
        reader.start();
        try (AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null, agent))
        {
            AgentRunner.startOnThread(runner);
            // Release the journal in steps, each once the reader has seen the previous one published, so the reader
            // checks many snapshots taken while the agent applies, however the threads are scheduled.
            for (int released = 2; released < journal.size(); released += 500)
            {
                final long stepDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (lastSeen.get() < released - 1 && System.nanoTime() < stepDeadline)
                {
                    Thread.onSpinWait();
                }
                source.release(Math.min(500, journal.size() - released));
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(torn).isFalse();
        assertThat(positionsSeen).as("the reader saw snapshots while the agent applied").hasSizeGreaterThan(3);
        assertThat(agent.snapshot().position()).isEqualTo(journal.size() - 1);
        assertThat(new String(agent.snapshot().poll(RandomJournal.POLL).json(), StandardCharsets.UTF_8))
            .contains("\"ballots\":{\"paper\":0,\"digital\":" + voters + ",\"total\":" + voters + "}");
    }
}
