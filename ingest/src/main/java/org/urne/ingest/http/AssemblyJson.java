package org.urne.ingest.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.assembly.Card;
import org.urne.tally.assembly.ItemVersion;
import org.urne.tally.assembly.Member;
import org.urne.tally.assembly.RankedOption;
import org.urne.tally.assembly.RoundKind;
import org.urne.tally.assembly.RoundOption;
import org.urne.tally.assembly.RoundView;

/**
 * The JSON of assemblies and rounds (docs/api.md, "Assemblies"). What a reader sees depends on who asks: the room
 * (viewers, members' phones) sees counts; facilitators and operators also see who raised what, in speaking order,
 * and the decision record. Nobody sees a secret round's ballots; its ranking shows once it is closed.
 */
final class AssemblyJson
{
    private AssemblyJson()
    {
    }

    static JsonObject assembly(final AssemblyView assembly)
    {
        final JsonArray members = new JsonArray();
        for (final Member member : assembly.members())
        {
            members.add(new JsonObject().put("id", member.id()).put("name", member.name()).put("role", member.role()));
        }
        final JsonArray rounds = new JsonArray();
        for (final RoundView round : assembly.rounds())
        {
            rounds.add(new JsonObject().put("roundId", round.roundId()).put("kind", round.kind().wireName())
                .put("status", status(round)));
        }
        return new JsonObject().put("id", assembly.id()).put("name", assembly.name()).put("members", members)
            .put("cards", cards(assembly)).put("consentCard", assembly.consentCard())
            .put("speakingOrder", new JsonArray(assembly.speakingOrder()))
            .put("present", new JsonArray(assembly.present())).put("openRound", assembly.openRound())
            .put("rounds", rounds);
    }

    static JsonArray cards(final AssemblyView assembly)
    {
        final JsonArray cards = new JsonArray();
        for (final Card card : assembly.cards())
        {
            cards.add(new JsonObject().put("id", card.id()).put("meaning", card.meaning()));
        }
        return cards;
    }

    private static String status(final RoundView round)
    {
        return round.open() ? "open" : "closed";
    }

    /**
     * A round as the room sees it; with {@code facilitator}, also who raised which card, in speaking order, and who
     * has raised nothing yet.
     */
    static JsonObject round(final AssemblyView assembly, final RoundView round, final boolean facilitator)
    {
        final JsonObject json = new JsonObject().put("roundId", round.roundId()).put("kind", round.kind().wireName())
            .put("status", status(round)).put("present", round.present().size());
        if (round.kind() == RoundKind.CONSENT)
        {
            json.put("item", round.item()).put("version", round.version()).put("text", round.text())
                .put("answers", round.answers()).put("counts", new JsonObject(new LinkedHashMap<>(round.counts())))
                .put("raised", round.cards().size()).put("waiting", round.waiting().size())
                .put("consent", round.consent());
            if (facilitator)
            {
                json.put("speakers", speakers(assembly, round))
                    .put("waitingFor", members(assembly, round.waiting()));
            }
            return json;
        }
        final JsonArray options = new JsonArray();
        for (final RoundOption option : round.options())
        {
            options.add(new JsonObject().put("id", option.id()).put("title", option.title()));
        }
        json.put("options", options).put("voted", round.voted());
        if (round.kind() == RoundKind.JUDGMENT)
        {
            json.put("grades", new JsonArray(round.grades()));
        }
        else
        {
            json.put("choose", round.choose());
        }
        if (!round.open())
        {
            json.put("ranking", ranking(round));
        }
        return json;
    }

    /** Who gets the floor: the raisers of each speaking card in the assembly's order, each colour in raising order. */
    private static JsonArray speakers(final AssemblyView assembly, final RoundView round)
    {
        final JsonArray speakers = new JsonArray();
        for (final String card : assembly.speakingOrder())
        {
            for (final Map.Entry<String, String> raised : round.cards().entrySet())
            {
                if (raised.getValue().equals(card))
                {
                    speakers.add(new JsonObject().put("member", raised.getKey())
                        .put("name", name(assembly, raised.getKey())).put("card", card));
                }
            }
        }
        return speakers;
    }

    private static JsonArray members(final AssemblyView assembly, final List<String> ids)
    {
        final JsonArray members = new JsonArray();
        for (final String id : ids)
        {
            members.add(new JsonObject().put("member", id).put("name", name(assembly, id)));
        }
        return members;
    }

    private static JsonArray ranking(final RoundView round)
    {
        final JsonArray ranking = new JsonArray();
        for (final RankedOption option : round.ranking())
        {
            final JsonObject json = new JsonObject().put("rank", option.rank()).put("id", option.id())
                .put("title", option.title());
            if (round.kind() == RoundKind.JUDGMENT)
            {
                final int grade = option.majorityGrade();
                json.put("majorityGrade", grade < 0 ? null : grade)
                    .put("majorityGradeLabel", grade < 0 ? null : round.grades().get(grade))
                    .put("profile", new JsonArray(option.profile()));
            }
            else
            {
                json.put("approvals", option.approvals());
            }
            ranking.add(json);
        }
        return ranking;
    }

    /**
     * The decision record: every consent item with its versions and, per round, the counts and who raised each
     * card other than the consent one (by name: the assembly's own record); then every secret round's result.
     */
    static JsonObject decisions(final AssemblyView assembly)
    {
        final JsonArray items = new JsonArray();
        for (final Map.Entry<String, List<ItemVersion>> item : assembly.items().entrySet())
        {
            final JsonArray versions = new JsonArray();
            for (final ItemVersion version : item.getValue())
            {
                versions.add(new JsonObject().put("version", version.version()).put("text", version.text())
                    .put("answers", version.answers()).put("firstRound", version.roundId()));
            }
            final JsonArray rounds = new JsonArray();
            boolean consent = false;
            for (final RoundView round : assembly.rounds())
            {
                if (round.kind() == RoundKind.CONSENT && item.getKey().equals(round.item()))
                {
                    rounds.add(decisionRound(assembly, round));
                    consent = !round.open() && round.consent();
                }
            }
            items.add(new JsonObject().put("item", item.getKey()).put("versions", versions).put("rounds", rounds)
                .put("consent", consent));
        }
        final JsonArray votes = new JsonArray();
        for (final RoundView round : assembly.rounds())
        {
            if (round.kind().secret() && !round.open())
            {
                votes.add(round(assembly, round, false));
            }
        }
        return new JsonObject().put("id", assembly.id()).put("name", assembly.name()).put("items", items)
            .put("votes", votes);
    }

    /** The published decisions: each published round as the room sees it, in opening order. */
    static JsonObject published(final AssemblyView assembly)
    {
        final JsonArray decisions = new JsonArray();
        for (final RoundView round : assembly.rounds())
        {
            if (round.published())
            {
                decisions.add(round(assembly, round, false));
            }
        }
        return new JsonObject().put("id", assembly.id()).put("name", assembly.name()).put("decisions", decisions);
    }

    private static JsonObject decisionRound(final AssemblyView assembly, final RoundView round)
    {
        final JsonObject raisedBy = new JsonObject();
        for (final Card card : assembly.cards())
        {
            if (card.id().equals(assembly.consentCard()))
            {
                continue;
            }
            final JsonArray names = new JsonArray();
            for (final Map.Entry<String, String> raised : round.cards().entrySet())
            {
                if (raised.getValue().equals(card.id()))
                {
                    names.add(name(assembly, raised.getKey()));
                }
            }
            raisedBy.put(card.id(), names);
        }
        return new JsonObject().put("roundId", round.roundId()).put("version", round.version())
            .put("status", status(round)).put("counts", new JsonObject(new LinkedHashMap<>(round.counts())))
            .put("consent", round.consent()).put("raisedBy", raisedBy);
    }

    /** A member's name; their id when a later definition removed them. */
    private static String name(final AssemblyView assembly, final String memberId)
    {
        final Member member = assembly.member(memberId);
        return member == null ? memberId : member.name();
    }
}
