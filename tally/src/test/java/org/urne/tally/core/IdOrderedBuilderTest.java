package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The copy-on-write lists the arguments are published from, against a sorted map: after random puts (new ids and
 * replacements, in and out of order) and removals, every snapshot ever taken still holds exactly what the map held
 * when it was taken, in id order, whatever changed after it.
 */
class IdOrderedBuilderTest
{
    /** A value: its id, and a version that tells a replacement from the value it replaced. */
    private record Value(long id, int version)
    {
    }

    private record Taken(IdOrdered<Value> snapshot, List<Value> expected)
    {
    }

    @Property(tries = 300)
    void everySnapshotKeepsWhatItWasTakenWith(@ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 3_000) final int steps, @ForAll @IntRange(min = 1, max = 2_000) final int ids)
    {
        final Random random = new Random(seed);
        final IdOrderedBuilder<Value> builder = new IdOrderedBuilder<>(Value::id);
        final TreeMap<Long, Value> model = new TreeMap<>();
        final List<Taken> taken = new ArrayList<>();
        // Mostly rising ids, as journal positions are, with some anywhere, replaced or removed.
        long next = 0;
        for (int step = 0; step < steps; step++)
        {
            final int action = random.nextInt(10);
            if (action < 5)
            {
                next += 1 + random.nextInt(3);
                put(builder, model, new Value(next, step));
            }
            else if (action < 7)
            {
                put(builder, model, new Value(random.nextInt(ids), step));
            }
            else if (action < 9)
            {
                final long id = random.nextInt(ids);
                assertThat(builder.remove(id)).as("remove %d", id).isEqualTo(model.remove(id) != null);
            }
            else
            {
                taken.add(new Taken(builder.snapshot(), List.copyOf(model.values())));
            }
        }
        taken.add(new Taken(builder.snapshot(), List.copyOf(model.values())));
        for (final Taken each : taken)
        {
            assertHolds(each.snapshot(), each.expected());
        }
    }

    @Test
    void aSnapshotIsTheSameInstanceUntilSomethingChanges()
    {
        final IdOrderedBuilder<Value> builder = new IdOrderedBuilder<>(Value::id);
        final IdOrdered<Value> empty = builder.snapshot();
        assertThat(builder.snapshot()).isSameAs(empty);
        assertThat(builder.remove(7)).isFalse();
        assertThat(builder.snapshot()).isSameAs(empty);
        builder.put(new Value(7, 0));
        final IdOrdered<Value> one = builder.snapshot();
        assertThat(one).isNotSameAs(empty);
        assertThat(empty.size()).isZero();
        assertThat(one.find(7)).isEqualTo(new Value(7, 0));
    }

    @Test
    void valuesSpanManyChunks()
    {
        final IdOrderedBuilder<Value> builder = new IdOrderedBuilder<>(Value::id);
        final int count = IdOrderedBuilder.CHUNK * 20 + 3;
        for (int i = count - 1; i >= 0; i--)
        {
            builder.put(new Value(2L * i, i));
        }
        final IdOrdered<Value> snapshot = builder.snapshot();
        assertThat(snapshot.size()).isEqualTo(count);
        for (int i = 0; i < count; i++)
        {
            assertThat(snapshot.get(i).id()).isEqualTo(2L * i);
            assertThat(snapshot.countBelow(2L * i)).isEqualTo(i);
            assertThat(snapshot.countBelow(2L * i + 1)).isEqualTo(i + 1);
            assertThat(snapshot.find(2L * i + 1)).isNull();
        }
        assertThat(snapshot.countBelow(Long.MAX_VALUE)).isEqualTo(count);
    }

    private static void put(final IdOrderedBuilder<Value> builder, final TreeMap<Long, Value> model, final Value value)
    {
        builder.put(value);
        model.put(value.id(), value);
    }

    private static void assertHolds(final IdOrdered<Value> snapshot, final List<Value> expected)
    {
        assertThat(snapshot.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++)
        {
            final Value value = expected.get(i);
            assertThat(snapshot.get(i)).as("index %d", i).isEqualTo(value);
            assertThat(snapshot.countBelow(value.id())).as("below %d", value.id()).isEqualTo(i);
            assertThat(snapshot.find(value.id())).isEqualTo(value);
        }
        final long absent = expected.isEmpty() ? 1 : expected.get(expected.size() - 1).id() + 1;
        assertThat(snapshot.find(absent)).isNull();
        assertThat(snapshot.countBelow(absent)).isEqualTo(expected.size());
    }
}
