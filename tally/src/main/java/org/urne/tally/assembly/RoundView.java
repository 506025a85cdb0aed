package org.urne.tally.assembly;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A round as the tally agent published it: immutable, read by the event loops without waiting for the agent. What
 * each reader may see of it is the HTTP layer's business; a secret round's view never holds anyone's grades or
 * choices, and holds its ranking only once closed.
 *
 * @param cards     consent: each present member's card, by member id, in the order they were last raised; empty
 *                  for secret rounds.
 * @param counts    consent: how many present members raised each card, in the assembly's card order.
 * @param waiting   consent: present members who raised nothing yet, in member order.
 * @param consent   consent: every present member (at least one) raised the consent card.
 * @param present   the members present (as of the close, once closed), in member order.
 * @param voted     secret rounds: how many members voted (their ballots' count, not their content).
 * @param ranking   a closed secret round's options in result order; empty otherwise.
 * @param published the round's result is public (a published decision).
 */
public record RoundView(String roundId, RoundKind kind, boolean open, String item, int version, String text,
    String answers, List<RoundOption> options, int choose, List<String> grades, Map<String, String> cards,
    Map<String, Long> counts, List<String> waiting, boolean consent, List<String> present, int voted,
    List<RankedOption> ranking, boolean published)
{
    public RoundView
    {
        options = List.copyOf(options);
        grades = List.copyOf(grades);
        cards = Collections.unmodifiableMap(new LinkedHashMap<>(cards));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        waiting = List.copyOf(waiting);
        present = List.copyOf(present);
        ranking = List.copyOf(ranking);
    }
}
