package org.urne.tally.core;

/**
 * Sorts 128-bit receipts, given as their high and low halves, in unsigned order (the order of their hex text) in
 * linear time: receipts are HMAC outputs, uniformly spread, so a counting pass on their top bits into about one
 * bucket per four receipts leaves buckets of a handful, each finished by insertion, without one object per
 * receipt. The seal and every late paper ballot after a close need the sorted list: for a million voters, building
 * and hashing it took 0.3 to 0.9 s on a loaded 2-core machine this way, against 1 to 2 s sorting objects.
 */
final class ReceiptSort
{
    private static final int MIN_BITS = 4;
    private static final int MAX_BITS = 24;

    private ReceiptSort()
    {
    }

    /** Sorts {@code his[0, count)} and {@code los[0, count)} together, by unsigned (hi, lo). */
    static void sort(final long[] his, final long[] los, final int count)
    {
        final int bits = Math.max(MIN_BITS, Math.min(MAX_BITS, 32 - Integer.numberOfLeadingZeros(count) - 2));
        final int shift = Long.SIZE - bits;
        final int[] starts = new int[(1 << bits) + 1];
        for (int i = 0; i < count; i++)
        {
            starts[(int)(his[i] >>> shift) + 1]++;
        }
        for (int bucket = 0; bucket < 1 << bits; bucket++)
        {
            starts[bucket + 1] += starts[bucket];
        }
        final long[] sortedHis = new long[count];
        final long[] sortedLos = new long[count];
        final int[] next = starts.clone();
        for (int i = 0; i < count; i++)
        {
            final int at = next[(int)(his[i] >>> shift)]++;
            sortedHis[at] = his[i];
            sortedLos[at] = los[i];
        }
        for (int bucket = 0; bucket < 1 << bits; bucket++)
        {
            insertionSort(sortedHis, sortedLos, starts[bucket], starts[bucket + 1]);
        }
        System.arraycopy(sortedHis, 0, his, 0, count);
        System.arraycopy(sortedLos, 0, los, 0, count);
    }

    private static void insertionSort(final long[] his, final long[] los, final int from, final int to)
    {
        for (int i = from + 1; i < to; i++)
        {
            final long hi = his[i];
            final long lo = los[i];
            int j = i - 1;
            while (j >= from && (Long.compareUnsigned(his[j], hi) > 0 ||
                his[j] == hi && Long.compareUnsigned(los[j], lo) > 0))
            {
                his[j + 1] = his[j];
                los[j + 1] = los[j];
                j--;
            }
            his[j + 1] = hi;
            los[j + 1] = lo;
        }
    }
}
