package org.urne.tally.agent;

import org.urne.tally.core.PollResults;

/**
 * One poll's results as readers get them: the counts and the bytes to send, rendered once per snapshot so a
 * crowd refreshing the results page costs no rendering.
 */
public record PublishedPoll(PollResults results, byte[] json, byte[] csv)
{
    public String pollId()
    {
        return results.definition().id();
    }
}
