package org.urne.cli;

import java.util.ArrayList;
import java.util.List;

import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.assembly.Card;
import org.urne.tally.assembly.Member;
import org.urne.tally.assembly.RoundKind;
import org.urne.tally.assembly.RoundOption;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;

/** An assembly's session as journal entries: a consent round reformulated once, then a judgment round. */
final class AssemblySession
{
    private AssemblySession()
    {
    }

    static List<JournalEntry> entries()
    {
        final List<AssemblyEvent> events = new ArrayList<>();
        final List<Member> members = List.of(new Member("m1", "Zoé", Member.ELU), new Member("m2", "Ali", Member.MEMBER),
            new Member("m3", "Jeanne", Member.MEMBER));
        events.add(new AssemblyEvent.AssemblyDefined("room", "Convention", members, Card.DEFAULTS, "green",
            Card.DEFAULT_SPEAKING_ORDER));
        events.add(new AssemblyEvent.DeviceCodeSet("room", "m2", new Key128(5, 6)));
        events.add(new AssemblyEvent.PresenceRecorded("room", List.of("m1", "m2", "m3")));
        events.add(new AssemblyEvent.RoundOpened("room", "r1", RoundKind.CONSENT, "bus", 1, "Free buses", null,
            List.of(), 0, List.of()));
        events.add(new AssemblyEvent.CardRaised("room", "r1", "m1", "red"));
        events.add(new AssemblyEvent.CardRaised("room", "r1", "m2", "green"));
        events.add(new AssemblyEvent.RoundClosed("room", "r1"));
        events.add(new AssemblyEvent.RoundOpened("room", "r2", RoundKind.CONSENT, "bus", 2, "Free buses on Sundays",
            "m1: the cost", List.of(), 0, List.of()));
        for (final Member member : members)
        {
            events.add(new AssemblyEvent.CardRaised("room", "r2", member.id(), "green"));
        }
        events.add(new AssemblyEvent.RoundClosed("room", "r2"));
        events.add(new AssemblyEvent.RoundOpened("room", "j1", RoundKind.JUDGMENT, null, 0, null, null,
            List.of(new RoundOption("a1", "Trees"), new RoundOption("a2", "Benches")), 0, RoundKind.DEFAULT_GRADES));
        events.add(new AssemblyEvent.GradesGiven("room", "j1", new Key128(1, 1), List.of(6, 2)));
        events.add(new AssemblyEvent.GradesGiven("room", "j1", new Key128(1, 2), List.of(3, 4)));
        events.add(new AssemblyEvent.RoundClosed("room", "j1"));
        events.add(new AssemblyEvent.DecisionPublished("room", "j1"));
        final List<JournalEntry> entries = new ArrayList<>();
        for (final AssemblyEvent event : events)
        {
            entries.add(new JournalEntry.AssemblyRecorded(event));
        }
        return entries;
    }
}
