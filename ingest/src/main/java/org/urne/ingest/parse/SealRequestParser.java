package org.urne.ingest.parse;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The optional body of {@code POST /v1/polls/{pollId}/seal}: {@code {"reason": "..."}} and nothing else (docs/api.md,
 * "Sealing"). Unknown fields and wrong types are 400s, as in the other parsers.
 */
public final class SealRequestParser
{
    /** The longest reason, in characters: a sentence or a paragraph for the garants, journaled with the seal. */
    public static final int MAX_REASON_LENGTH = 1_000;
    private static final Set<String> ALLOWED = Set.of("reason");

    private SealRequestParser()
    {
    }

    /** The reason the body gives, or null when it gives none. */
    public static String reason(final JsonNode json)
    {
        final JsonFields fields = JsonFields.of(json, "", ALLOWED, Map.of());
        final String reason = fields.text("reason", false);
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON_LENGTH))
        {
            fields.error("reason", "must be 1 to " + MAX_REASON_LENGTH + " characters, not only spaces");
        }
        fields.throwIfInvalid();
        return reason;
    }
}
