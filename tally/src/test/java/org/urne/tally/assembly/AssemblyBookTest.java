package org.urne.tally.assembly;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.RejectReason;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

import static org.assertj.core.groups.Tuple.tuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.tally.assembly.AssemblyEvents.ASSEMBLY;
import static org.urne.tally.assembly.AssemblyEvents.card;
import static org.urne.tally.assembly.AssemblyEvents.choices;
import static org.urne.tally.assembly.AssemblyEvents.close;
import static org.urne.tally.assembly.AssemblyEvents.consent;
import static org.urne.tally.assembly.AssemblyEvents.grades;
import static org.urne.tally.assembly.AssemblyEvents.room;

class AssemblyBookTest
{
    private final TallyCore core = new TallyCore();
    private long position;

    private RejectReason apply(final AssemblyEvent event)
    {
        new JournalEntry.AssemblyRecorded(event).dispatch(position++, 1_000_000L * position, core);
        return core.lastRejectReason();
    }

    private AssemblyView view()
    {
        return core.assembly(ASSEMBLY);
    }

    @Test
    void aProposalReformulatedTwiceReachesConsentAndTheRecordKeepsEveryRound()
    {
        apply(room(4));
        assertThat(apply(consent("r1", 1, null))).isNull();
        apply(card("r1", "m1", "red"));
        apply(card("r1", "m2", "red"));
        apply(card("r1", "m3", "green"));
        apply(card("r1", "m4", "yellow"));
        apply(card("r1", "m4", "green"));
        final RoundView first = view().round("r1");
        assertThat(first.counts()).isEqualTo(Map.of("green", 2L, "yellow", 0L, "orange", 0L, "red", 2L));
        assertThat(first.consent()).isFalse();
        assertThat(first.cards().keySet()).as("in the order last raised").containsExactly("m1", "m2", "m3", "m4");
        assertThat(apply(consent("r2", 2, "m2"))).as("one round open at a time").isEqualTo(
            RejectReason.ASSEMBLY_ROUND_OPEN);
        apply(close("r1"));
        assertThat(apply(consent("r2", 2, "m1: the budget"))).isNull();
        apply(card("r2", "m1", "green"));
        apply(card("r2", "m2", "red"));
        apply(close("r2"));
        assertThat(apply(consent("r0", 1, null))).as("an older version").isEqualTo(RejectReason.VERSION_SUPERSEDED);
        apply(consent("r3", 3, "m2: the calendar"));
        for (final String member : List.of("m1", "m2", "m3", "m4"))
        {
            apply(card("r3", member, "green"));
        }
        assertThat(view().round("r3").consent()).isTrue();
        apply(close("r3"));
        assertThat(apply(card("r3", "m1", "red"))).as("after the close").isEqualTo(RejectReason.ROUND_CLOSED);
        assertThat(view().round("r3").published()).isFalse();
        assertThat(apply(new AssemblyEvent.DecisionPublished(ASSEMBLY, "r3"))).isNull();
        assertThat(view().round("r3").published()).isTrue();
        assertThat(apply(new AssemblyEvent.DecisionPublished(ASSEMBLY, "r9"))).isEqualTo(RejectReason.ROUND_UNKNOWN);
        assertThat(view().round("r3").consent()).isTrue();
        assertThat(view().round("r1").cards()).containsEntry("m1", "red").containsEntry("m2", "red");
        assertThat(view().items().get("mobility")).extracting(ItemVersion::version, ItemVersion::answers)
            .containsExactly(tuple(1, null),
                tuple(2, "m1: the budget"),
                tuple(3, "m2: the calendar"));
    }

    @Test
    void aMemberWhoRaisedNothingHasNotConsentedAndAnAbsentOneIsNotCounted()
    {
        apply(room(3));
        apply(consent("r1", 1, null));
        apply(card("r1", "m1", "green"));
        apply(card("r1", "m2", "green"));
        assertThat(view().round("r1").consent()).isFalse();
        assertThat(view().round("r1").waiting()).containsExactly("m3");
        assertThat(apply(new AssemblyEvent.PresenceRecorded(ASSEMBLY, List.of("m1", "m2")))).isNull();
        assertThat(view().round("r1").consent()).as("m3 left the room").isTrue();
        assertThat(apply(card("r1", "m3", "red"))).isEqualTo(RejectReason.NOT_PRESENT);
        assertThat(apply(card("r1", "nobody", "red"))).isEqualTo(RejectReason.NOT_A_MEMBER);
        assertThat(apply(card("r1", "m1", "purple"))).isEqualTo(RejectReason.INVALID);
        assertThat(apply(new AssemblyEvent.PresenceRecorded(ASSEMBLY, List.of("m9"))))
            .isEqualTo(RejectReason.NOT_A_MEMBER);
        assertThat(view().round("r1").counts().get("green")).isEqualTo(2L);
    }

    @Test
    void aJudgmentRoundShowsNoResultUntilClosedThenRanksByMajorityJudgment()
    {
        apply(room(3));
        apply(AssemblyEvents.judgment("j1", 3));
        apply(grades("j1", 1, 6, 2, 0));
        apply(grades("j1", 2, 5, 4, 0));
        apply(grades("j1", 3, 1, 4, 3));
        apply(grades("j1", 3, 0, 4, 3));
        assertThat(apply(grades("j1", 4, 1, 2))).as("an option left ungraded").isEqualTo(RejectReason.INVALID);
        assertThat(apply(grades("j1", 4, 1, 2, 7))).as("off the scale").isEqualTo(RejectReason.INVALID);
        assertThat(view().round("j1").ranking()).isEmpty();
        assertThat(view().round("j1").voted()).isEqualTo(3);
        apply(close("j1"));
        final List<RankedOption> ranking = view().round("j1").ranking();
        assertThat(ranking).extracting(RankedOption::id).containsExactly("a1", "a2", "a3");
        assertThat(ranking).extracting(RankedOption::majorityGrade).containsExactly(5, 4, 0);
        assertThat(ranking.get(0).profile()).as("the third voter's second ballot replaced the first")
            .containsExactly(1L, 0L, 0L, 0L, 0L, 1L, 1L);
        assertThat(apply(grades("j1", 5, 1, 1, 1))).isEqualTo(RejectReason.ROUND_CLOSED);
    }

    @Test
    void anApprovalRoundCountsChoicesUpToK()
    {
        apply(room(3));
        apply(AssemblyEvents.approval("s1", 4, 2));
        apply(choices("s1", 1, 0, 2));
        apply(choices("s1", 2, 2));
        apply(choices("s1", 3, 1, 2));
        assertThat(apply(choices("s1", 4, 0, 1, 2))).as("more than k").isEqualTo(RejectReason.INVALID);
        assertThat(apply(choices("s1", 4, 1, 1))).as("twice the same").isEqualTo(RejectReason.INVALID);
        assertThat(apply(card("s1", "m1", "green"))).as("a card in a secret round").isEqualTo(RejectReason.INVALID);
        apply(close("s1"));
        assertThat(view().round("s1").ranking()).extracting(RankedOption::id, RankedOption::rank,
            RankedOption::approvals).containsExactly(tuple("a3", 1, 3L),
            tuple("a1", 2, 1L), tuple("a2", 2, 1L),
            tuple("a4", 4, 0L));
    }

    @Test
    void definitionsDeviceCodesAndUnknownsAreCheckedAndTheStateHashFollowsEveryChange()
    {
        assertThat(apply(card("r1", "m1", "green"))).isEqualTo(RejectReason.ASSEMBLY_UNKNOWN);
        final long empty = core.stateHash();
        apply(room(2));
        assertThat(core.stateHash()).isNotEqualTo(empty);
        apply(room(2));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(apply(new AssemblyEvent.AssemblyDefined(ASSEMBLY, " ", List.of(), Card.DEFAULTS, "green",
            List.of()))).isEqualTo(RejectReason.INVALID);
        final Key128 code = new Key128(1, 2);
        assertThat(apply(new AssemblyEvent.DeviceCodeSet(ASSEMBLY, "m1", code))).isNull();
        assertThat(view().devices()).containsEntry(code, "m1");
        assertThat(apply(new AssemblyEvent.DeviceCodeSet(ASSEMBLY, "m2", code))).as("another's code")
            .isEqualTo(RejectReason.INVALID);
        apply(new AssemblyEvent.DeviceCodeSet(ASSEMBLY, "m1", new Key128(3, 4)));
        assertThat(view().devices()).as("rotated").containsOnlyKeys(new Key128(3, 4));
        assertThat(apply(close("nope"))).isEqualTo(RejectReason.ROUND_UNKNOWN);
        apply(consent("r1", 1, null));
        assertThat(apply(new AssemblyEvent.DecisionPublished(ASSEMBLY, "r1"))).as("an open round")
            .isEqualTo(RejectReason.ASSEMBLY_ROUND_OPEN);
        assertThat(apply(consent("r1", 1, null))).isEqualTo(RejectReason.ROUND_EXISTS);
        assertThat(apply(room(3))).as("redefined while a round is open").isEqualTo(RejectReason.ASSEMBLY_ROUND_OPEN);
    }
}
