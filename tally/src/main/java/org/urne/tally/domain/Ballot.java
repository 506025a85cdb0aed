package org.urne.tally.domain;

/**
 * One ballot as the journal holds it. The voter id is already keyed (see the journal's {@code VoterKeys}): the
 * raw id never gets this far.
 *
 * @param pollId   the poll it is cast in.
 * @param ballotId the client's id for it, chosen before the first attempt; retries carry the same one.
 * @param voter    the keyed voter id.
 * @param receipt  the keyed ballot id: what the voter gets back and can look the ballot's status up by.
 * @param channel  where it was cast ({@code digital}, {@code paper}, ...).
 * @param castAt   when it was cast, in microseconds since the epoch (the platform's time, or receipt time).
 * @param content  what it says.
 * @param stand    for a paper ballot typed from a stand's box, the stand (its id when the poll declares stands,
 *                 else free text); null otherwise.
 */
public record Ballot(String pollId, String ballotId, Key128 voter, Key128 receipt, String channel, long castAt,
    BallotContent content, String stand)
{
    /** A ballot from no stand: digital, or paper typed without naming its stand. */
    public Ballot(final String pollId, final String ballotId, final Key128 voter, final Key128 receipt,
        final String channel, final long castAt, final BallotContent content)
    {
        this(pollId, ballotId, voter, receipt, channel, castAt, content, null);
    }
}
