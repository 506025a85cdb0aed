package org.urne.tally.assembly;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.urne.tally.domain.Key128;

/**
 * An assembly as the tally agent last published it: immutable, what the event loops check requests against and
 * answer reads from, never waiting for the agent.
 *
 * @param present   the ids of the members present, in member order.
 * @param devices   the member each current device code's key stands for.
 * @param items     each consent item's versions, oldest first, items in the order they were first put.
 * @param rounds    every round, in the order they were opened.
 * @param openRound the id of the round open now, or null.
 * @param position  the journal position of the last record that changed the assembly.
 */
public record AssemblyView(String id, String name, List<Member> members, List<Card> cards, String consentCard,
    List<String> speakingOrder, List<String> present, Map<Key128, String> devices,
    Map<String, List<ItemVersion>> items, List<RoundView> rounds, String openRound, long position)
{
    public AssemblyView
    {
        members = List.copyOf(members);
        cards = List.copyOf(cards);
        speakingOrder = List.copyOf(speakingOrder);
        present = List.copyOf(present);
        devices = Map.copyOf(devices);
        // The versions' lists too: the agent's state goes on adding to its own after this view is published.
        final Map<String, List<ItemVersion>> copied = new LinkedHashMap<>();
        items.forEach((item, versions) -> copied.put(item, List.copyOf(versions)));
        items = Collections.unmodifiableMap(copied);
        rounds = List.copyOf(rounds);
    }

    /** The member with this id, or null. */
    public Member member(final String memberId)
    {
        for (final Member member : members)
        {
            if (member.id().equals(memberId))
            {
                return member;
            }
        }
        return null;
    }

    /** The round with this id, or null. */
    public RoundView round(final String roundId)
    {
        for (final RoundView round : rounds)
        {
            if (round.roundId().equals(roundId))
            {
                return round;
            }
        }
        return null;
    }

    public boolean isPresent(final String memberId)
    {
        return present.contains(memberId);
    }

    public boolean hasCard(final String cardId)
    {
        for (final Card card : cards)
        {
            if (card.id().equals(cardId))
            {
                return true;
            }
        }
        return false;
    }

    /** The latest version of a consent item, 0 when the item was never put to the room. */
    public int latestVersion(final String item)
    {
        final List<ItemVersion> versions = items.get(item);
        return versions == null || versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
    }
}
