package org.urne.ingest.http;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.intake.EventLoopSubmission;
import org.urne.ingest.parse.AssemblyRequestParser;
import org.urne.ingest.problem.ProblemException;
import org.urne.ingest.problem.ProblemType;
import org.urne.ingest.security.Caller;
import org.urne.ingest.security.Role;
import org.urne.tally.agent.Applied;
import org.urne.tally.assembly.AssemblyEvent;
import org.urne.tally.assembly.AssemblyRules;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.assembly.RoundKind;
import org.urne.tally.assembly.RoundView;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.RejectReason;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.JournalEntry;

/**
 * {@code /v1/assemblies/{assemblyId}}: define, read, record presence, issue device codes, open and close rounds.
 * Every request is checked against the assembly the tally agent last published, so a mistake is a problem and
 * nothing is journaled; what the published state could not foresee (two rounds opened at once) is decided by the
 * core and answered from its decision. A write is answered once the agent has published its effect.
 */
final class AssembliesHandler
{
    private final Edge edge;

    AssembliesHandler(final Edge edge)
    {
        this.edge = edge;
    }

    /** 201 when defined now, 200 when redefined or the same; 409 while a round is open. */
    void put(final RoutingContext ctx)
    {
        final String assemblyId = ctx.pathParam("assemblyId");
        final AssemblyEvent.AssemblyDefined definition =
            AssemblyRequestParser.definition(edge.json.parse(ctx.body().buffer()), assemblyId);
        final List<FieldError> errors = AssemblyRules.validate(definition);
        if (!errors.isEmpty())
        {
            throw ProblemType.INVALID_ASSEMBLY.problem("the assembly's definition is invalid", errors).toException();
        }
        if (!edge.isReady())
        {
            throw edge.notReady().toException();
        }
        final AssemblyView existing = edge.agent.assembly(assemblyId);
        if (existing != null && existing.openRound() != null)
        {
            throw stillOpen(existing.openRound());
        }
        if (existing != null && sameDefinition(existing, definition))
        {
            Responses.json(ctx, 200, AssemblyJson.assembly(existing));
            return;
        }
        final int status = existing == null ? 201 : 200;
        submit(ctx, definition).onSuccess(applied -> Responses.json(ctx, status,
            AssemblyJson.assembly(edge.agent.assembly(assemblyId)))).onFailure(failure -> Responses.fail(ctx, failure));
    }

    private static boolean sameDefinition(final AssemblyView existing, final AssemblyEvent.AssemblyDefined definition)
    {
        return existing.name().equals(definition.name()) && existing.members().equals(definition.members()) &&
            existing.cards().equals(definition.cards()) && existing.consentCard().equals(definition.consentCard()) &&
            existing.speakingOrder().equals(definition.speakingOrder());
    }

    void get(final RoutingContext ctx)
    {
        Responses.json(ctx, 200, AssemblyJson.assembly(readable(ctx)));
    }

    /** The decision record: facilitators and operators. */
    void decisions(final RoutingContext ctx)
    {
        Responses.json(ctx, 200, AssemblyJson.decisions(readable(ctx)));
    }

    void presence(final RoutingContext ctx)
    {
        final AssemblyView assembly = edge.assemblyForWrite(ctx.pathParam("assemblyId"));
        final List<String> present = AssemblyRequestParser.presence(edge.json.parse(ctx.body().buffer()));
        final List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < present.size(); i++)
        {
            if (assembly.member(present.get(i)) == null)
            {
                errors.add(new FieldError("present[" + i + "]", "is not a member of the assembly"));
            }
        }
        if (!errors.isEmpty())
        {
            throw ProblemType.NOT_A_MEMBER.problem("the presence names someone who is not a member", errors)
                .toException();
        }
        submit(ctx, new AssemblyEvent.PresenceRecorded(assembly.id(), present))
            .onSuccess(applied -> Responses.json(ctx, 200, new JsonObject()
                .put("present", edge.agent.assembly(assembly.id()).present())))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    /** A new device code for a member, shown once in the answer; the member's earlier code stops working. */
    void deviceCode(final RoutingContext ctx)
    {
        final AssemblyView assembly = edge.assemblyForWrite(ctx.pathParam("assemblyId"));
        final String member = ctx.pathParam("memberId");
        if (assembly.member(member) == null)
        {
            throw ProblemType.NOT_A_MEMBER.exception(member + " is not a member of assembly " + assembly.id());
        }
        final String code = edge.deviceCodes.newCode();
        submit(ctx, new AssemblyEvent.DeviceCodeSet(assembly.id(), member, edge.deviceCodes.key(assembly.id(), code)))
            .onSuccess(applied -> Responses.json(ctx, 201, new JsonObject().put("member", member).put("code", code)))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    /** 201 {@code {"roundId"}}: the round is open, on every event loop, when the answer is sent. */
    void openRound(final RoutingContext ctx)
    {
        final AssemblyView assembly = edge.assemblyForWrite(ctx.pathParam("assemblyId"));
        final String roundId = "r" + (assembly.rounds().size() + 1);
        final AssemblyEvent.RoundOpened round =
            AssemblyRequestParser.round(edge.json.parse(ctx.body().buffer()), assembly.id(), roundId);
        final List<FieldError> errors = AssemblyRules.validate(round);
        if (!errors.isEmpty())
        {
            throw ProblemType.INVALID_ROUND.problem("the round is invalid", errors).toException();
        }
        if (assembly.openRound() != null)
        {
            throw stillOpen(assembly.openRound());
        }
        if (round.kind() == RoundKind.CONSENT && round.version() < assembly.latestVersion(round.item()))
        {
            throw superseded(round.item(), assembly.latestVersion(round.item()));
        }
        submit(ctx, round).onSuccess(applied -> Responses.json(ctx, 201, new JsonObject().put("roundId", roundId)))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    void getRound(final RoutingContext ctx)
    {
        final AssemblyView assembly = readable(ctx);
        final RoundView round = round(assembly, ctx.pathParam("roundId"));
        Responses.json(ctx, 200, AssemblyJson.round(assembly, round, facilitates(ctx)));
    }

    void closeRound(final RoutingContext ctx)
    {
        final AssemblyView assembly = edge.assemblyForWrite(ctx.pathParam("assemblyId"));
        final RoundView round = round(assembly, ctx.pathParam("roundId"));
        if (!round.open())
        {
            throw closed(round.roundId());
        }
        submit(ctx, new AssemblyEvent.RoundClosed(assembly.id(), round.roundId()))
            .onSuccess(applied ->
            {
                final AssemblyView after = edge.agent.assembly(assembly.id());
                Responses.json(ctx, 200, AssemblyJson.round(after, after.round(round.roundId()), true));
            })
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    /** Makes a closed round's result public (idempotent): 200 with the published decisions. */
    void publish(final RoutingContext ctx)
    {
        final AssemblyView assembly = edge.assemblyForWrite(ctx.pathParam("assemblyId"));
        final RoundView round = round(assembly, ctx.pathParam("roundId"));
        if (round.open())
        {
            throw ProblemType.ROUND_STILL_OPEN.exception("round " + round.roundId() +
                " is open: close it before publishing its result");
        }
        if (round.published())
        {
            Responses.json(ctx, 200, AssemblyJson.published(assembly));
            return;
        }
        submit(ctx, new AssemblyEvent.DecisionPublished(assembly.id(), round.roundId()))
            .onSuccess(applied -> Responses.json(ctx, 200, AssemblyJson.published(edge.agent.assembly(assembly.id()))))
            .onFailure(failure -> Responses.fail(ctx, failure));
    }

    /** Public: the decisions the assembly published, as the room sees them (counts, rankings; never names). */
    void published(final RoutingContext ctx)
    {
        Responses.json(ctx, 200, AssemblyJson.published(readable(ctx)));
    }

    /** True for the operators' and facilitators' reads, which show who raised what. */
    static boolean facilitates(final RoutingContext ctx)
    {
        final Caller caller = ctx.get(RequestGuards.CALLER);
        return caller != null && (caller.role() == Role.OPERATOR || caller.role() == Role.FACILITATOR);
    }

    private AssemblyView readable(final RoutingContext ctx)
    {
        final String assemblyId = ctx.pathParam("assemblyId");
        final AssemblyView assembly = edge.agent.assembly(assemblyId);
        if (assembly == null)
        {
            throw ProblemType.UNKNOWN_ASSEMBLY.exception("unknown assembly " + assemblyId);
        }
        return assembly;
    }

    static RoundView round(final AssemblyView assembly, final String roundId)
    {
        final RoundView round = assembly.round(roundId);
        if (round == null)
        {
            throw ProblemType.UNKNOWN_ROUND.exception("assembly " + assembly.id() + " has no round " + roundId);
        }
        return round;
    }

    /** Journals and applies {@code event}; fails with the problem the core's refusal stands for. */
    Future<Applied> submit(final RoutingContext ctx, final AssemblyEvent event)
    {
        return EventLoopSubmission.submit(edge, ctx.vertx().getOrCreateContext(),
                new JournalEntry.AssemblyRecorded(event), AssemblyAccess.by(ctx))
            .compose(applied -> applied.outcome() == Outcome.REJECTED ?
                Future.failedFuture(refused(applied.reason(), event)) : Future.succeededFuture(applied));
    }

    /** The problem for a record the core refused although the published state let it through: it raced another. */
    private static ProblemException refused(final RejectReason reason, final AssemblyEvent event)
    {
        return switch (reason)
        {
            case ASSEMBLY_UNKNOWN -> ProblemType.UNKNOWN_ASSEMBLY.exception("unknown assembly " + event.assemblyId());
            case ROUND_UNKNOWN -> ProblemType.UNKNOWN_ROUND.exception("unknown round");
            case ROUND_CLOSED -> ProblemType.ROUND_CLOSED.exception("the round is closed: nothing was counted");
            case ASSEMBLY_ROUND_OPEN, ROUND_EXISTS -> ProblemType.ROUND_STILL_OPEN.exception(
                "another round was opened meanwhile: close it first");
            case NOT_A_MEMBER -> ProblemType.NOT_A_MEMBER.exception("not a member of the assembly");
            case NOT_PRESENT -> ProblemType.MEMBER_NOT_PRESENT.exception("the member is not present in the room");
            case VERSION_SUPERSEDED -> ProblemType.VERSION_SUPERSEDED.exception(
                "a later version of the item was put to the room meanwhile");
            default -> ProblemType.INVALID_VOTE.exception(reason.description());
        };
    }

    static ProblemException stillOpen(final String roundId)
    {
        return ProblemType.ROUND_STILL_OPEN.exception("round " + roundId + " is open: close it first");
    }

    static ProblemException closed(final String roundId)
    {
        return ProblemType.ROUND_CLOSED.exception("round " + roundId + " is closed: its cards and votes are final");
    }

    private static ProblemException superseded(final String item, final int latest)
    {
        return ProblemType.VERSION_SUPERSEDED.exception("item " + item + " is at version " + latest +
            ": open the round on it, or on a higher version to record a reformulation");
    }
}
