package org.urne.tally.assembly;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.urne.tally.core.Outcome;
import org.urne.tally.core.RejectReason;
import org.urne.tally.core.StateHash;

/**
 * The assemblies' state machine: applies assembly records in journal order, after re-checking each (the event
 * loops check requests against the published {@link AssemblyView}s, but a record may race another: a card after
 * the close, a round opened twice). Pure like the tally core: no clock, no I/O, no thread, no logging, and no hash
 * order reaches an output. Owned by one thread, the core's.
 */
public final class AssemblyBook
{
    private final Map<String, AssemblyState> byId = new HashMap<>();
    private final List<AssemblyState> inOrder = new ArrayList<>();
    private Outcome lastOutcome = Outcome.ACCEPTED;
    private RejectReason lastReason;

    /** Applies one record: afterwards {@link #lastOutcome()} and {@link #lastReason()} say what it did. */
    public void apply(final AssemblyEvent event)
    {
        lastOutcome = Outcome.REJECTED;
        if (event instanceof AssemblyEvent.AssemblyDefined defined)
        {
            lastReason = define(defined);
            return;
        }
        final AssemblyState assembly = byId.get(event.assemblyId());
        if (assembly == null)
        {
            lastReason = RejectReason.ASSEMBLY_UNKNOWN;
            return;
        }
        lastReason = applyTo(assembly, event);
        if (lastReason == null)
        {
            lastOutcome = Outcome.ACCEPTED;
        }
    }

    private static RejectReason applyTo(final AssemblyState assembly, final AssemblyEvent event)
    {
        if (event instanceof AssemblyEvent.PresenceRecorded presence)
        {
            return assembly.presence(presence);
        }
        if (event instanceof AssemblyEvent.RoundOpened round)
        {
            return assembly.open(round);
        }
        if (event instanceof AssemblyEvent.CardRaised card)
        {
            return assembly.raise(card);
        }
        if (event instanceof AssemblyEvent.GradesGiven grades)
        {
            return assembly.grade(grades);
        }
        if (event instanceof AssemblyEvent.ChoicesMade choices)
        {
            return assembly.choose(choices);
        }
        if (event instanceof AssemblyEvent.RoundClosed close)
        {
            return assembly.close(close);
        }
        if (event instanceof AssemblyEvent.DecisionPublished published)
        {
            return assembly.publish(published);
        }
        return assembly.device((AssemblyEvent.DeviceCodeSet)event);
    }

    private RejectReason define(final AssemblyEvent.AssemblyDefined defined)
    {
        if (!AssemblyRules.validate(defined).isEmpty())
        {
            return RejectReason.INVALID;
        }
        final AssemblyState existing = byId.get(defined.assemblyId());
        if (existing != null && existing.definition().equals(defined))
        {
            lastOutcome = Outcome.DUPLICATE;
            return null;
        }
        if (existing != null)
        {
            final RejectReason refused = existing.redefine(defined);
            lastOutcome = refused == null ? Outcome.ACCEPTED : Outcome.REJECTED;
            return refused;
        }
        final AssemblyState assembly = new AssemblyState(defined);
        byId.put(defined.assemblyId(), assembly);
        inOrder.add(assembly);
        lastOutcome = Outcome.ACCEPTED;
        return null;
    }

    public Outcome lastOutcome()
    {
        return lastOutcome;
    }

    /** Why the last record changed nothing, or null. */
    public RejectReason lastReason()
    {
        return lastReason;
    }

    public boolean isEmpty()
    {
        return inOrder.isEmpty();
    }

    /** The assembly as readers may see it, its changes up to {@code position}; null when unknown. */
    public AssemblyView view(final String assemblyId, final long position)
    {
        final AssemblyState assembly = byId.get(assemblyId);
        return assembly == null ? null : assembly.view(position);
    }

    /** Mixes every assembly's state into {@code h}, in definition order. */
    public long hash(final long h)
    {
        long x = StateHash.mix(h, inOrder.size());
        for (final AssemblyState assembly : inOrder)
        {
            x = assembly.hash(x);
        }
        return x;
    }
}
