package org.urne.tally.agent;

import org.urne.tally.core.PollResults;

/**
 * One poll's results as readers get them: the counts and the bytes to send, rendered once per snapshot so a
 * crowd refreshing the results page costs no rendering.
 *
 * @param json         the results JSON with every count.
 * @param csv          the results CSV.
 * @param withheldJson   the results JSON the public gets while the counts are embargoed: turnout, no count.
 * @param receiptsSha256 for a closed poll not sealed yet, the SHA-256 of its counted receipts list, which a seal
 *                       taken from this snapshot names (with the SHA-256 of {@code csv}); null otherwise.
 * @param byStandJson    the results JSON with the paper channel per stand ({@code "stands": []} when it has none),
 *                       or null in a snapshot taken before the poll's paper channel was first published.
 * @param byStandCsv     the CSV per stand, or null likewise.
 */
public record PublishedPoll(PollResults results, byte[] json, byte[] csv, byte[] withheldJson, byte[] receiptsSha256,
    byte[] byStandJson, byte[] byStandCsv)
{
    public String pollId()
    {
        return results.definition().id();
    }
}
