package org.urne.tally.assembly;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever assembly records the journal holds (unknown ids, nulls where a decoded record may have them, cards after
 * the close, rounds on old versions), applying them never throws, every published view can be built, two cores
 * that apply the same records have the same state and state hash, at most one round is open, and a consent round's
 * counts add up: every present member either raised one card or is waiting.
 */
class AssemblyBookPropertyTest
{
    private static final List<String> IDS = List.of("m1", "m2", "m3", "x");
    private static final List<String> ROUNDS = List.of("r1", "r2", "r3");

    @Provide
    Arbitrary<List<AssemblyEvent>> sessions()
    {
        return event().list().ofMinSize(1).ofMaxSize(60);
    }

    private static Arbitrary<String> id(final List<String> ids)
    {
        return Arbitraries.oneOf(Arbitraries.of(ids), Arbitraries.just(null));
    }

    private static Arbitrary<AssemblyEvent> event()
    {
        final Arbitrary<String> assembly = Arbitraries.of("a", "a", "a", "b");
        final Arbitrary<String> round = id(ROUNDS);
        final Arbitrary<String> member = id(IDS);
        final Arbitrary<Key128> voter = Arbitraries.oneOf(Arbitraries.integers().between(1, 4)
            .map(v -> new Key128(v, v)), Arbitraries.just(null));
        final Arbitrary<List<Integer>> numbers = Arbitraries.integers().between(-1, 7).list().ofMaxSize(4);
        return Arbitraries.oneOf(
            Combinators.combine(assembly, Arbitraries.integers().between(0, 4)).as(AssemblyBookPropertyTest::defined),
            Combinators.combine(assembly, Arbitraries.of(IDS).list().ofMaxSize(4))
                .as(AssemblyEvent.PresenceRecorded::new),
            Combinators.combine(assembly, round, Arbitraries.of(RoundKind.values()), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 4)).as(AssemblyBookPropertyTest::opened),
            Combinators.combine(assembly, round, member, id(List.of("green", "red", "purple")))
                .as(AssemblyEvent.CardRaised::new),
            Combinators.combine(assembly, round, voter, numbers).as(AssemblyEvent.GradesGiven::new),
            Combinators.combine(assembly, round, voter, numbers).as(AssemblyEvent.ChoicesMade::new),
            Combinators.combine(assembly, round).as(AssemblyEvent.RoundClosed::new),
            Combinators.combine(assembly, round).as(AssemblyEvent.DecisionPublished::new),
            Combinators.combine(assembly, member, voter).as(AssemblyEvent.DeviceCodeSet::new));
    }

    private static AssemblyEvent defined(final String assembly, final int members)
    {
        final List<Member> list = new ArrayList<>();
        for (int i = 1; i <= members; i++)
        {
            list.add(new Member("m" + i, i == 4 ? null : "Name " + i, i == 3 ? "king" : Member.MEMBER));
        }
        return new AssemblyEvent.AssemblyDefined(assembly, "Assembly", list, Card.DEFAULTS, Card.DEFAULT_CONSENT,
            Card.DEFAULT_SPEAKING_ORDER);
    }

    private static AssemblyEvent opened(final String assembly, final String round, final RoundKind kind,
        final int version, final int options)
    {
        return new AssemblyEvent.RoundOpened(assembly, round, kind, kind == RoundKind.CONSENT ? "item" : null, version,
            kind == RoundKind.CONSENT ? "Text " + version : null, null, AssemblyEvents.options(options),
            kind == RoundKind.APPROVAL ? 2 : 0, kind == RoundKind.JUDGMENT ? RoundKind.DEFAULT_GRADES : List.of());
    }

    @Property(tries = 300)
    void anySessionAppliesWithoutThrowingAndReplaysToTheSameState(@ForAll("sessions") final List<AssemblyEvent> events)
    {
        final TallyCore live = apply(events);
        final TallyCore replayed = apply(events);
        assertThat(replayed.stateHash()).isEqualTo(live.stateHash());
        for (final String assembly : List.of("a", "b"))
        {
            final AssemblyView view = live.assembly(assembly);
            if (view != null)
            {
                assertThat(view).isEqualTo(replayed.assembly(assembly));
                assertThat(view.rounds().stream().filter(RoundView::open).count()).isLessThanOrEqualTo(1);
                for (final RoundView round : view.rounds())
                {
                    assertThat(round.counts().values().stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(round.cards().size());
                    assertThat(round.cards().size() + round.waiting().size()).isEqualTo(
                        round.kind() == RoundKind.CONSENT ? round.present().size() : round.waiting().size());
                }
            }
        }
    }

    private static TallyCore apply(final List<AssemblyEvent> events)
    {
        final TallyCore core = new TallyCore();
        long position = 0;
        for (final AssemblyEvent event : events)
        {
            new JournalEntry.AssemblyRecorded(event).dispatch(position, position * 1000, core);
            position++;
        }
        return core;
    }
}
