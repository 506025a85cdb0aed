package org.urne.tally.core;

import java.util.Arrays;

import org.agrona.collections.Int2IntHashMap;

/**
 * Item id to index in definition order, looked up for every item of every ballot. Item ids are usually small and
 * dense (Clermont's are 1 to 40), so a plain array indexed by id answers without hashing; sparse or large ids fall
 * back to a primitive hash map.
 */
final class ItemIndex
{
    private static final int MAX_DENSE_IDS = 1 << 16;

    private final int[] dense;
    private final Int2IntHashMap sparse;

    ItemIndex(final int[] itemIds)
    {
        final int maxId = Arrays.stream(itemIds).max().orElse(0);
        if (maxId < MAX_DENSE_IDS && Arrays.stream(itemIds).allMatch(id -> id >= 0))
        {
            dense = new int[maxId + 1];
            Arrays.fill(dense, -1);
            for (int i = 0; i < itemIds.length; i++)
            {
                dense[itemIds[i]] = i;
            }
            sparse = null;
        }
        else
        {
            dense = null;
            sparse = new Int2IntHashMap(itemIds.length * 2, 0.5f, -1);
            for (int i = 0; i < itemIds.length; i++)
            {
                sparse.put(itemIds[i], i);
            }
        }
    }

    /** The item's index in definition order, or -1 when the poll has no such item. */
    int indexOf(final int itemId)
    {
        if (dense != null)
        {
            return itemId >= 0 && itemId < dense.length ? dense[itemId] : -1;
        }
        return sparse.get(itemId);
    }
}
