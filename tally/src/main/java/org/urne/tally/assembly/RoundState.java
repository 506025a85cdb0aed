package org.urne.tally.assembly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.urne.tally.core.MajorityJudgment;
import org.urne.tally.core.Ranking;
import org.urne.tally.core.StateHash;
import org.urne.tally.domain.Key128;

/** One round's mutable state, owned by its {@link AssemblyState}. */
final class RoundState
{
    final AssemblyEvent.RoundOpened opened;
    /** Consent: each member's card, in the order they were last raised. */
    private final LinkedHashMap<String, String> cards = new LinkedHashMap<>();
    /** Secret rounds: each voter key's grades or choices (option indexes); iteration order never reaches output. */
    private final Map<Key128, List<Integer>> ballots = new HashMap<>();
    private boolean open = true;
    private boolean published;
    /** Who was present when the round closed; null while open. */
    private List<String> presentAtClose;

    RoundState(final AssemblyEvent.RoundOpened opened)
    {
        this.opened = opened;
    }

    boolean isOpen()
    {
        return open;
    }

    void raise(final String member, final String card)
    {
        cards.remove(member);
        cards.put(member, card);
    }

    void vote(final Key128 voter, final List<Integer> content)
    {
        ballots.put(voter, content);
    }

    void publish()
    {
        published = true;
    }

    void close(final List<String> present)
    {
        open = false;
        presentAtClose = List.copyOf(present);
    }

    /** The round as readers see it, with {@code present} the assembly's presence now (used while open). */
    RoundView view(final AssemblyEvent.AssemblyDefined definition, final List<String> present)
    {
        final List<String> electorate = open ? present : presentAtClose;
        final Set<String> inRoom = new HashSet<>(electorate);
        final Map<String, String> presentCards = new LinkedHashMap<>();
        for (final Map.Entry<String, String> card : cards.entrySet())
        {
            if (inRoom.contains(card.getKey()))
            {
                presentCards.put(card.getKey(), card.getValue());
            }
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        for (final Card card : definition.cards())
        {
            counts.put(card.id(), presentCards.values().stream().filter(card.id()::equals).count());
        }
        final List<String> waiting = new ArrayList<>();
        for (final String member : electorate)
        {
            if (!presentCards.containsKey(member))
            {
                waiting.add(member);
            }
        }
        final boolean consent = opened.kind() == RoundKind.CONSENT && !electorate.isEmpty() && waiting.isEmpty() &&
            presentCards.values().stream().allMatch(definition.consentCard()::equals);
        return new RoundView(opened.roundId(), opened.kind(), open, opened.item(), opened.version(), opened.text(),
            opened.answers(), opened.options(), opened.choose(), opened.grades(), presentCards, counts, waiting,
            consent, electorate, ballots.size(), open ? List.of() : ranking(), published);
    }

    /** A closed secret round's options in result order; empty for consent rounds. */
    private List<RankedOption> ranking()
    {
        final List<RoundOption> options = opened.options();
        if (opened.kind() == RoundKind.JUDGMENT)
        {
            final long[][] profiles = new long[options.size()][opened.grades().size()];
            for (final List<Integer> grades : ballots.values())
            {
                for (int i = 0; i < grades.size(); i++)
                {
                    profiles[i][grades.get(i)]++;
                }
            }
            final Ranking ranking = MajorityJudgment.rank(profiles, indexes(options.size()));
            final List<RankedOption> ranked = new ArrayList<>();
            for (final int i : ranking.order())
            {
                ranked.add(new RankedOption(ranking.rank()[i], options.get(i).id(), options.get(i).title(),
                    MajorityJudgment.majorityGrade(profiles[i]), Arrays.stream(profiles[i]).boxed().toList(), 0));
            }
            return ranked;
        }
        if (opened.kind() == RoundKind.APPROVAL)
        {
            final long[] approvals = new long[options.size()];
            for (final List<Integer> choices : ballots.values())
            {
                for (final int option : choices)
                {
                    approvals[option]++;
                }
            }
            final List<Integer> order = new ArrayList<>(Arrays.stream(indexes(options.size())).boxed().toList());
            order.sort((a, b) -> approvals[a] != approvals[b] ? Long.compare(approvals[b], approvals[a]) :
                Integer.compare(a, b));
            final List<RankedOption> ranked = new ArrayList<>();
            for (final int i : order)
            {
                int rank = 1;
                for (final long other : approvals)
                {
                    rank += other > approvals[i] ? 1 : 0;
                }
                ranked.add(new RankedOption(rank, options.get(i).id(), options.get(i).title(), -1, List.of(),
                    approvals[i]));
            }
            return ranked;
        }
        return List.of();
    }

    private static int[] indexes(final int count)
    {
        final int[] indexes = new int[count];
        Arrays.setAll(indexes, i -> i);
        return indexes;
    }

    /** Mixes the round's state into {@code h}; ballots in no particular order (their shares are summed). */
    long hash(final long h)
    {
        long x = StateHash.mix(h, StateHash.of(opened.roundId() + '\u0000' + opened.kind().wireName() + '\u0000' +
            opened.item() + '\u0000' + opened.version() + '\u0000' + opened.text() + '\u0000' + opened.answers() +
            '\u0000' + opened.options() + '\u0000' + opened.choose() + '\u0000' + opened.grades()));
        x = StateHash.mix(x, (open ? 1 : 0) + (published ? 2 : 0));
        for (final Map.Entry<String, String> card : cards.entrySet())
        {
            x = StateHash.mix(StateHash.mix(x, StateHash.of(card.getKey())), StateHash.of(card.getValue()));
        }
        long ballotShares = 0;
        for (final Map.Entry<Key128, List<Integer>> ballot : ballots.entrySet())
        {
            final long[] words = new long[2 + ballot.getValue().size()];
            words[0] = ballot.getKey().hi();
            words[1] = ballot.getKey().lo();
            for (int i = 0; i < ballot.getValue().size(); i++)
            {
                words[2 + i] = ballot.getValue().get(i);
            }
            ballotShares += StateHash.entry(words);
        }
        x = StateHash.mix(x, ballotShares);
        if (presentAtClose != null)
        {
            for (final String member : presentAtClose)
            {
                x = StateHash.mix(x, StateHash.of(member));
            }
        }
        return x;
    }
}
