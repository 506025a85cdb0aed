package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.parse.BallotParser;
import org.urne.ingest.parse.BallotRequest;
import org.urne.ingest.parse.PollDefinitionParser;
import org.urne.ingest.parse.SealRequestParser;
import org.urne.ingest.parse.StrictJsonParser;
import org.urne.ingest.parse.TallySheetParser;
import org.urne.ingest.problem.ProblemException;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotValidator;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollDefinitionValidator;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.TallySheetValidator;

/**
 * The readers of client bodies, whatever the bytes: the strict JSON parser, then the ballot, tally-sheet or poll
 * parser, then the validators against a poll of each kind, either produce a value or a {@link ProblemException} that
 * is a 4xx naming what is wrong; never another exception, never a hang. The server's default limits apply.
 * <p>
 * Under {@code mvn verify} each method replays the inputs committed under
 * {@code src/test/resources/org/urne/ingest/BodyParsersFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} it
 * fuzzes (see docs/operations.md, "Fuzzing").
 */
class BodyParsersFuzzTest
{
    private static final StrictJsonParser JSON = new StrictJsonParser(UrneConfig.defaults().limits());
    private static final List<PollDefinition> POLLS = List.of(
        poll(TestServer.priorityPoll("p")),
        poll(TestServer.priorityPoll("o").put("kind", "opinion").putNull("minSelections").putNull("maxSelections")),
        poll(TestServer.priorityPoll("j").put("kind", "judgment").putNull("minSelections").putNull("maxSelections")
            .put("grades", new JsonArray().add("bad").add("fair").add("good"))));

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"ballotId\"", "\"voter\"", "\"channel\"", "\"castAt\"", "\"selections\"", "\"item\"",
        "\"choice\"", "\"argument\"", "\"grades\"", "\"withdraw\"", "\"for\"", "\"mixed\"", "\"against\"", "true",
        "null", "\"digital\"", "\"paper\"", "\"2022-06-03T10:15:02+02:00\"", "2147483648", "-1", "14", "\"14\""})
    void anyBodyIsABallotOrAProblem(final byte[] body)
    {
        try
        {
            final BallotRequest request = BallotParser.parse(JSON.parse(body, 0, body.length));
            assertNamesFields(request.shapeErrors());
            for (final PollDefinition poll : POLLS)
            {
                final Ballot ballot = new Ballot(poll.id(), request.ballotId(), new Key128(1, 2), new Key128(3, 4),
                    request.channel(), request.castAt(), request.content(), request.stand());
                assertNamesFields(BallotValidator.validate(poll, ballot));
            }
        }
        catch (final ProblemException expected)
        {
            assertIsAClientProblem(expected);
        }
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"stand\"", "\"channel\"", "\"ballots\"", "\"counts\"", "\"for\"", "\"mixed\"",
        "\"against\"", "\"14\"", "\"21\"", "9223372036854775808", "-1"})
    void anyBodyIsATallySheetOrAProblem(final byte[] body)
    {
        try
        {
            final JsonNode json = JSON.parse(body, 0, body.length);
            for (final PollDefinition poll : POLLS)
            {
                final TallySheet sheet = TallySheetParser.parse(json, poll.id(), "s-1", "ops");
                assertNamesFields(TallySheetValidator.validate(poll, sheet));
            }
        }
        catch (final ProblemException expected)
        {
            assertIsAClientProblem(expected);
        }
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"id\"", "\"title\"", "\"kind\"", "\"channels\"", "\"opensAt\"", "\"closesAt\"",
        "\"revote\"", "\"minSelections\"", "\"maxSelections\"", "\"items\"", "\"grades\"", "\"missingGrade\"",
        "\"maxArgumentLength\"", "\"group\"", "\"subject\"", "\"priority\"", "\"opinion\"", "\"judgment\"",
        "\"replace\"", "\"first\"", "\"sheetsUntil\"", "\"publication\"", "\"commitEvery\"", "\"at-close\"",
        "\"at-seal\"", "86401"})
    void anyBodyIsAPollDefinitionOrAProblem(final byte[] body)
    {
        try
        {
            assertNamesFields(PollDefinitionValidator.validate(
                PollDefinitionParser.parse(JSON.parse(body, 0, body.length), "p")));
        }
        catch (final ProblemException expected)
        {
            assertIsAClientProblem(expected);
        }
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"reason\"", "null", "\" \"", "1"})
    void anyBodyIsASealRequestOrAProblem(final byte[] body)
    {
        try
        {
            final String reason = SealRequestParser.reason(JSON.parse(body, 0, body.length));
            assertThat(reason == null || !reason.isBlank() && reason.length() <= SealRequestParser.MAX_REASON_LENGTH)
                .as(reason).isTrue();
        }
        catch (final ProblemException expected)
        {
            assertIsAClientProblem(expected);
        }
    }

    private static PollDefinition poll(final JsonObject definition)
    {
        final JsonObject json = new JsonObject();
        definition.forEach(entry ->
        {
            if (entry.getValue() != null)
            {
                json.put(entry.getKey(), entry.getValue());
            }
        });
        final PollDefinition poll = PollDefinitionParser.parse(JSON.parse(json.toBuffer()), null);
        assertThat(PollDefinitionValidator.validate(poll)).isEmpty();
        return poll;
    }

    private static void assertIsAClientProblem(final ProblemException problem)
    {
        assertThat(problem.problem().status()).isBetween(400, 499);
        assertThat(problem.problem().detail()).isNotBlank();
        assertNamesFields(problem.problem().errors());
    }

    private static void assertNamesFields(final List<FieldError> errors)
    {
        for (final FieldError error : errors)
        {
            assertThat(error.field()).isNotBlank();
            assertThat(error.message()).isNotBlank();
        }
    }
}
