package org.urne.tally.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.aeron.cluster.service.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.tally.agent.Applied;
import org.urne.tally.agent.FutureSubmission;
import org.urne.tally.agent.PublishedPoll;
import org.urne.tally.agent.Seal;
import org.urne.tally.core.CanonicalResults;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Sha256;
import org.urne.tally.journal.JournalReader;
import org.urne.tally.journal.JournalVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members in one JVM, each on its own driver, archive and ports: records submitted through any node are
 * numbered once by the service, answered with the core's decision, applied by every node to the same state, and
 * copied into every node's journal; after the leader stops, the others elect a new one and go on, and the old leader
 * catches up when it returns; a member restarted after a snapshot loads it, then the log after it.
 */
class ClusterNodeTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int[] ITEMS = {3, 7, 11, 20, 41};

    @TempDir
    Path dir;

    private final List<ClusterNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes()
    {
        nodes.forEach(ClusterNode::close);
    }

    @Test
    void everyNodeAppliesWhatAnyNodeSubmitsAndTheClusterSurvivesItsLeader() throws Exception
    {
        // Below the ephemeral range (32768 and up), where Aeron's own ":0" endpoints land.
        final int portBase = 20_000 + 100 * ThreadLocalRandom.current().nextInt(100);
        for (int id = 0; id < 3; id++)
        {
            nodes.add(ClusterNode.launch(new ClusterNodeContext(id, List.of("localhost", "localhost", "localhost"),
                portBase, dir.resolve("node-" + id), null, true, 2 * SECOND_NS, 1 << 20, 8 * SECOND_NS, 0, 0),
                () -> System.currentTimeMillis() * 1000, Throwable::printStackTrace));
        }
        assertThat(submit(0, new JournalEntry.PollDefined(
            RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, false))).outcome())
            .isEqualTo(Outcome.ACCEPTED);
        assertThat(submit(1, new JournalEntry.PollOpened(RandomJournal.POLL)).position()).isEqualTo(1);
        for (int v = 0; v < 30; v++)
        {
            final Applied applied = submit(v % 3, ballot(v));
            assertThat(applied.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(applied.position()).isEqualTo(2 + v);
        }
        final Applied retry = submit(2, ballot(4));
        assertThat(retry.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(retry.priorPosition()).isEqualTo(6);
        assertSameState(nodes, 32);

        final ClusterNode leader = awaitLeader(nodes);
        leader.close();
        nodes.remove(leader);
        for (int v = 30; v < 40; v++)
        {
            assertThat(submit(v % 2, ballot(v)).position()).isEqualTo(3 + v);
        }
        assertSameState(nodes, 42);
        for (final ClusterNode node : nodes)
        {
            assertThat(node.agent().snapshot().polls().get(0).results().ballots()[1]).isEqualTo(40);
        }

        // The old leader comes back and catches up from the others' log.
        nodes.add(ClusterNode.launch(leader.context(), () -> System.currentTimeMillis() * 1000,
            Throwable::printStackTrace));
        assertSameState(nodes, 42);

        // A snapshot, then a member restarted from it: it loads the records, then the log after them.
        final ClusterNode newLeader = awaitLeader(nodes);
        assertThat(newLeader.requestSnapshot()).isTrue();
        final long deadline = System.nanoTime() + 20 * SECOND_NS;
        while (nodes.stream().anyMatch(node -> node.snapshotCount() < 1) && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final ClusterNode follower = nodes.stream().filter(node -> node != newLeader).findFirst().orElseThrow();
        follower.close();
        nodes.remove(follower);
        assertThat(submit(nodes.indexOf(newLeader), ballot(40)).position()).isEqualTo(43);
        final ClusterNode restarted = ClusterNode.launch(follower.context(), () -> System.currentTimeMillis() * 1000,
            Throwable::printStackTrace);
        nodes.add(restarted);
        assertSameState(nodes, 43);
        assertThat(restarted.service().snapshotRecords()).isEqualTo(43);

        // Close, then seal through the cluster: every member publishes the same seal, signed with the token's name,
        // whose chain value is the one its own journal copy stores for the seal record.
        assertThat(submit(0, new JournalEntry.PollClosed(RandomJournal.POLL)).position()).isEqualTo(44);
        final PublishedPoll closed = nodes.get(0).agent().snapshot().poll(RandomJournal.POLL);
        final Applied sealed = submit(1, new JournalEntry.PollSealed(RandomJournal.POLL, Sha256.of(closed.csv()),
            closed.receiptsSha256(), CanonicalResults.FORMAT, null));
        assertThat(sealed.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertSameState(nodes, 45);
        for (final ClusterNode node : nodes)
        {
            final Seal seal = node.agent().record(RandomJournal.POLL).seal();
            assertThat(seal.position()).isEqualTo(45);
            assertThat(seal.by()).isEqualTo("test");
            assertThat(seal.chainHeadHex())
                .isEqualTo(JournalVerifier.verify(node.context().nodeDir().resolve("journal")).chainHead());
        }
    }

    private Applied submit(final int node, final JournalEntry entry) throws Exception
    {
        final FutureSubmission submission = new FutureSubmission(entry, "test");
        nodes.get(node).pipeline().submit(submission);
        return submission.answer().get(30, TimeUnit.SECONDS);
    }

    private static JournalEntry ballot(final int voter)
    {
        return new JournalEntry.BallotCast(new Ballot(RandomJournal.POLL, "b" + voter, new Key128(voter, 1),
            new Key128(voter, 2), "digital", 1, new BallotContent.Selection(new int[]{ITEMS[voter % ITEMS.length]})));
    }

    private static ClusterNode awaitLeader(final List<ClusterNode> nodes) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 20 * SECOND_NS;
        while (System.nanoTime() < deadline)
        {
            for (final ClusterNode node : nodes)
            {
                if (node.role() == Cluster.Role.LEADER)
                {
                    return node;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no leader");
    }

    /**
     * Every node reaches the last position with the same state hash, and its journal copy holds every record, with
     * the same hash chain.
     */
    private static void assertSameState(final List<ClusterNode> nodes, final long lastPosition) throws Exception
    {
        final long deadline = System.nanoTime() + 20 * SECOND_NS;
        final List<StateAt> states = new ArrayList<>();
        final List<String> chainHeads = new ArrayList<>();
        for (final ClusterNode node : nodes)
        {
            StateAt state = node.service().stateAt().get(10, TimeUnit.SECONDS);
            while (state.position() < lastPosition && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
                state = node.service().stateAt().get(10, TimeUnit.SECONDS);
            }
            states.add(state);
            while (node.journal().nextPosition() <= lastPosition && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            try (JournalReader reader = JournalReader.open(node.context().nodeDir().resolve("journal"), 0))
            {
                assertThat(reader.storedRecords()).isEqualTo(lastPosition + 1);
            }
            final JournalVerifier.Report report = JournalVerifier.verify(node.context().nodeDir().resolve("journal"));
            assertThat(report.ok()).as("%s", report).isTrue();
            chainHeads.add(report.chainHead());
        }
        assertThat(chainHeads).containsOnly(chainHeads.get(0));
        assertThat(states).allSatisfy(state -> assertThat(state).isEqualTo(states.get(0)));
        assertThat(states.get(0).position()).isEqualTo(lastPosition);
    }
}
