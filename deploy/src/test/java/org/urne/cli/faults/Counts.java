package org.urne.cli.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts by key, zeros left out, so two of them are equal exactly when every count is. */
final class Counts
{
    private final Map<String, Long> byKey = new TreeMap<>();

    void add(final String key, final long count)
    {
        final long sum = byKey.getOrDefault(key, 0L) + count;
        if (sum == 0)
        {
            byKey.remove(key);
        }
        else
        {
            byKey.put(key, sum);
        }
    }

    long get(final String key)
    {
        return byKey.getOrDefault(key, 0L);
    }

    /** "key: expected 3, published 4" for every key where the two differ. */
    List<String> differencesFrom(final Counts expected)
    {
        final Map<String, Long> keys = new TreeMap<>(expected.byKey);
        keys.putAll(byKey);
        final List<String> differences = new ArrayList<>();
        for (final String key : keys.keySet())
        {
            if (get(key) != expected.get(key))
            {
                differences.add(key + ": expected " + expected.get(key) + ", published " + get(key));
            }
        }
        return differences;
    }

    @Override
    public String toString()
    {
        return byKey.toString();
    }
}
