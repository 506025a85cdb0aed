package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PaperEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Stand;
import org.urne.tally.domain.TallySheet;

/**
 * The paper channel in the core: an annulment gives the voter back their previous state (through chains of typed
 * ballots, in either order), one box is entered one way, and double entry counts a sheet only once two tokens agree.
 */
class PaperCoreTest
{
    private static final String POLL = RandomJournal.POLL;
    private static final Key128 VOTER = RandomJournal.voter(1);

    private final TallyCore core = new TallyCore();
    private long position;

    @Test
    void annullingATypedBallotGivesTheVoterBackTheirOnlineVote()
    {
        define(RevotePolicy.REPLACE);
        final Key128 online = ballot("online", "digital", null, 100, 3);
        final Key128 typed = ballot("typed", "paper", "jaude", 200, 7);
        assertThat(votes(3)).isZero();
        assertThat(votes(7)).isEqualTo(1);
        assertThat(stand("jaude").typed()).isEqualTo(1);

        annul(typed);
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(core.lastRestoredReceipt()).isEqualTo(online);
        assertThat(votes(3)).isEqualTo(1);
        assertThat(votes(7)).isZero();
        assertThat(stand("jaude").typed()).isZero();
        assertThat(core.lookup(POLL, typed).status()).isEqualTo(ReceiptStatus.ANNULLED);
        assertThat(core.lookup(POLL, online).status()).isEqualTo(ReceiptStatus.COUNTED);
        annul(typed);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.NOT_ANNULLABLE);
        annul(online);
        assertThat(core.lastRejectReason()).as("an online ballot is no stand's").isEqualTo(RejectReason.NOT_ANNULLABLE);
    }

    @Test
    void typedBallotsAnnulledInEitherOrderLeaveTheVoterAsBefore()
    {
        define(RevotePolicy.FIRST);
        final Key128 first = ballot("t1", "paper", "jaude", 100, 3);
        annul(first);
        assertThat(votes(3)).isZero();
        assertThat(core.results(POLL, 0).ballots()[0]).isZero();
        // Under the first-ballot rule the voter has no ballot any more: the next one is their first.
        final Key128 second = ballot("t2", "paper", "jaude", 200, 7);
        assertThat(core.lookup(POLL, second).status()).isEqualTo(ReceiptStatus.COUNTED);
        assertThat(votes(7)).isEqualTo(1);
        assertThat(core.countedReceipts(POLL)).hasSize(33);
    }

    @Test
    void anAnnulledBallotBetweenTwoIsSkippedWhenTheLaterOneIsAnnulled()
    {
        define(RevotePolicy.REPLACE);
        ballot("online", "digital", null, 100, 3);
        final Key128 middle = ballot("p1", "paper", "jaude", 200, 7);
        final Key128 last = ballot("p2", "paper", "jaude", 300, 11);
        annul(middle);
        assertThat(votes(11)).as("the later ballot still counts").isEqualTo(1);
        annul(last);
        assertThat(votes(3)).as("back to the online ballot, past the annulled one").isEqualTo(1);
        assertThat(votes(7) + votes(11)).isZero();
    }

    @Test
    void aStandsBoxIsTypedOrEnteredAsSheetsNotBoth()
    {
        define(RevotePolicy.REPLACE);
        ballot("t1", "paper", "jaude", 100, 3);
        sheet("jaude", "agent-1", 10, 4);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.BOX_ENTERED_OTHERWISE);
        sheet("marche", "agent-1", 10, 4);
        ballot("t2", "paper", "marche", 100, 3);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.BOX_ENTERED_OTHERWISE);
        ballot("t3", "paper", "nowhere", 100, 3);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.INVALID);
        assertThat(stand("jaude").mode()).isEqualTo(PaperView.BoxMode.TYPED);
        assertThat(stand("marche").mode()).isEqualTo(PaperView.BoxMode.SHEETS);
        assertThat(stand("gare").status()).isEqualTo("not-reported");
    }

    @Test
    void aSheetCountsOnceTwoTokensAgreeAndKeepsItsAgreedFiguresThroughACorrection()
    {
        define(RevotePolicy.REPLACE);
        assertThat(sheet("marche", "agent-1", 10, 4)).isEqualTo(SheetEntry.AWAITING_SECOND_ENTRY);
        assertThat(votes(3)).isZero();
        assertThat(sheet("marche", "agent-1", 10, 5)).as("the same token again").isEqualTo(
            SheetEntry.AWAITING_SECOND_ENTRY);
        assertThat(sheet("marche", "agent-2", 10, 4)).isEqualTo(SheetEntry.IN_DISPUTE);
        assertThat(core.paper(POLL).sheets().get("m").differences()).containsExactly("counts.3");
        assertThat(sheet("marche", "operator", 10, 4)).isEqualTo(SheetEntry.COUNTED);
        assertThat(votes(3)).isEqualTo(4);
        assertThat(stand("marche").ballots()).isEqualTo(10);

        assertThat(sheet("marche", "agent-1", 10, 6)).isEqualTo(SheetEntry.AWAITING_SECOND_ENTRY);
        assertThat(votes(3)).as("the agreed figures count meanwhile").isEqualTo(4);
        assertThat(sheet("marche", "agent-2", 10, 6)).isEqualTo(SheetEntry.COUNTED);
        assertThat(votes(3)).isEqualTo(6);
        assertThat(sheet("marche", "agent-1", 10, 6)).as("the counted figures again").isEqualTo(SheetEntry.COUNTED);
        assertThat(core.paper(POLL).sheets().get("m").entries()).isEmpty();
    }

    @Test
    void anItemLeftOutOfAnEntryIsAnItemEnteredAsZero()
    {
        define(RevotePolicy.REPLACE);
        core.onTallySheet(position++, 1_000, new TallySheet(POLL, "m", "gare", "paper", 10, new int[] {3, 7},
            new long[][] {{4}, {0}}, TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN, "agent-1"));
        assertThat(sheet("gare", "agent-2", 10, 4)).isEqualTo(SheetEntry.COUNTED);
        assertThat(core.paper(POLL).sheets().get("m").differences()).isEmpty();
    }

    private void define(final RevotePolicy revote)
    {
        final PollDefinition base = RandomJournal.definition(PollKind.PRIORITY, revote, false);
        core.onPollDefined(position++, 0, new PollDefinition(POLL, base.title(), base.kind(), base.channels(), null,
            null, revote, base.minSelections(), base.maxSelections(), base.items(), base.grades(),
            base.missingGrade(), base.maxArgumentLength(), null, base.publication(), base.commitEvery(),
            List.of(new Stand("jaude", "Place de Jaude", null), new Stand("marche", "Marché", null),
                new Stand("gare", "Gare", null)), PaperEntry.DOUBLE));
        core.onPollOpened(position++, 0, POLL);
    }

    private Key128 ballot(final String ballotId, final String channel, final String stand, final long castAt,
        final int item)
    {
        final Key128 receipt = RandomJournal.receipt(ballotId);
        core.onBallot(position++, 1_000, new Ballot(POLL, ballotId, VOTER, receipt, channel, castAt,
            new BallotContent.Selection(new int[] {item}), stand));
        return receipt;
    }

    private void annul(final Key128 receipt)
    {
        core.onBallotAnnulled(position++, 1_000, POLL, receipt);
    }

    /** Enters sheet {@code m}: {@code ballots} ballots, {@code marks} of them for item 3. */
    private SheetEntry sheet(final String stand, final String by, final long ballots, final long marks)
    {
        core.onTallySheet(position++, 1_000, new TallySheet(POLL, "m", stand, "paper", ballots, new int[] {3},
            new long[][] {{marks}}, TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN, TallySheet.NOT_GIVEN, by));
        return core.lastSheetEntry();
    }

    private long votes(final int item)
    {
        final PollResults results = core.results(POLL, 1_000);
        for (int i = 0; i < results.definition().items().size(); i++)
        {
            if (results.definition().items().get(i).id() == item)
            {
                return results.total(i, 0);
            }
        }
        throw new AssertionError("no item " + item);
    }

    private PaperView.StandView stand(final String id)
    {
        return core.paper(POLL).stand(id);
    }
}
