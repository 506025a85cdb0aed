package org.urne.ingest.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.urne.ingest.intake.Edge;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.assembly.RoundKind;
import org.urne.tally.assembly.RoundView;

/**
 * What the projector and the members' phones show, live: {@code GET .../state} once (the polling fallback) and
 * {@code GET .../events} as server-sent events. Each stream looks at the assembly the tally agent last published
 * every {@link #CHECK_MILLIS} ms, on its event loop, and sends the state when the assembly's position moved; so a
 * card shows on every screen within a fraction of a second, and nothing ever waits for the tally agent. A member's
 * phone is told ({@code event: replaced}) and its stream ended when another phone connects with the same code.
 */
final class RoomEventsHandler
{
    static final long CHECK_MILLIS = 200;
    /** A comment line now and then keeps proxies from closing a quiet stream. */
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    /** A stream ends after an hour; the browser's EventSource reconnects by itself. */
    private static final long MAX_STREAM_MILLIS = 3_600_000;

    private final Edge edge;

    RoomEventsHandler(final Edge edge)
    {
        this.edge = edge;
    }

    void state(final RoutingContext ctx)
    {
        final String member = ctx.get(AssemblyAccess.MEMBER);
        Responses.json(ctx, 200, state(published(ctx), member));
    }

    void events(final RoutingContext ctx)
    {
        final AssemblyView first = published(ctx);
        final String assemblyId = first.id();
        final String member = ctx.get(AssemblyAccess.MEMBER);
        final long phone = member == null ? 0 : edge.deviceCodes.connect(assemblyId, member);
        final HttpServerResponse response = ctx.response().setChunked(true).setStatusCode(200)
            .putHeader("Content-Type", "text/event-stream; charset=utf-8").putHeader("Cache-Control", "no-store")
            .putHeader("X-Accel-Buffering", "no");
        if (member != null)
        {
            response.write("event: phone\ndata: {\"phone\":" + phone + "}\n\n");
        }
        final long started = System.currentTimeMillis();
        final long[] sent = {Long.MIN_VALUE, started};
        final long timer = ctx.vertx().setPeriodic(0, CHECK_MILLIS, id ->
        {
            final long now = System.currentTimeMillis();
            if (member != null && !edge.deviceCodes.isCurrent(assemblyId, member, phone))
            {
                response.end("event: replaced\ndata: {}\n\n");
                return;
            }
            if (now - started > MAX_STREAM_MILLIS)
            {
                response.end();
                return;
            }
            final AssemblyView assembly = edge.agent.assembly(assemblyId);
            if (assembly.position() != sent[0])
            {
                sent[0] = assembly.position();
                sent[1] = now;
                response.write("event: state\ndata: " + state(assembly, member).encode() + "\n\n");
            }
            else if (now - sent[1] > KEEP_ALIVE_MILLIS)
            {
                sent[1] = now;
                response.write(": keep-alive\n\n");
            }
        });
        response.endHandler(ignored -> ctx.vertx().cancelTimer(timer));
        response.closeHandler(ignored -> ctx.vertx().cancelTimer(timer));
    }

    private AssemblyView published(final RoutingContext ctx)
    {
        final String assemblyId = ctx.pathParam("assemblyId");
        final AssemblyView assembly = edge.agent.assembly(assemblyId);
        if (assembly == null)
        {
            throw ProblemType.UNKNOWN_ASSEMBLY.exception("unknown assembly " + assemblyId);
        }
        return assembly;
    }

    /**
     * The room's state: the assembly's name and cards, the current round (the open one, else the last) as the room
     * sees it, and for a member's phone who they are and, in a consent round, their card.
     */
    static JsonObject state(final AssemblyView assembly, final String member)
    {
        final RoundView round = current(assembly);
        final JsonObject state = new JsonObject().put("assembly", assembly.id()).put("name", assembly.name())
            .put("cards", AssemblyJson.cards(assembly)).put("consentCard", assembly.consentCard())
            .put("present", assembly.present().size()).put("position", assembly.position())
            .put("round", round == null ? null : AssemblyJson.round(assembly, round, false));
        if (member != null)
        {
            final JsonObject me = new JsonObject().put("id", member).put("name", assembly.member(member) == null ?
                member : assembly.member(member).name()).put("present", assembly.isPresent(member));
            if (round != null && round.kind() == RoundKind.CONSENT)
            {
                me.put("card", round.cards().get(member));
            }
            state.put("member", me);
        }
        return state;
    }

    private static RoundView current(final AssemblyView assembly)
    {
        if (assembly.openRound() != null)
        {
            return assembly.round(assembly.openRound());
        }
        return assembly.rounds().isEmpty() ? null : assembly.rounds().get(assembly.rounds().size() - 1);
    }
}
