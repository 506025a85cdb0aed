package org.urne.tally.assembly;

import java.util.ArrayList;
import java.util.List;

import org.urne.tally.domain.Key128;

/** A small room for tests: members m1..mN, the default cards, and one event of each kind. */
final class AssemblyEvents
{
    static final String ASSEMBLY = "convention";

    private AssemblyEvents()
    {
    }

    static AssemblyEvent.AssemblyDefined room(final int members)
    {
        final List<Member> list = new ArrayList<>();
        for (int i = 1; i <= members; i++)
        {
            list.add(new Member("m" + i, "Member " + i, i == 1 ? Member.ELU : Member.MEMBER));
        }
        return new AssemblyEvent.AssemblyDefined(ASSEMBLY, "Convention citoyenne", list, Card.DEFAULTS,
            Card.DEFAULT_CONSENT, Card.DEFAULT_SPEAKING_ORDER);
    }

    static AssemblyEvent.RoundOpened consent(final String roundId, final int version, final String answers)
    {
        return new AssemblyEvent.RoundOpened(ASSEMBLY, roundId, RoundKind.CONSENT, "mobility", version,
            "Proposal, version " + version, answers, List.of(), 0, List.of());
    }

    static AssemblyEvent.RoundOpened judgment(final String roundId, final int options)
    {
        return new AssemblyEvent.RoundOpened(ASSEMBLY, roundId, RoundKind.JUDGMENT, null, 0, null, null,
            options(options), 0, RoundKind.DEFAULT_GRADES);
    }

    static AssemblyEvent.RoundOpened approval(final String roundId, final int options, final int choose)
    {
        return new AssemblyEvent.RoundOpened(ASSEMBLY, roundId, RoundKind.APPROVAL, null, 0, null, null,
            options(options), choose, List.of());
    }

    static List<RoundOption> options(final int count)
    {
        final List<RoundOption> options = new ArrayList<>();
        for (int i = 1; i <= count; i++)
        {
            options.add(new RoundOption("a" + i, "Action " + i));
        }
        return options;
    }

    static AssemblyEvent.CardRaised card(final String roundId, final String member, final String card)
    {
        return new AssemblyEvent.CardRaised(ASSEMBLY, roundId, member, card);
    }

    static AssemblyEvent.GradesGiven grades(final String roundId, final int voter, final Integer... grades)
    {
        return new AssemblyEvent.GradesGiven(ASSEMBLY, roundId, new Key128(7, voter), List.of(grades));
    }

    static AssemblyEvent.ChoicesMade choices(final String roundId, final int voter, final Integer... choices)
    {
        return new AssemblyEvent.ChoicesMade(ASSEMBLY, roundId, new Key128(9, voter), List.of(choices));
    }

    static AssemblyEvent.RoundClosed close(final String roundId)
    {
        return new AssemblyEvent.RoundClosed(ASSEMBLY, roundId);
    }
}
