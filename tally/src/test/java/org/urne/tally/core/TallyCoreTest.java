package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.TallySheet;

/** The semantics of DESIGN.md, one readable example each; the property test covers their combinations. */
class TallyCoreTest
{
    private static final String POLL = RandomJournal.POLL;
    private final TallyCore core = new TallyCore();
    private long position;

    @Test
    void aRevoteReplacesTheEarlierBallotAndAWithdrawalRemovesIt()
    {
        define(PollKind.PRIORITY, RevotePolicy.REPLACE);
        cast("b1", 1, "digital", 10, selection(3, 7));
        cast("b2", 1, "paper", 20, selection(20));
        assertThat(votes(3)).containsExactly(0, 0);
        assertThat(votes(20)).containsExactly(1, 0);
        assertThat(status("b1")).isEqualTo(ReceiptStatus.SUPERSEDED);
        assertThat(status("b2")).isEqualTo(ReceiptStatus.COUNTED);

        cast("b3", 1, "digital", 30, new BallotContent.Withdrawal(BallotContent.NO_ITEM));
        assertThat(votes(20)).containsExactly(0, 0);
        assertThat(core.results(POLL, 0).ballots()).containsExactly(0, 0);
        assertThat(status("b2")).isEqualTo(ReceiptStatus.WITHDRAWN);
    }

    @Test
    void aBallotCastBeforeTheCurrentOneIsStale()
    {
        define(PollKind.PRIORITY, RevotePolicy.REPLACE);
        cast("late", 1, "digital", 50, selection(3));
        cast("early", 1, "digital", 40, selection(7));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.STALE);
        assertThat(votes(3)).containsExactly(0, 1);
        assertThat(votes(7)).containsExactly(0, 0);
        assertThat(status("early")).isEqualTo(ReceiptStatus.STALE);
    }

    @Test
    void aRetryChangesNothingAndAReusedBallotIdIsRejected()
    {
        define(PollKind.PRIORITY, RevotePolicy.REPLACE);
        cast("b1", 1, "digital", 10, selection(3));
        cast("b1", 1, "digital", 99, selection(3));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.DUPLICATE);
        cast("b1", 1, "digital", 10, selection(7));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.BALLOT_ID_CONFLICT);
        assertThat(votes(3)).containsExactly(0, 1);
        assertThat(votes(7)).containsExactly(0, 0);
    }

    @Test
    void theFirstPolicyRejectsLaterBallotsOfACountedVoter()
    {
        define(PollKind.PRIORITY, RevotePolicy.FIRST);
        cast("b1", 1, "paper", 10, selection(3));
        cast("b2", 1, "digital", 20, selection(7));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.ALREADY_COUNTED);
        assertThat(core.lookup(POLL, receipt("b2")).reason()).isEqualTo(RejectReason.ALREADY_COUNTED);
        assertThat(votes(3)).containsExactly(1, 0);
    }

    @Test
    void opinionsCountPerVoterAndProposalWithArguments()
    {
        define(PollKind.OPINION, RevotePolicy.REPLACE);
        cast("o1", 1, "digital", 10, new BallotContent.Opinion(3, Choice.FOR, "Plus d'ombre en été."));
        cast("o2", 1, "digital", 11, new BallotContent.Opinion(7, Choice.AGAINST, null));
        cast("o3", 1, "digital", 12, new BallotContent.Opinion(3, Choice.MIXED, null));
        final PollResults results = core.results(POLL, 0);
        assertThat(results.counts()[0][Choice.FOR.ordinal()]).containsExactly(0, 0);
        assertThat(results.counts()[0][Choice.MIXED.ordinal()]).containsExactly(0, 1);
        assertThat(results.counts()[1][Choice.AGAINST.ordinal()]).containsExactly(0, 1);
        assertThat(results.arguments()).containsExactly(0, 0, 0, 0, 0);
        assertThat(status("o2")).isEqualTo(ReceiptStatus.COUNTED);
    }

    @Test
    void anArguedOpinionRetriedIsADuplicateAndItsBallotIdWithAnotherArgumentIsAConflict()
    {
        // An argued opinion's fingerprint is the one its compact row cannot recompute: it is kept aside.
        define(PollKind.OPINION, RevotePolicy.REPLACE);
        cast("o1", 1, "digital", 10, new BallotContent.Opinion(3, Choice.FOR, "Plus d'ombre en été."));
        cast("o1", 1, "digital", 11, new BallotContent.Opinion(3, Choice.FOR, "Plus d'ombre en été."));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.DUPLICATE);
        cast("o1", 1, "digital", 10, new BallotContent.Opinion(3, Choice.FOR, "Plus d'arbres."));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.BALLOT_ID_CONFLICT);
        cast("o1", 1, "digital", 10, new BallotContent.Opinion(3, Choice.FOR, null));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.BALLOT_ID_CONFLICT);

        // Revoted without an argument, the row gives its fingerprint back itself; the argued receipt keeps its own.
        cast("o2", 1, "digital", 20, new BallotContent.Opinion(3, Choice.AGAINST, null));
        cast("o2", 1, "digital", 21, new BallotContent.Opinion(3, Choice.AGAINST, null));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.DUPLICATE);
        cast("o2", 1, "digital", 20, new BallotContent.Opinion(3, Choice.AGAINST, "Non."));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.BALLOT_ID_CONFLICT);
        cast("o1", 1, "digital", 10, new BallotContent.Opinion(3, Choice.FOR, "Plus d'ombre en été."));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(status("o1")).isEqualTo(ReceiptStatus.SUPERSEDED);
        assertThat(core.results(POLL, 0).counts()[0][Choice.AGAINST.ordinal()]).containsExactly(0, 1);
    }

    @Test
    void aJudgmentBallotGradesMissingItemsAtTheDeclaredGrade()
    {
        define(PollKind.JUDGMENT, RevotePolicy.REPLACE);
        cast("j1", 1, "digital", 10, new BallotContent.Grades(new int[]{3}, new int[]{3}));
        final PollResults results = core.results(POLL, 0);
        assertThat(results.counts()[0][3]).containsExactly(0, 1);
        assertThat(results.counts()[1][1]).as("missingGrade is 1").containsExactly(0, 1);
        assertThat(results.majorityGrades()).containsExactly(3, 1, 1, 1, 1);
        assertThat(results.ranking().order()[0]).isZero();
    }

    @Test
    void aCorrectedTallySheetReplacesTheEarlierOne()
    {
        define(PollKind.PRIORITY, RevotePolicy.REPLACE);
        sheet("stand-1", 10, 3, 8);
        sheet("stand-2", 5, 3, 5);
        sheet("stand-1", 12, 3, 9);
        assertThat(votes(3)).containsExactly(14, 0);
        assertThat(core.results(POLL, 0).ballots()).containsExactly(17, 0);
    }

    @Test
    void ballotsOutsideTheWindowAreRejectedAndClosingIsFinal()
    {
        final PollDefinition timed = RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, true);
        core.onPollDefined(position++, 0, timed);
        core.onBallot(position++, 100_000, ballot("early", 1, "digital", 0, selection(3)));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_NOT_OPEN);
        core.onBallot(position++, 200_000, ballot("first", 1, "digital", 0, selection(3)));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        core.onPollClosed(position++, 300_000, POLL);
        core.onPollOpened(position++, 300_001, POLL);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_CLOSED);
        core.onBallot(position++, 300_002, ballot("after", 2, "digital", 0, selection(3)));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_NOT_OPEN);
        assertThat(core.status(POLL, 0)).isEqualTo(PollStatus.CLOSED);
        assertThat(votes(3)).containsExactly(0, 1);
    }

    @Test
    void aDifferentRedefinitionIsRejectedAndTheSameOneIsADuplicate()
    {
        define(PollKind.PRIORITY, RevotePolicy.REPLACE);
        core.onPollDefined(position++, 0, RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, false));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.DUPLICATE);
        core.onPollDefined(position++, 0, RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.FIRST, false));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.DEFINITION_CONFLICT);
        assertThat(core.definitions()).hasSize(1);
    }

    @Test
    void memoryPerVoterIsMeasured()
    {
        define(PollKind.PRIORITY, RevotePolicy.REPLACE);
        final int voters = 200_000;
        final int[] choice = {3, 7, 11};
        for (int v = 0; v < voters; v++)
        {
            core.onBallot(position++, 1, new Ballot(POLL, "b", new Key128(v * 0x9E3779B97F4A7C15L, v),
                new Key128(~v * 0xC2B2AE3D27D4EB4FL, v), "digital", 1, new BallotContent.Selection(choice)));
        }
        final double bytesPerVoter = (double)core.footprintBytes() / voters;
        System.out.printf("tally core: %.1f bytes per voter (priority, one ballot each, %d voters)%n",
            bytesPerVoter, voters);
        assertThat(votes(3)).containsExactly(0, voters);
        assertThat(bytesPerVoter).as("issue 11's target, met by the compact layout; see docs/benchmarks.md").isLessThan(64);
    }

    @Test
    void memoryPerOpinionVoterIsMeasured()
    {
        define(PollKind.OPINION, RevotePolicy.REPLACE);
        final int voters = 200_000;
        for (int v = 0; v < voters; v++)
        {
            // One in ten argued, as in CoreApplyBenchmark: their fingerprints are kept beside the rows.
            core.onBallot(position++, 1, new Ballot(POLL, "b", new Key128(v * 0x9E3779B97F4A7C15L, v),
                new Key128(~v * 0xC2B2AE3D27D4EB4FL, v), "digital", 1,
                new BallotContent.Opinion(3, Choice.FOR, v % 10 == 0 ? "Plus d'ombre en été." : null)));
        }
        final double bytesPerVoter = (double)core.footprintBytes() / voters;
        System.out.printf("tally core: %.1f bytes per voter (opinion, one each, %d voters)%n", bytesPerVoter, voters);
        assertThat(core.results(POLL, 0).counts()[0][Choice.FOR.ordinal()]).containsExactly(0, voters);
        assertThat(bytesPerVoter).as("issue 11's target, met by the compact opinion row").isLessThan(64);
    }

    private void define(final PollKind kind, final RevotePolicy revote)
    {
        core.onPollDefined(position++, 0, RandomJournal.definition(kind, revote, false));
        core.onPollOpened(position++, 0, POLL);
    }

    private void cast(final String ballotId, final int voter, final String channel, final long castAt,
        final BallotContent content)
    {
        core.onBallot(position++, 1_000, ballot(ballotId, voter, channel, castAt, content));
    }

    private static Ballot ballot(final String ballotId, final int voter, final String channel, final long castAt,
        final BallotContent content)
    {
        return new Ballot(POLL, ballotId, RandomJournal.voter(voter), receipt(ballotId), channel, castAt, content);
    }

    private void sheet(final String sheetId, final long ballots, final int item, final long votes)
    {
        core.onTallySheet(position++, 1_000, new TallySheet(POLL, sheetId, "Marché Saint-Joseph", "paper", ballots,
            new int[]{item}, new long[][]{{votes}}));
    }

    private static BallotContent.Selection selection(final int... items)
    {
        return new BallotContent.Selection(items);
    }

    private static Key128 receipt(final String ballotId)
    {
        return RandomJournal.receipt(ballotId);
    }

    private ReceiptStatus status(final String ballotId)
    {
        return core.lookup(POLL, receipt(ballotId)).status();
    }

    private long[] votes(final int itemId)
    {
        final PollResults results = core.results(POLL, 0);
        final List<Item> items = results.definition().items();
        for (int i = 0; i < items.size(); i++)
        {
            if (items.get(i).id() == itemId)
            {
                return results.counts()[i][0];
            }
        }
        throw new IllegalArgumentException("no item " + itemId);
    }
}
