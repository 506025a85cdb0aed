package org.urne.tally.agent;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * One poll's public record, immutable once published: its seal (null before it) and its commitments in journal
 * order. The commitments share one array with the later records of the same poll: the agent only ever appends past
 * {@code commitmentCount}, and grows the array by copying, so a record a reader holds never changes.
 */
public final class PollRecord
{
    static final PollRecord NONE = new PollRecord(null, new Commitment[0], 0);

    private final Seal seal;
    private final Commitment[] commitments;
    private final int commitmentCount;

    private PollRecord(final Seal seal, final Commitment[] commitments, final int commitmentCount)
    {
        this.seal = seal;
        this.commitments = commitments;
        this.commitmentCount = commitmentCount;
    }

    /** The seal, or null while the poll is not sealed. */
    public Seal seal()
    {
        return seal;
    }

    /** The commitments, oldest first; a read-only view. */
    public List<Commitment> commitments()
    {
        return new View(commitments, commitmentCount);
    }

    PollRecord sealed(final Seal newSeal)
    {
        return new PollRecord(newSeal, commitments, commitmentCount);
    }

    /** This record and one more commitment; amortised O(1): the array doubles when full. */
    PollRecord committed(final Commitment commitment)
    {
        final Commitment[] array = commitmentCount < commitments.length ? commitments :
            Arrays.copyOf(commitments, Math.max(16, commitments.length * 2));
        array[commitmentCount] = commitment;
        return new PollRecord(seal, array, commitmentCount + 1);
    }

    /** The first {@code size} elements of an array nobody writes below {@code size} again. */
    private static final class View extends AbstractList<Commitment> implements RandomAccess
    {
        private final Commitment[] array;
        private final int size;

        View(final Commitment[] array, final int size)
        {
            this.array = array;
            this.size = size;
        }

        @Override
        public Commitment get(final int index)
        {
            if (index < 0 || index >= size)
            {
                throw new IndexOutOfBoundsException(index);
            }
            return array[index];
        }

        @Override
        public int size()
        {
            return size;
        }
    }
}
