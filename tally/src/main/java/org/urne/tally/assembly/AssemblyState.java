package org.urne.tally.assembly;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.urne.tally.core.RejectReason;
import org.urne.tally.core.StateHash;
import org.urne.tally.domain.Key128;

/** One assembly's mutable state, owned by the {@link AssemblyBook}. Every method returns null when it applied the event. */
final class AssemblyState
{
    private AssemblyEvent.AssemblyDefined definition;
    /** Ids of the members present, or null until presence is first recorded (then everyone is). */
    private Set<String> present;
    private final Map<String, Key128> deviceByMember = new HashMap<>();
    private final LinkedHashMap<String, List<ItemVersion>> items = new LinkedHashMap<>();
    private final LinkedHashMap<String, RoundState> rounds = new LinkedHashMap<>();
    private RoundState openRound;

    AssemblyState(final AssemblyEvent.AssemblyDefined definition)
    {
        this.definition = definition;
    }

    AssemblyEvent.AssemblyDefined definition()
    {
        return definition;
    }

    RejectReason redefine(final AssemblyEvent.AssemblyDefined next)
    {
        if (openRound != null)
        {
            return RejectReason.ASSEMBLY_ROUND_OPEN;
        }
        definition = next;
        final Set<String> members = memberIds();
        if (present != null)
        {
            present.retainAll(members);
        }
        deviceByMember.keySet().retainAll(members);
        return null;
    }

    RejectReason presence(final AssemblyEvent.PresenceRecorded presence)
    {
        final Set<String> members = memberIds();
        if (!members.containsAll(presence.present()))
        {
            return RejectReason.NOT_A_MEMBER;
        }
        present = new HashSet<>(presence.present());
        return null;
    }

    RejectReason open(final AssemblyEvent.RoundOpened round)
    {
        if (!AssemblyRules.validate(round).isEmpty())
        {
            return RejectReason.INVALID;
        }
        if (rounds.containsKey(round.roundId()))
        {
            return RejectReason.ROUND_EXISTS;
        }
        if (openRound != null)
        {
            return RejectReason.ASSEMBLY_ROUND_OPEN;
        }
        if (round.kind() == RoundKind.CONSENT)
        {
            final List<ItemVersion> versions = items.computeIfAbsent(round.item(), item -> new ArrayList<>());
            final int latest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
            if (round.version() < latest)
            {
                if (versions.isEmpty())
                {
                    items.remove(round.item());
                }
                return RejectReason.VERSION_SUPERSEDED;
            }
            if (round.version() > latest)
            {
                versions.add(new ItemVersion(round.version(), round.text(), round.answers(), round.roundId()));
            }
        }
        openRound = new RoundState(round);
        rounds.put(round.roundId(), openRound);
        return null;
    }

    RejectReason raise(final AssemblyEvent.CardRaised card)
    {
        final RejectReason refused = openRoundOf(card.roundId(), RoundKind.CONSENT);
        if (refused != null)
        {
            return refused;
        }
        if (!memberIds().contains(card.member()))
        {
            return RejectReason.NOT_A_MEMBER;
        }
        if (present != null && !present.contains(card.member()))
        {
            return RejectReason.NOT_PRESENT;
        }
        if (definition.cards().stream().noneMatch(c -> c.id().equals(card.card())))
        {
            return RejectReason.INVALID;
        }
        openRound.raise(card.member(), card.card());
        return null;
    }

    RejectReason grade(final AssemblyEvent.GradesGiven grades)
    {
        final RejectReason refused = openRoundOf(grades.roundId(), RoundKind.JUDGMENT);
        if (refused != null)
        {
            return refused;
        }
        final AssemblyEvent.RoundOpened round = openRound.opened;
        if (grades.voter() == null || grades.grades().size() != round.options().size() ||
            grades.grades().stream().anyMatch(g -> g < 0 || g >= round.grades().size()))
        {
            return RejectReason.INVALID;
        }
        openRound.vote(grades.voter(), grades.grades());
        return null;
    }

    RejectReason choose(final AssemblyEvent.ChoicesMade choices)
    {
        final RejectReason refused = openRoundOf(choices.roundId(), RoundKind.APPROVAL);
        if (refused != null)
        {
            return refused;
        }
        final AssemblyEvent.RoundOpened round = openRound.opened;
        if (choices.voter() == null || choices.choices().size() > round.choose() ||
            new HashSet<>(choices.choices()).size() != choices.choices().size() ||
            choices.choices().stream().anyMatch(c -> c < 0 || c >= round.options().size()))
        {
            return RejectReason.INVALID;
        }
        openRound.vote(choices.voter(), choices.choices());
        return null;
    }

    RejectReason close(final AssemblyEvent.RoundClosed close)
    {
        final RoundState round = rounds.get(close.roundId());
        if (round == null)
        {
            return RejectReason.ROUND_UNKNOWN;
        }
        if (!round.isOpen())
        {
            return RejectReason.ROUND_CLOSED;
        }
        round.close(presentIds());
        openRound = null;
        return null;
    }

    /** A closed round's result made public; publishing it again changes nothing and is taken. */
    RejectReason publish(final AssemblyEvent.DecisionPublished published)
    {
        final RoundState round = rounds.get(published.roundId());
        if (round == null)
        {
            return RejectReason.ROUND_UNKNOWN;
        }
        if (round.isOpen())
        {
            return RejectReason.ASSEMBLY_ROUND_OPEN;
        }
        round.publish();
        return null;
    }

    RejectReason device(final AssemblyEvent.DeviceCodeSet device)
    {
        if (!memberIds().contains(device.member()))
        {
            return RejectReason.NOT_A_MEMBER;
        }
        if (device.codeKey() == null || deviceByMember.containsValue(device.codeKey()))
        {
            return RejectReason.INVALID;
        }
        deviceByMember.put(device.member(), device.codeKey());
        return null;
    }

    /** Null when {@code roundId} is the open round and of {@code kind}; else why a vote in it is refused. */
    private RejectReason openRoundOf(final String roundId, final RoundKind kind)
    {
        final RoundState round = rounds.get(roundId);
        if (round == null)
        {
            return RejectReason.ROUND_UNKNOWN;
        }
        if (!round.isOpen())
        {
            return RejectReason.ROUND_CLOSED;
        }
        return round.opened.kind() == kind ? null : RejectReason.INVALID;
    }

    private Set<String> memberIds()
    {
        final Set<String> ids = new HashSet<>();
        for (final Member member : definition.members())
        {
            ids.add(member.id());
        }
        return ids;
    }

    /** The ids of the members present, in member order. */
    private List<String> presentIds()
    {
        final List<String> ids = new ArrayList<>();
        for (final Member member : definition.members())
        {
            if (present == null || present.contains(member.id()))
            {
                ids.add(member.id());
            }
        }
        return ids;
    }

    AssemblyView view(final long position)
    {
        final List<String> presentIds = presentIds();
        final List<RoundView> roundViews = new ArrayList<>();
        for (final RoundState round : rounds.values())
        {
            roundViews.add(round.view(definition, presentIds));
        }
        final Map<Key128, String> devices = new HashMap<>();
        for (final Map.Entry<String, Key128> device : deviceByMember.entrySet())
        {
            devices.put(device.getValue(), device.getKey());
        }
        return new AssemblyView(definition.assemblyId(), definition.name(), definition.members(), definition.cards(),
            definition.consentCard(), definition.speakingOrder(), presentIds, devices, items, roundViews,
            openRound == null ? null : openRound.opened.roundId(), position);
    }

    long hash(final long h)
    {
        long x = StateHash.mix(StateHash.mix(h, StateHash.of(definition.assemblyId())), StateHash.of(definition.name()));
        for (final Member member : definition.members())
        {
            x = StateHash.mix(x, StateHash.of(member.id() + '\u0000' + member.name() + '\u0000' + member.role()));
        }
        for (final Card card : definition.cards())
        {
            x = StateHash.mix(x, StateHash.of(card.id() + '\u0000' + card.meaning()));
        }
        x = StateHash.mix(x, StateHash.of(definition.consentCard() + '\u0000' + definition.speakingOrder()));
        for (final String member : presentIds())
        {
            x = StateHash.mix(x, StateHash.of(member));
        }
        long devices = 0;
        for (final Map.Entry<String, Key128> device : deviceByMember.entrySet())
        {
            devices += StateHash.entry(new long[] {StateHash.of(device.getKey()), device.getValue().hi(),
                device.getValue().lo()});
        }
        x = StateHash.mix(x, devices);
        for (final RoundState round : rounds.values())
        {
            x = round.hash(x);
        }
        return x;
    }
}
