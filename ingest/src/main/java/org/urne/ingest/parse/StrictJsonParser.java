package org.urne.ingest.parse;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.domain.Utf8;

/**
 * Reads untrusted JSON into a tree, refusing everything lenient parsers forgive: ill-formed UTF-8, duplicate keys,
 * comments, trailing tokens, NaN, leading zeros, deep nesting and oversized strings or numbers. Thread-safe.
 */
public final class StrictJsonParser
{
    private static final String DUPLICATE = "Duplicate field '";
    private static final String TREE_SUFFIX = "' for `ObjectNode`";

    private final ObjectMapper mapper;

    public StrictJsonParser(final UrneConfig.Limits limits)
    {
        final StreamReadConstraints constraints = StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNumberLength(limits.maxNumberLength())
            .maxNameLength(limits.maxStringLength())
            .build();
        // Duplicate keys are refused as the tree is built (FAIL_ON_READING_DUP_TREE_KEY: a key already in the object
        // node), not by the stream reader's STRICT_DUPLICATE_DETECTION, which kept a hash set of every object's keys
        // on top of the node's own map: without it the server allocated 11 % less over bench/open-model.sh's run.
        final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(constraints)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
        mapper = JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    }

    /** The document in {@code body}; a 400 problem when it is empty or not strict JSON. */
    public JsonNode parse(final Buffer body)
    {
        if (body == null || body.length() == 0)
        {
            throw ProblemType.INVALID_JSON.exception("the request body is empty");
        }
        return parse(body.getBytes(), 0, body.length());
    }

    /** The document in {@code bytes[offset, offset + length)}. */
    public JsonNode parse(final byte[] bytes, final int offset, final int length)
    {
        final int illFormed = Utf8.firstIllFormed(bytes, offset, length);
        if (illFormed != Utf8.WELL_FORMED)
        {
            throw ProblemType.INVALID_JSON.exception("the body is not UTF-8: ill-formed sequence at byte " +
                (illFormed - offset));
        }
        try
        {
            final JsonNode node = mapper.readTree(bytes, offset, length);
            if (node == null || node.isMissingNode())
            {
                throw ProblemType.INVALID_JSON.exception("the request body holds no JSON document");
            }
            return node;
        }
        catch (final JsonProcessingException e)
        {
            throw ProblemType.INVALID_JSON.exception("malformed JSON: " + describe(e));
        }
        catch (final IOException e)
        {
            throw ProblemType.INVALID_JSON.exception("unreadable JSON");
        }
    }

    private static String describe(final JsonProcessingException e)
    {
        final JsonLocation location = e.getLocation();
        final String message = e.getOriginalMessage();
        final String line = message == null ? "invalid" : message.lines().findFirst().orElse("invalid");
        // The tree reader refuses a duplicate key naming the feature that refused it: the client needs the key only.
        final int featureAt = line.startsWith(DUPLICATE) ? line.lastIndexOf(TREE_SUFFIX) : -1;
        final String firstLine = featureAt > 0 ? line.substring(0, featureAt + 1) : line;
        return location == null ? firstLine :
            firstLine + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
