package org.urne.tally.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The validators' promise, whatever the value: a list of field errors, each naming a field; never an exception. They
 * see values decoded from the journal, which may carry a null in any field (see {@link FuzzedDomain}).
 * <p>
 * Under {@code mvn verify} each method replays the inputs committed under
 * {@code src/test/resources/org/urne/tally/domain/ValidatorsFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * it fuzzes (see docs/operations.md, "Fuzzing").
 */
class ValidatorsFuzzTest
{
    @FuzzTest(maxDuration = "30s")
    void pollDefinitionValidatorOnlyNamesFields(final FuzzedDataProvider data)
    {
        assertNamesFields(PollDefinitionValidator.validate(FuzzedDomain.anyPoll(data)));
    }

    @FuzzTest(maxDuration = "30s")
    void ballotValidatorOnlyNamesFields(final FuzzedDataProvider data)
    {
        final PollDefinition poll = FuzzedDomain.validPoll(data);
        assertThat(PollDefinitionValidator.validate(poll)).isEmpty();
        assertNamesFields(BallotValidator.validate(poll, FuzzedDomain.ballot(data, poll)));
    }

    @FuzzTest(maxDuration = "30s")
    void tallySheetValidatorOnlyNamesFields(final FuzzedDataProvider data)
    {
        final PollDefinition poll = FuzzedDomain.validPoll(data);
        assertNamesFields(TallySheetValidator.validate(poll, FuzzedDomain.sheet(data, poll)));
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
