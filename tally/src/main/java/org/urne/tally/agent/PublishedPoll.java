package org.urne.tally.agent;

import org.urne.tally.core.PollResults;

/**
 * One poll's results as readers get them: the counts and the bytes to send, rendered once per snapshot so a
 * crowd refreshing the results page costs no rendering.
 *
 * @param json         the results JSON with every count.
 * @param csv          the results CSV.
 * @param withheldJson the results JSON the public gets while the counts are embargoed: turnout, no count.
 */
public record PublishedPoll(PollResults results, byte[] json, byte[] csv, byte[] withheldJson)
{
    public String pollId()
    {
        return results.definition().id();
    }
}
