package org.urne.tally.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.urne.tally.domain.TallyIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batching changes nothing: a random journal applied through the {@link PrefetchingApplier} reaches its applier
 * record by record in journal order, each with the outcome and reason applying it directly gives, and ends in the
 * same state; a ballot whose application throws is the only one not applied.
 */
class PrefetchingApplierTest
{
    @Property(tries = 300)
    void theApplierSeesTheOutcomesAndEndsInTheStateOfADirectApplication(
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 300) final int length)
    {
        final List<RandomJournal.Timed> journal = RandomJournal.generate(seed, length);
        final TallyCore direct = new TallyCore();
        final List<String> expected = new ArrayList<>();
        for (int position = 0; position < journal.size(); position++)
        {
            journal.get(position).entry().dispatch(position, journal.get(position).timeMicros(), direct);
            expected.add(position + " " + direct.lastOutcome() + " " + direct.lastRejectReason());
        }

        final TallyCore batched = new TallyCore();
        final List<String> told = new ArrayList<>();
        final PrefetchingApplier applier = new PrefetchingApplier(batched::prefetch, recording(batched, told, -1));
        for (int position = 0; position < journal.size(); position++)
        {
            journal.get(position).entry().dispatch(position, journal.get(position).timeMicros(), applier);
        }
        applier.flush();

        assertThat(told).containsExactlyElementsOf(expected);
        assertThat(batched.stateHash()).isEqualTo(direct.stateHash());
    }

    @Property(tries = 100)
    void aBallotWhoseApplicationThrowsIsTheOnlyOneNotApplied(
        @ForAll final long seed, @ForAll @IntRange(min = 20, max = 300) final int length,
        @ForAll @IntRange(min = 0, max = 299) final int failing)
    {
        final List<RandomJournal.Timed> journal = RandomJournal.generate(seed, length);
        final int failAt = failing % length;
        final List<String> expected = new ArrayList<>();
        final TallyCore direct = new TallyCore();
        final TallyIn directApplier = recording(direct, expected, failAt);
        final List<String> told = new ArrayList<>();
        final TallyCore batched = new TallyCore();
        final PrefetchingApplier applier = new PrefetchingApplier(batched::prefetch, recording(batched, told, failAt));
        for (int position = 0; position < journal.size(); position++)
        {
            final RandomJournal.Timed timed = journal.get(position);
            final int at = position;
            applyCatching(() -> timed.entry().dispatch(at, timed.timeMicros(), directApplier));
            applyCatching(() -> timed.entry().dispatch(at, timed.timeMicros(), applier));
        }
        applyCatching(applier::flush);
        applier.flush();

        assertThat(told).containsExactlyElementsOf(expected);
        assertThat(batched.stateHash()).isEqualTo(direct.stateHash());
    }

    /**
     * Applies each record to {@code core} and notes its position, outcome and reason; throws instead of applying the
     * record at {@code failAt}.
     */
    private static TallyIn recording(final TallyCore core, final List<String> told, final long failAt)
    {
        return (TallyIn)Proxy.newProxyInstance(TallyIn.class.getClassLoader(), new Class<?>[] {TallyIn.class},
            (proxy, method, args) ->
            {
                final long position = (long)args[0];
                if (position == failAt)
                {
                    throw new IllegalStateException("applying " + position + " failed");
                }
                try
                {
                    method.invoke(core, args);
                }
                catch (final InvocationTargetException ex)
                {
                    throw ex.getCause();
                }
                told.add(position + " " + core.lastOutcome() + " " + core.lastRejectReason());
                return null;
            });
    }

    private static void applyCatching(final Runnable apply)
    {
        try
        {
            apply.run();
        }
        catch (final IllegalStateException ex)
        {
            assertThat(ex).hasMessageEndingWith("failed");
        }
    }
}
