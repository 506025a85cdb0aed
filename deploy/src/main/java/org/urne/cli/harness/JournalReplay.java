package org.urne.cli.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollResults;
import org.urne.tally.core.TallyCore;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.journal.JournalReader;

/**
 * A fresh replay of a journal into a {@link TallyCore}, as an auditor runs it beside the server or after it: the
 * core's state hash and counts, and where each ballot is journaled. What the client's {@link BallotModel} is
 * checked against on the server's side of the wire: the model's counts must be the core's, and the journal must
 * hold only ballots the client sent, each once, at the position the model knows. Ballots are told apart by poll and
 * receipt (the ballot key), which is what the journal holds.
 */
public final class JournalReplay
{
    private final TallyCore core = new TallyCore();
    private final Map<String, List<Long>> positions = new HashMap<>();
    /** Where the core found a ballot to be a copy of an earlier one (outcome duplicate), by poll and receipt. */
    private final Map<String, List<Long>> duplicates = new HashMap<>();

    private JournalReplay()
    {
    }

    /** Replays every record of the journal in {@code directory} (a writer may be appending meanwhile). */
    public static JournalReplay of(final Path directory)
    {
        final JournalReplay replay = new JournalReplay();
        try (JournalReader reader = JournalReader.open(directory, 0))
        {
            reader.replay(replay.new Recorder(), Long.MAX_VALUE);
        }
        return replay;
    }

    /** The core's state hash after the last record: equal on every replay of the same journal prefix. */
    public long stateHash()
    {
        return core.stateHash();
    }

    /** The position of the last record replayed, or -1 for an empty journal. */
    public long lastPosition()
    {
        return core.lastPosition();
    }

    /** The core's counts of a poll, or null if the journal does not define it. */
    public PollCounts counts(final PollShape poll)
    {
        final PollResults results = core.results(poll.id(), core.lastTimeMicros());
        return results == null ? null : PollCounts.fromCore(poll, results);
    }

    /** Every difference between the core's counts and the model's, per poll; empty when they agree. */
    public List<String> countDifferences(final BallotModel model, final List<PollShape> polls)
    {
        final List<String> differences = new ArrayList<>();
        final Map<String, PollCounts> expected = model.expected(polls);
        for (final PollShape poll : polls)
        {
            final PollCounts counts = counts(poll);
            if (counts == null)
            {
                differences.add(poll.id() + ": not defined in the journal");
                continue;
            }
            differences.addAll(counts.differencesFrom(expected.get(poll.id())));
        }
        return differences;
    }

    /**
     * Every way the journal's ballots differ from what the model knows: a ballot never sent, one journaled more
     * than once, at another position than the model's, or missing though the model knows it journaled.
     */
    public List<String> ballotDifferences(final BallotModel model)
    {
        return ballotDifferences(model, false);
    }

    /**
     * As {@link #ballotDifferences(BallotModel)}, for a journal that may hold copies of a ballot: a cluster's edge
     * sends a record again when a leader dies before answering, and the log may keep both. The first copy must be
     * where the model says, and every later one a duplicate the core counted nothing for.
     */
    public List<String> ballotDifferencesAllowingCopies(final BallotModel model)
    {
        return ballotDifferences(model, true);
    }

    private List<String> ballotDifferences(final BallotModel model, final boolean copiesAllowed)
    {
        final List<String> wrong = new ArrayList<>();
        final Map<String, BallotModel.Entry> sent = model.byReceipt();
        positions.forEach((key, at) ->
        {
            final BallotModel.Entry entry = sent.get(key);
            final List<Long> counted = duplicates.getOrDefault(key, List.of());
            if (entry == null)
            {
                wrong.add(key + " was never sent but is journaled at " + at);
            }
            else if (at.size() != 1 &&
                (!copiesAllowed || counted.size() != at.size() - 1 || counted.contains(at.get(0))))
            {
                wrong.add(key + " is journaled " + at.size() + " times, at " + at + (copiesAllowed ?
                    ", and not every later copy is a duplicate (duplicates at " + counted + ")" : ""));
            }
            else if (entry.position() != at.get(0))
            {
                wrong.add(key + " (" + entry.state() + ") is journaled at " + at.get(0) + ", the model says " +
                    entry.position());
            }
        });
        for (final BallotModel.Entry entry : model.journaled())
        {
            if (!positions.containsKey(entry.ballot().poll().id() + "/" + entry.receipt()))
            {
                wrong.add(entry.ballot().poll().id() + "/" + entry.ballot().ballotId() + " (" + entry.state() +
                    ") at " + entry.position() + " is missing from the journal");
            }
        }
        return wrong;
    }

    /** Hands every record to the core, noting where each ballot (poll and receipt) is journaled. */
    private final class Recorder implements TallyIn
    {
        @Override
        public void onBallot(final long position, final long timeMicros, final Ballot ballot)
        {
            final String key = ballot.pollId() + "/" + ballot.receipt().toHex();
            positions.computeIfAbsent(key, id -> new ArrayList<>()).add(position);
            core.onBallot(position, timeMicros, ballot);
            if (core.lastOutcome() == Outcome.DUPLICATE)
            {
                duplicates.computeIfAbsent(key, id -> new ArrayList<>()).add(position);
            }
        }

        @Override
        public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
        {
            core.onPollDefined(position, timeMicros, definition);
        }

        @Override
        public void onPollOpened(final long position, final long timeMicros, final String pollId)
        {
            core.onPollOpened(position, timeMicros, pollId);
        }

        @Override
        public void onPollClosed(final long position, final long timeMicros, final String pollId)
        {
            core.onPollClosed(position, timeMicros, pollId);
        }

        @Override
        public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
        {
            core.onTallySheet(position, timeMicros, sheet);
        }

        @Override
        public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
        {
            core.onPollSealed(position, timeMicros, seal);
        }

        @Override
        public void onCommitment(final long position, final long timeMicros, final String pollId)
        {
            core.onCommitment(position, timeMicros, pollId);
        }

        @Override
        public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
            final Key128 receipt)
        {
            core.onBallotAnnulled(position, timeMicros, pollId, receipt);
        }

        @Override
        public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
        {
            core.onItemAdded(position, timeMicros, added);
        }

        @Override
        public void onItemStatusChanged(final long position, final long timeMicros,
            final JournalEntry.ItemStatusChanged changed)
        {
            core.onItemStatusChanged(position, timeMicros, changed);
        }

        @Override
        public void onAssembly(final long position, final long timeMicros, final AssemblyEvent event)
        {
            core.onAssembly(position, timeMicros, event);
        }

        @Override
        public void onArgumentHidden(final long position, final long timeMicros,
            final JournalEntry.ArgumentHidden hidden)
        {
            core.onArgumentHidden(position, timeMicros, hidden);
        }

        @Override
        public void onArgumentErased(final long position, final long timeMicros,
            final JournalEntry.ArgumentErased erased)
        {
            core.onArgumentErased(position, timeMicros, erased);
        }
    }
}
