package org.urne.ingest.parse;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/polls/{pollId}/arguments/{argumentId}/hide}: {@code {"reason": "..."}}, required, and
 * nothing else (docs/api.md, "Moderation"). Unknown fields and wrong types are 400s, as in the other parsers.
 */
public final class HideRequestParser
{
    /** The longest reason, in characters: a sentence for the record, journaled with the hide. */
    public static final int MAX_REASON_LENGTH = 500;
    private static final Set<String> ALLOWED = Set.of("reason");

    private HideRequestParser()
    {
    }

    /** The reason the body gives. */
    public static String reason(final JsonNode json)
    {
        final JsonFields fields = JsonFields.of(json, "", ALLOWED, Map.of());
        final String reason = fields.text("reason", true);
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON_LENGTH))
        {
            fields.error("reason", "must be 1 to " + MAX_REASON_LENGTH + " characters, not only spaces");
        }
        fields.throwIfInvalid();
        return reason;
    }
}
