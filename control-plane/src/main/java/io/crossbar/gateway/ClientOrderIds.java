package io.crossbar.gateway;

import org.agrona.collections.Long2LongHashMap;

/**
 * The set of client order ids a firm has used today, for duplicate refusal. Stored as 64-bit
 * words of a bitmap keyed by {@code id >>> 6}: clients number their orders with counters, so
 * consecutive ids share a word and the set stays small and cache-resident (one 16-byte entry per
 * 64 ids instead of one per id), while any id at all is still held exactly. Sized up front for a
 * day's words; growing beyond that rehashes (allocates) once per doubling.
 */
final class ClientOrderIds
{
    private final Long2LongHashMap words;

    ClientOrderIds(final int expectedIds)
    {
        this.words = new Long2LongHashMap(Math.max(16, expectedIds / 16), 0.65f, 0L);
    }

    /** Add an id; false when it was already there. */
    boolean add(final long id)
    {
        final long key = id >>> 6;
        final long bit = 1L << (id & 63);
        final long bits = words.get(key);
        if ((bits & bit) != 0)
        {
            return false;
        }
        words.put(key, bits | bit);
        return true;
    }

    boolean contains(final long id)
    {
        return (words.get(id >>> 6) & (1L << (id & 63))) != 0;
    }
}
