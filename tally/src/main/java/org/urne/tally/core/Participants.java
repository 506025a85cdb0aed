package org.urne.tally.core;

import org.urne.tally.domain.Key128;

/**
 * How many distinct voters an opinion poll counts: a voter gives an opinion per proposal, so the poll's ballots say
 * how many opinions there are, and this says how many people gave them. It keeps, per voter key with at least one
 * counted opinion, how many it has; the two 64-bit halves of the key are kept whole, so two voters are never taken
 * for one. Open addressing with linear probing, and backward-shift deletion, so a voter whose last opinion is
 * withdrawn leaves no tombstone behind: 20 bytes a slot, at most half the slots used.
 */
final class Participants
{
    private static final int INITIAL_CAPACITY = 64;

    private long[] his = new long[INITIAL_CAPACITY];
    private long[] los = new long[INITIAL_CAPACITY];
    /** Counted opinions per slot; 0 marks a free slot. */
    private int[] opinions = new int[INITIAL_CAPACITY];
    private int size;

    /** One more ({@code sign} 1) or one fewer ({@code sign} -1) counted opinion of the voter. */
    void add(final long hi, final long lo, final int sign)
    {
        int slot = slot(hi, lo, his.length - 1);
        while (opinions[slot] != 0)
        {
            if (his[slot] == hi && los[slot] == lo)
            {
                opinions[slot] += sign;
                if (opinions[slot] == 0)
                {
                    remove(slot);
                }
                return;
            }
            slot = (slot + 1) & (his.length - 1);
        }
        if (sign < 0)
        {
            throw new IllegalStateException("an opinion taken out of a voter who has none counted");
        }
        his[slot] = hi;
        los[slot] = lo;
        opinions[slot] = 1;
        if (++size * 2 > his.length)
        {
            grow();
        }
    }

    /** The voters with at least one counted opinion. */
    long count()
    {
        return size;
    }

    private void remove(final int removed)
    {
        final int mask = his.length - 1;
        int hole = removed;
        int next = (hole + 1) & mask;
        while (opinions[next] != 0)
        {
            final int home = slot(his[next], los[next], mask);
            // Moves an entry back into the hole when its home is not between the hole and it (cyclically).
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                his[hole] = his[next];
                los[hole] = los[next];
                opinions[hole] = opinions[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        opinions[hole] = 0;
        size--;
    }

    private void grow()
    {
        final long[] oldHis = his;
        final long[] oldLos = los;
        final int[] oldOpinions = opinions;
        his = new long[oldHis.length * 2];
        los = new long[oldHis.length * 2];
        opinions = new int[oldHis.length * 2];
        final int mask = his.length - 1;
        for (int i = 0; i < oldHis.length; i++)
        {
            if (oldOpinions[i] != 0)
            {
                int slot = slot(oldHis[i], oldLos[i], mask);
                while (opinions[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }
                his[slot] = oldHis[i];
                los[slot] = oldLos[i];
                opinions[slot] = oldOpinions[i];
            }
        }
    }

    private static int slot(final long hi, final long lo, final int mask)
    {
        return (int)Key128.hash(hi, lo) & mask;
    }
}
