package org.urne.tally.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.urne.tally.domain.Key128;

/**
 * The typed paper ballots by poll and receipt, as the tally agent applied them: each one's stand and whether it was
 * annulled. Written by the agent before it answers, read by event loops checking an annulment (which stand, so which
 * paper tokens may annul it; not typed or already annulled, so refused before journaling). A map of its own rather
 * than part of the published paper view: a stand types thousands, and copying them at each publication would cost
 * the square of that.
 */
public final class TypedBallots
{
    private final Map<String, Map<Key128, Typed>> byPoll = new ConcurrentHashMap<>();

    /** A typed ballot's stand, and whether it was annulled. */
    public record Typed(String stand, boolean annulled)
    {
    }

    void typed(final String pollId, final Key128 receipt, final String stand)
    {
        byPoll.computeIfAbsent(pollId, poll -> new ConcurrentHashMap<>()).putIfAbsent(receipt, new Typed(stand, false));
    }

    void annulled(final String pollId, final Key128 receipt)
    {
        final Map<Key128, Typed> typed = byPoll.get(pollId);
        typed.computeIfPresent(receipt, (key, ballot) -> new Typed(ballot.stand(), true));
    }

    /** The typed ballot with this receipt, or null. */
    Typed find(final String pollId, final Key128 receipt)
    {
        final Map<Key128, Typed> typed = byPoll.get(pollId);
        return typed == null ? null : typed.get(receipt);
    }
}
