package org.urne.tally.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table against a {@link HashMap}: random keys from a small space (so keys repeat, probes collide and the key
 * (0, 0) appears) inserted through probe-then-insert from a small initial capacity (so the table grows many times),
 * each insertion writing a value derived from the key; every key then finds its value and absent keys find nothing.
 */
class Key128TableTest
{
    @Property(tries = 300)
    void probeThenInsertBehavesLikeAMap(@ForAll("keys") final List<Tuple2<Long, Long>> keys)
    {
        final Key128Table table = new Key128Table(2, 16);
        final Map<Tuple2<Long, Long>, Long> model = new HashMap<>();
        for (final Tuple2<Long, Long> key : keys)
        {
            final int probe = table.probe(key.get1(), key.get2());
            final Long expected = model.get(key);
            if (expected == null)
            {
                assertThat(probe).as("absent %s", key).isNegative();
                final int at = table.insert(key.get1(), key.get2(), probe);
                assertThat(table.array()[at]).as("fresh values are zero").isZero();
                table.array()[at] = valueOf(key);
                table.array()[at + 1] = -valueOf(key);
                model.put(key, valueOf(key));
            }
            else
            {
                assertThat(probe).as("present %s", key).isNotNegative();
                assertThat(table.array()[probe]).isEqualTo(expected);
            }
        }

        assertThat(table.size()).isEqualTo(model.size());
        for (final Map.Entry<Tuple2<Long, Long>, Long> entry : model.entrySet())
        {
            final int at = table.find(entry.getKey().get1(), entry.getKey().get2());
            assertThat(at).as("find %s", entry.getKey()).isNotNegative();
            assertThat(table.array()[at]).isEqualTo(entry.getValue());
            assertThat(table.array()[at + 1]).isEqualTo(-entry.getValue());
        }
        assertThat(table.find(1000, 1000)).as("a key never inserted").isEqualTo(-1);
        final int[] visited = {0};
        table.forEach((array, keyOffset, valueOffset) -> visited[0]++);
        assertThat(visited[0]).isEqualTo(model.size());
    }

    @Provide
    Arbitrary<List<Tuple2<Long, Long>>> keys()
    {
        final Arbitrary<Long> half = Arbitraries.longs().between(0, 40);
        return Combinators.combine(half, half).as(Tuple::of).list().ofMaxSize(600);
    }

    private static long valueOf(final Tuple2<Long, Long> key)
    {
        return key.get1() * 1000 + key.get2() + 1;
    }
}
