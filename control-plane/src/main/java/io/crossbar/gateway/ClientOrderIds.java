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
    /**
     * Words a firm may fill in a day: 64 M ids numbered by a counter, or a million scattered ones
     * (about 32 MB of table). Past it, a new word is refused ({@link #hasRoomFor}), so that sparse
     * 64-bit ids cannot grow the set, and the journal's replay of it, without bound.
     */
    static final int MAX_WORDS = 1 << 20;

    private final Long2LongHashMap words;
    private final int maxWords;

    ClientOrderIds(final int expectedIds)
    {
        this(expectedIds, MAX_WORDS);
    }

    ClientOrderIds(final int expectedIds, final int maxWords)
    {
        this.words = new Long2LongHashMap(Math.max(16, Math.min(expectedIds, maxWords * 64) / 16), 0.65f, 0L);
        this.maxWords = maxWords;
    }

    /** Whether {@code id} can be added: its word is held already, or there is room for one more. */
    boolean hasRoomFor(final long id)
    {
        return words.size() < maxWords || words.containsKey(id >>> 6);
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
