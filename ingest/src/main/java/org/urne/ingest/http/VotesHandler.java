package org.urne.ingest.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.parse.AssemblyRequestParser;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.assembly.RoundKind;
import org.urne.tally.assembly.RoundOption;
import org.urne.tally.assembly.RoundView;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.Key128;

/**
 * {@code POST /v1/assemblies/{assemblyId}/rounds/{roundId}/cards}: a member's card in a consent round, grades in a
 * judgment round, choices in an approval round; from the member's own device code, or entered on their behalf by a
 * facilitator or an operator. A second one replaces the first while the round is open. A secret round's ballot is
 * journaled under the member's key for that round, never their id.
 */
final class VotesHandler
{
    /** The phone page's connection number (its events stream's first event), so an older phone can be told. */
    static final String PHONE_HEADER = "Urne-Phone";

    private final Edge edge;
    private final AssembliesHandler assemblies;

    VotesHandler(final Edge edge, final AssembliesHandler assemblies)
    {
        this.edge = edge;
        this.assemblies = assemblies;
    }

    void post(final RoutingContext ctx)
    {
        final AssemblyView assembly = edge.assemblyForWrite(ctx.pathParam("assemblyId"));
        final RoundView round = AssembliesHandler.round(assembly, ctx.pathParam("roundId"));
        final String deviceMember = ctx.get(AssemblyAccess.MEMBER);
        final AssemblyRequestParser.VoteRequest vote =
            AssemblyRequestParser.vote(edge.json.parse(ctx.body().buffer()), deviceMember == null);
        final String member = deviceMember == null ? vote.member() : deviceMember;
        final String phone = ctx.request().getHeader(PHONE_HEADER);
        if (deviceMember != null && phone != null && !edge.deviceCodes.isCurrent(assembly.id(), member, phone))
        {
            throw ProblemType.DEVICE_REPLACED.exception("another phone connected with this code since this one: " +
                "the newer one counts");
        }
        if (assembly.member(member) == null)
        {
            throw ProblemType.NOT_A_MEMBER.exception(member + " is not a member of assembly " + assembly.id());
        }
        if (!round.open())
        {
            throw AssembliesHandler.closed(round.roundId());
        }
        if (!assembly.isPresent(member))
        {
            throw ProblemType.MEMBER_NOT_PRESENT.exception(member + " is not recorded as present in the room");
        }
        final AssemblyEvent event = event(assembly, round, member, vote);
        assemblies.submit(ctx, event)
            .onSuccess(applied -> Responses.json(ctx, 200, new JsonObject().put("roundId", round.roundId())
                .put("position", applied.position())))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    private AssemblyEvent event(final AssemblyView assembly, final RoundView round, final String member,
        final AssemblyRequestParser.VoteRequest vote)
    {
        if (round.kind() == RoundKind.CONSENT)
        {
            if (vote.card() == null || !assembly.hasCard(vote.card()))
            {
                throw invalid("card", "a consent round takes a card, one of the assembly's");
            }
            return new AssemblyEvent.CardRaised(assembly.id(), round.roundId(), member, vote.card());
        }
        final Key128 voter = edge.keys.voterKey("assembly:" + assembly.id() + ":" + round.roundId(), member);
        if (round.kind() == RoundKind.JUDGMENT)
        {
            return new AssemblyEvent.GradesGiven(assembly.id(), round.roundId(), voter, grades(round, vote));
        }
        return new AssemblyEvent.ChoicesMade(assembly.id(), round.roundId(), voter, choices(round, vote));
    }

    /** One grade per option, in the round's order: every option graded, on the scale, nothing else. */
    private static List<Integer> grades(final RoundView round, final AssemblyRequestParser.VoteRequest vote)
    {
        if (vote.grades() == null)
        {
            throw invalid("grades", "a judgment round takes grades: an object of option id to grade index");
        }
        final List<FieldError> errors = new ArrayList<>();
        final List<Integer> grades = new ArrayList<>();
        for (final RoundOption option : round.options())
        {
            final Integer grade = vote.grades().get(option.id());
            if (grade == null)
            {
                errors.add(new FieldError("grades." + option.id(), "every option must be graded"));
            }
            else if (grade < 0 || grade >= round.grades().size())
            {
                errors.add(new FieldError("grades." + option.id(), "must be a grade index from 0 to " +
                    (round.grades().size() - 1)));
            }
            grades.add(grade);
        }
        for (final Map.Entry<String, Integer> grade : vote.grades().entrySet())
        {
            if (round.options().stream().noneMatch(o -> o.id().equals(grade.getKey())))
            {
                errors.add(new FieldError("grades." + grade.getKey(), "is not an option of the round"));
            }
        }
        throwIfAny(errors);
        return grades;
    }

    /** Distinct options of the round, at most {@code choose}; none is an abstention. */
    private static List<Integer> choices(final RoundView round, final AssemblyRequestParser.VoteRequest vote)
    {
        if (vote.choices() == null)
        {
            throw invalid("choices", "an approval round takes choices: an array of option ids");
        }
        final List<FieldError> errors = new ArrayList<>();
        final List<Integer> choices = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < vote.choices().size(); i++)
        {
            final String id = vote.choices().get(i);
            int index = -1;
            for (int o = 0; o < round.options().size(); o++)
            {
                index = round.options().get(o).id().equals(id) ? o : index;
            }
            if (index < 0 || !seen.add(id))
            {
                errors.add(new FieldError("choices[" + i + "]", index < 0 ? "is not an option of the round" :
                    "is chosen twice"));
            }
            choices.add(index);
        }
        if (choices.size() > round.choose())
        {
            errors.add(new FieldError("choices", "at most " + round.choose() + " options may be chosen"));
        }
        throwIfAny(errors);
        return choices;
    }

    private static void throwIfAny(final List<FieldError> errors)
    {
        if (!errors.isEmpty())
        {
            throw ProblemType.INVALID_VOTE.problem("the vote does not fit the round", errors).toException();
        }
    }

    private static RuntimeException invalid(final String field, final String message)
    {
        return ProblemType.INVALID_VOTE.problem("the vote does not fit the round",
            List.of(new FieldError(field, message))).toException();
    }
}
