package org.urne.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.problem.ProblemException;

/**
 * Duplicate keys are refused at any depth, as the tree is built, with a detail that names the key and where it is
 * and nothing of the parser; the same key in two different objects is no duplicate.
 */
class StrictJsonParserTest
{
    private final StrictJsonParser parser = new StrictJsonParser(UrneConfig.defaults().limits());

    @Test
    void refusesADuplicateKeyAtAnyDepth()
    {
        assertRefused("{\"dup\":1,\"dup\":2}", "malformed JSON: Duplicate field 'dup' (line 1, column 16)");
        assertRefused("{\"a\":{\"x\":[1,{\"k\":1,\"k\":{}}]}}", "malformed JSON: Duplicate field 'k' (line 1, column 25)");
        assertRefused("{\"voter\":\"a\",\"ballotId\":\"b\",\"voter\":\"c\"}",
            "malformed JSON: Duplicate field 'voter' (line 1, column 37)");
        assertRefused("{\"it's\":1,\"it's\":2}", "malformed JSON: Duplicate field 'it's' (line 1, column 18)");
    }

    @Test
    void acceptsTheSameKeyInDifferentObjects()
    {
        assertThat(parse("{\"a\":{\"k\":1},\"b\":{\"k\":2},\"c\":[{\"k\":3},{\"k\":4}]}").at("/c/1/k").asInt()).isEqualTo(4);
    }

    private void assertRefused(final String json, final String detail)
    {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ProblemException.class)
            .satisfies(e -> assertThat(((ProblemException)e).problem().detail()).isEqualTo(detail));
    }

    private JsonNode parse(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }
}
