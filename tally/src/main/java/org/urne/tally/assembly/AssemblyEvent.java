package org.urne.tally.assembly;

import java.util.List;

import org.urne.tally.domain.Key128;

/**
 * What happens in an assembly's room, as the journal holds it (record types 20 to 28, docs/journal-format.md):
 * journaled like ballots, applied in journal order by the tally agent's {@link AssemblyBook}, so a replay rebuilds
 * the same rounds, cards and decisions. Lists are copied and never null.
 */
public sealed interface AssemblyEvent
{
    /** The assembly the event belongs to. */
    String assemblyId();

    /**
     * An assembly defined, or redefined while no round is open (members join and leave between rounds).
     *
     * @param consentCard   the card that says "I agree".
     * @param speakingOrder the cards whose raisers get the floor, first to speak first.
     */
    record AssemblyDefined(String assemblyId, String name, List<Member> members, List<Card> cards,
        String consentCard, List<String> speakingOrder) implements AssemblyEvent
    {
        public AssemblyDefined
        {
            members = List.copyOf(members);
            cards = List.copyOf(cards);
            speakingOrder = List.copyOf(speakingOrder);
        }
    }

    /** The members present in the room from now on (until the first such record, every member is). */
    record PresenceRecorded(String assemblyId, List<String> present) implements AssemblyEvent
    {
        public PresenceRecorded
        {
            present = List.copyOf(present);
        }
    }

    /**
     * A round opened. A consent round is on {@code version} of item {@code item}'s text: a version above the item's
     * latest records that reformulation ({@code answers}: the objection it answers, or null). Judgment and approval
     * rounds have {@code options}; approval's {@code choose} is how many options each member may choose, and
     * judgment's {@code grades} the scale, worst first.
     */
    record RoundOpened(String assemblyId, String roundId, RoundKind kind, String item, int version, String text,
        String answers, List<RoundOption> options, int choose, List<String> grades) implements AssemblyEvent
    {
        public RoundOpened
        {
            options = List.copyOf(options);
            grades = List.copyOf(grades);
        }
    }

    /** A member's card in a consent round, raised by themselves or entered on their behalf; it replaces their last. */
    record CardRaised(String assemblyId, String roundId, String member, String card) implements AssemblyEvent
    {
    }

    /**
     * A member's grades in a judgment round, one per option in the round's order (indexes into its scale), under
     * the member's key for this round: the journal never says whose grades these are.
     */
    record GradesGiven(String assemblyId, String roundId, Key128 voter, List<Integer> grades) implements AssemblyEvent
    {
        public GradesGiven
        {
            grades = List.copyOf(grades);
        }
    }

    /** A member's choice in an approval round: option indexes, under the member's key for this round. */
    record ChoicesMade(String assemblyId, String roundId, Key128 voter, List<Integer> choices) implements AssemblyEvent
    {
        public ChoicesMade
        {
            choices = List.copyOf(choices);
        }
    }

    /** A round closed: its cards or ballots are final, and a secret round's results show. */
    record RoundClosed(String assemblyId, String roundId) implements AssemblyEvent
    {
    }

    /** A closed round's result made public: what anyone may read of it (counts, a ranking; never names). */
    record DecisionPublished(String assemblyId, String roundId) implements AssemblyEvent
    {
    }

    /**
     * A member's device code (re)issued: the journal holds its key (HMAC of the code under the server's secret),
     * never the code; the member's earlier code stops working.
     */
    record DeviceCodeSet(String assemblyId, String member, Key128 codeKey) implements AssemblyEvent
    {
    }
}
