package org.urne.tally.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.FuzzedDomain;
import org.urne.tally.domain.PollDefinition;

/**
 * The core's promise for whatever the journal decoder can hand it (a null in any field, ids and counts out of range):
 * each record is accepted, a duplicate or rejected; the core never throws, so one bad record cannot stop the tally.
 * Nor does {@link TallyCore#prefetch}, given each ballot first.
 * <p>
 * Under {@code mvn verify} this replays the inputs committed under
 * {@code src/test/resources/org/urne/tally/core/TallyCoreFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} it
 * fuzzes (see docs/operations.md, "Fuzzing").
 */
class TallyCoreFuzzTest
{
    @FuzzTest(maxDuration = "30s")
    void anyDecodableRecordsApplyWithoutThrowing(final FuzzedDataProvider data)
    {
        final TallyCore core = new TallyCore();
        final PollDefinition poll = FuzzedDomain.validPoll(data);
        long position = 0;
        core.onPollDefined(position++, 1, poll);
        core.onPollOpened(position++, 2, poll.id());
        for (int records = data.consumeInt(0, 20); records > 0 && data.remainingBytes() > 0; records--)
        {
            final long time = data.consumeLong(3, Long.MAX_VALUE);
            if (data.consumeBoolean())
            {
                final Ballot ballot = FuzzedDomain.ballot(data, poll);
                core.prefetch(ballot);
                core.onBallot(position++, time, ballot);
            }
            else
            {
                core.onTallySheet(position++, time, FuzzedDomain.sheet(data, poll));
            }
            core.lastOutcome();
        }
        core.results(poll.id(), Long.MAX_VALUE);
        core.stateHash();
    }
}
