package org.urne.ingest.parse;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/polls/{pollId}/order}: {@code {"voter": "..."}}, the platform's voter id, in the body
 * because a raw voter id must never go in a URL (proxies log URLs). The same rule as a ballot's {@code voter}.
 */
public final class OrderRequestParser
{
    private static final Set<String> ALLOWED = Set.of("voter");

    private OrderRequestParser()
    {
    }

    /** The raw voter id; a 400 {@code invalid-fields} problem when the body is not exactly a valid voter. */
    public static String parse(final JsonNode json)
    {
        final JsonFields fields = JsonFields.of(json, "", ALLOWED, Map.of());
        final String voter = fields.text("voter", true);
        if (voter != null && (voter.isEmpty() || voter.length() > BallotParser.MAX_VOTER_LENGTH))
        {
            fields.error("voter", "must be 1 to " + BallotParser.MAX_VOTER_LENGTH + " characters");
        }
        fields.throwIfInvalid();
        return voter;
    }
}
