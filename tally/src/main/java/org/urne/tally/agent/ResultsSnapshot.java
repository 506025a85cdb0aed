package org.urne.tally.agent;

import java.util.List;

/**
 * All polls' results at one journal position, immutable: published by the tally agent through a volatile
 * reference, so a reader on any thread sees either the previous snapshot or this one whole, never a half-applied
 * state.
 *
 * @param position   the position of the last record the snapshot reflects (-1 for an empty journal); the ETag.
 * @param timeMicros the recorded time of that record.
 * @param polls      every poll, in the order they were defined.
 */
public record ResultsSnapshot(long position, long timeMicros, List<PublishedPoll> polls)
{
    public static final ResultsSnapshot EMPTY = new ResultsSnapshot(-1, Long.MIN_VALUE, List.of());

    public ResultsSnapshot
    {
        polls = List.copyOf(polls);
    }

    /** The poll's published results, or null when unknown. Linear: a deployment holds a handful of polls. */
    public PublishedPoll poll(final String pollId)
    {
        for (final PublishedPoll poll : polls)
        {
            if (poll.pollId().equals(pollId))
            {
                return poll;
            }
        }
        return null;
    }
}
