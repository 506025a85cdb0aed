package org.urne.ingest.parse;

import java.util.List;

import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.FieldError;

/**
 * A ballot as a client posted it, before keying: the raw voter id lives only here, on the event loop, until
 * {@code VoterKeys} replaces it.
 *
 * @param ballotId    the client's ballot id (validated against the poll with the rest).
 * @param voter       the platform's raw voter id; never stored, never logged.
 * @param channel     the channel, {@code digital} when the client gave none.
 * @param castAt      the platform's time in epoch microseconds, or {@link #NO_CAST_AT} to use receipt time.
 * @param content     what the ballot says.
 * @param shapeErrors well-formed but invalid combinations found while parsing (422 material).
 * @param stand       for a paper ballot typed at a stand, the stand; else null.
 */
public record BallotRequest(String ballotId, String voter, String channel, long castAt, BallotContent content,
    List<FieldError> shapeErrors, String stand)
{
    public static final long NO_CAST_AT = Long.MIN_VALUE;

    public BallotRequest
    {
        shapeErrors = List.copyOf(shapeErrors);
    }

    /** Says nothing about the voter. */
    @Override
    public String toString()
    {
        return "BallotRequest[" + ballotId + " " + channel + " " + content + "]";
    }
}
