package org.urne.cli.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client model's rules, one by one: a retry counts once, a revote replaces by {@code castAt} whatever the order
 * of the answers, a withdrawal counts in nothing, a refusal and an unresolved unanswered request count in nothing,
 * and contradicting answers are named.
 */
class BallotModelTest
{
    private PollShape votation;
    private int digital;
    private BallotModel model;

    @BeforeEach
    void setUp() throws IOException
    {
        votation = PollShape.fromDirectory(Path.of("src/dist/config/demo-polls")).stream()
            .filter(poll -> poll.kind().equals("priority")).findFirst().orElseThrow();
        digital = votation.channels().indexOf("digital");
        model = new BallotModel();
    }

    @Test
    void aRetryCountsOnceAndALaterRevoteReplacesWhateverTheAnswerOrder()
    {
        final PlannedBallot first = ballot("b1", "v1", 100, 0, false);
        final PlannedBallot revote = ballot("b2", "v1", 200, 1, false);
        model.acknowledged(revote, "r2", 11);
        model.acknowledged(first, "r1", 10);
        model.acknowledged(first, "r1", 10);
        final PollCounts counts = model.expected(List.of(votation)).get(votation.id());
        assertThat(counts.ballots(digital)).isEqualTo(1);
        assertThat(counts.cell(digital, votation.cell(0, 0))).isZero();
        assertThat(counts.cell(digital, votation.cell(1, 0))).isEqualTo(1);
        assertThat(model.expectedStatus(model.get(votation.id(), "b1"))).isEqualTo("superseded");
        assertThat(model.expectedStatus(model.get(votation.id(), "b2"))).isEqualTo("counted");
        assertThat(model.lastPosition()).isEqualTo(11);
        assertThat(model.ballots()).isEqualTo(2);
        assertThat(model.inconsistencies()).isEmpty();
    }

    @Test
    void aWithdrawalCountsInNothingAndItsUnitsBallotsSayWithdrawn()
    {
        model.acknowledged(ballot("b1", "v1", 100, 0, false), "r1", 10);
        model.acknowledged(ballot("b2", "v1", 200, -1, true), "r2", 11);
        final PollCounts counts = model.expected(List.of(votation)).get(votation.id());
        assertThat(counts.totalBallots()).isZero();
        assertThat(counts.cell(digital, votation.cell(0, 0))).isZero();
        assertThat(model.expectedStatus(model.get(votation.id(), "b1"))).isEqualTo("withdrawn");
    }

    @Test
    void refusedAndUnresolvedUnansweredBallotsCountInNothingUntilAnAttemptIsAcknowledged()
    {
        final PlannedBallot refused = ballot("b1", "v1", 100, 0, false);
        final PlannedBallot unanswered = ballot("b2", "v2", 100, 0, false);
        model.refused(refused, 422, "{}");
        model.unanswered(unanswered);
        assertThat(model.expected(List.of(votation)).get(votation.id()).totalBallots()).isZero();
        assertThat(model.entries(BallotModel.State.REFUSED)).hasSize(1);
        assertThat(model.entries(BallotModel.State.UNANSWERED)).hasSize(1);
        assertThat(model.refusals()).containsExactly(votation.id() + "/b1: 422 {}");

        model.acknowledged(unanswered, "r2", 5);
        model.refused(unanswered, 503, "busy");
        assertThat(model.get(votation.id(), "b2").state()).as("a later refusal takes nothing back")
            .isEqualTo(BallotModel.State.ACKNOWLEDGED);
        assertThat(model.expected(List.of(votation)).get(votation.id()).totalBallots()).isEqualTo(1);
    }

    @Test
    void anotherReceiptOrPositionForTheSameBallotIsNamed()
    {
        final PlannedBallot ballot = ballot("b1", "v1", 100, 0, false);
        model.acknowledged(ballot, "r1", 10);
        model.acknowledged(ballot, "r9", 10);
        model.acknowledged(ballot, "r1", 12);
        assertThat(model.inconsistencies()).containsExactly(
            votation.id() + "/b1: answered receipt r9, expected r1",
            votation.id() + "/b1: journaled at 10, a retry answered 12 (journaled twice?)");
    }

    /** A digital ballot of {@code voter} for one item (by index), or a withdrawal. */
    private PlannedBallot ballot(final String ballotId, final String voter, final long castAt, final int item,
        final boolean withdrawal)
    {
        return new PlannedBallot(votation, ballotId, voter, castAt, digital,
            withdrawal ? new int[0] : new int[] {votation.cell(item, 0)}, -1, withdrawal, new byte[0]);
    }
}
