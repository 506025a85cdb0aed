package org.urne.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.problem.ProblemException;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.FieldError;

/**
 * A judgment ballot's grades: keys are item ids and values grade indexes, read in the client's order; a key that is
 * not an int, or a grade that is not one, is an error named after its field, {@code grades.<key>} (quoted, as every
 * name with more than letters, digits, '_' and '-' is); a selection that is not an int is named {@code
 * selections[<index>]}.
 */
class BallotParserTest
{
    private static final String HEAD = "{\"ballotId\":\"b-1\",\"voter\":\"v-1\",\"grades\":";
    private final StrictJsonParser json = new StrictJsonParser(UrneConfig.defaults().limits());

    @Test
    void readsGradesInTheClientsOrder()
    {
        final BallotContent.Grades grades = (BallotContent.Grades)parse(HEAD + "{\"41\":2,\"3\":0,\"-7\":1}}").content();
        assertThat(grades.items()).containsExactly(41, 3, -7);
        assertThat(grades.grades()).containsExactly(2, 0, 1);
    }

    @Test
    void namesEachBadKeyAndGradeAfterItsField()
    {
        assertThat(errors(HEAD + "{\"abc\":1,\"2147483648\":1,\"12345678901\":1,\"3\":\"good\",\"4\":2.5,\"5\":1}}"))
            .containsExactly(
                new FieldError("\"grades.abc\"", "the key must be an item id (an integer)"),
                new FieldError("\"grades.2147483648\"", "the key must be an item id (an integer)"),
                new FieldError("\"grades.12345678901\"", "the key must be an item id (an integer)"),
                new FieldError("\"grades.3\"", "must be an integer between -2147483648 and 2147483647"),
                new FieldError("\"grades.4\"", "must be an integer between -2147483648 and 2147483647"));
    }

    @Test
    void namesEachBadSelectionByItsPlace()
    {
        assertThat(errors("{\"ballotId\":\"b-1\",\"voter\":\"v-1\",\"selections\":[3,\"x\",2.5,4294967296]}"))
            .containsExactly(
                new FieldError("\"selections[1]\"", "must be an integer between -2147483648 and 2147483647"),
                new FieldError("\"selections[2]\"", "must be an integer between -2147483648 and 2147483647"),
                new FieldError("\"selections[3]\"", "must be an integer between -2147483648 and 2147483647"));
    }

    private BallotRequest parse(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return BallotParser.parse(json.parse(bytes, 0, bytes.length));
    }

    private List<FieldError> errors(final String body)
    {
        final Throwable thrown = catchThrowable(() -> parse(body));
        assertThat(thrown).isInstanceOf(ProblemException.class);
        return ((ProblemException)thrown).problem().errors();
    }
}
