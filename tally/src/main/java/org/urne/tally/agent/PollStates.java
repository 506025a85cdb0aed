package org.urne.tally.agent;

import java.util.List;

import org.urne.tally.core.PollState;

/**
 * Every poll's definition and status facts at one journal position, immutable: what event loops validate
 * requests against without asking the tally thread. The agent publishes a new one before it answers any record
 * that defined, opened or closed a poll, so a client acting on such an answer is checked against the new state.
 *
 * @param position the position of the last record applied when this was published.
 * @param polls    the polls in the order they were defined.
 */
public record PollStates(long position, List<PollState> polls)
{
    public static final PollStates EMPTY = new PollStates(-1, List.of());

    public PollStates
    {
        polls = List.copyOf(polls);
    }

    /** The poll's state, or null when no such poll is defined. Linear: a deployment holds a handful of polls. */
    public PollState poll(final String pollId)
    {
        for (final PollState poll : polls)
        {
            if (poll.definition().id().equals(pollId))
            {
                return poll;
            }
        }
        return null;
    }

    /** The index of a poll in definition order, or -1: a compact poll number for per-poll tables. */
    public int indexOf(final String pollId)
    {
        for (int i = 0; i < polls.size(); i++)
        {
            if (polls.get(i).definition().id().equals(pollId))
            {
                return i;
            }
        }
        return -1;
    }
}
