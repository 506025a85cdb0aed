package org.urne.tally.core;

import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntHashSet;

/**
 * The 32-bit fingerprints of the ballots whose compact row cannot give them back (argued opinions), by unit row:
 * 8 bytes an entry in Agrona's map, which holds only as many entries as there are such ballots counting now.
 *
 * <p>Agrona's map marks an empty slot with one value it then cannot hold; every 32-bit value is a possible
 * fingerprint, so the rows whose fingerprint is that value are kept in a set of their own (one ballot in four
 * billion: the set is almost always empty).
 */
final class FingerprintsAside
{
    private static final int MISSING = -1;

    private final Int2IntHashMap fingerprints = new Int2IntHashMap(MISSING);
    private final IntHashSet missingValueRows = new IntHashSet();

    void put(final int row, final long fingerprint)
    {
        final int value = (int)fingerprint;
        if (value == MISSING)
        {
            fingerprints.remove(row);
            missingValueRows.add(row);
        }
        else
        {
            missingValueRows.remove(row);
            fingerprints.put(row, value);
        }
    }

    /** The row's fingerprint; the row must have one here. */
    long get(final int row)
    {
        final int value = fingerprints.get(row);
        if (value != MISSING)
        {
            return value & 0xFFFF_FFFFL;
        }
        if (missingValueRows.contains(row))
        {
            return MISSING & 0xFFFF_FFFFL;
        }
        throw new IllegalStateException("no fingerprint kept for row " + row);
    }

    void remove(final int row)
    {
        fingerprints.remove(row);
        missingValueRows.remove(row);
    }

    /** Bytes held by the map's array (keys and values side by side) and the set's. */
    long footprintBytes()
    {
        return fingerprints.capacity() * 2L * Integer.BYTES + missingValueRows.capacity() * (long)Integer.BYTES;
    }
}
