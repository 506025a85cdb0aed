package org.urne.tally.agent;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Key128;

import static org.assertj.core.api.Assertions.assertThat;

class TypedBallotsTest
{
    private static Key128 receipt(final long i)
    {
        final Random random = new Random(i);
        return new Key128(random.nextLong(), random.nextLong());
    }

    /** Against a map of records, the simple model: thousands of ballots over many stands and two polls. */
    @Test
    void readsAsAMapOfRecordsWould()
    {
        final TypedBallots typed = new TypedBallots();
        final Map<String, TypedBallots.Typed> model = new HashMap<>();
        final Random random = new Random(7);
        for (long i = 0; i < 5_000; i++)
        {
            final String poll = random.nextBoolean() ? "p1" : "p2";
            final Key128 receipt = receipt(random.nextInt(4_000));
            final String stand = "stand-" + random.nextInt(150);
            if (random.nextInt(5) == 0)
            {
                typed.annulled(poll, receipt);
                model.computeIfPresent(poll + receipt, (key, was) -> new TypedBallots.Typed(was.stand(), true));
            }
            else
            {
                typed.typed(poll, receipt, stand, i);
                model.putIfAbsent(poll + receipt, new TypedBallots.Typed(stand, false));
            }
        }
        for (int i = 0; i < 4_000; i++)
        {
            for (final String poll : new String[] {"p1", "p2", "p3"})
            {
                assertThat(typed.find(poll, receipt(i))).as(poll + " " + i).isEqualTo(model.get(poll + receipt(i)));
            }
        }
    }

    @Test
    void aReceiptTypedAgainKeepsItsStandAndItsAnnulment()
    {
        final TypedBallots typed = new TypedBallots();
        typed.typed("p1", receipt(1), "mairie", 10);
        typed.annulled("p1", receipt(1));
        typed.typed("p1", receipt(1), "gare", 11);
        typed.annulled("p1", receipt(2));

        assertThat(typed.find("p1", receipt(1))).isEqualTo(new TypedBallots.Typed("mairie", true));
        assertThat(typed.find("p1", receipt(2))).isNull();
        assertThat(typed.find("p2", receipt(1))).isNull();
    }

    /**
     * A reader on another thread never sees a typed ballot with another stand, nor misses one whose insertion it
     * was told of, while the writer grows the table and adds stands.
     */
    @Test
    void aConcurrentReaderSeesEveryPublishedBallotWithItsStand() throws InterruptedException
    {
        final TypedBallots typed = new TypedBallots();
        final int count = 200_000;
        final AtomicInteger published = new AtomicInteger();
        final AtomicReference<String> wrong = new AtomicReference<>();
        final Thread reader = new Thread(() ->
        {
            final Random random = new Random(3);
            while (published.get() < count && wrong.get() == null)
            {
                final int upTo = published.get();
                if (upTo == 0)
                {
                    continue;
                }
                final int i = random.nextInt(upTo);
                final TypedBallots.Typed found = typed.find("p1", receipt(i));
                if (found == null || !found.stand().equals("stand-" + i % 97) || found.annulled())
                {
                    wrong.set("ballot " + i + " of " + upTo + " read as " + found);
                }
            }
        });
        reader.start();
        for (int i = 0; i < count; i++)
        {
            typed.typed("p1", receipt(i), "stand-" + i % 97, i);
            published.set(i + 1);
        }
        reader.join(60_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(wrong.get()).isNull();
    }
}
