package io.crossbar.engine;

/**
 * Two-level occupancy bitmaps over the price-level slots of every book (one book is one side of
 * one instrument), the software twin of the card's bitmap and priority encoders: a set bit marks
 * a slot holding a non-empty level, and a summary word marks which 64-bit words are non-zero, so
 * finding the next occupied slot costs two count-zeros operations rather than a scan.
 * <p>
 * Slots are circular: searches wrap around the end, because a book's slots map prices modulo the
 * number of levels (see {@link BookLevels}).
 */
final class OccupancyBitmap
{
    static final int NONE = -1;

    private final int slots;
    private final int wordsPerBook;
    private final int summaryPerBook;
    private final long[] words;
    private final long[] summary;

    OccupancyBitmap(final int books, final int slotsPerBook)
    {
        this.slots = slotsPerBook;
        this.wordsPerBook = slotsPerBook >>> 6;
        this.summaryPerBook = (wordsPerBook + 63) >>> 6;
        this.words = new long[books * wordsPerBook];
        this.summary = new long[books * summaryPerBook];
    }

    void set(final int book, final int slot)
    {
        final int word = slot >>> 6;
        final int w = book * wordsPerBook + word;
        final long bits = words[w];
        words[w] = bits | 1L << slot;
        if (bits == 0)
        {
            summary[book * summaryPerBook + (word >>> 6)] |= 1L << word;
        }
    }

    void clear(final int book, final int slot)
    {
        clearBits(book, slot, 1L);
    }

    /**
     * Clear the slot's bit when {@code clear} is 1, leave it when 0: without a branch on it (a
     * boolean argument compiles to one), for callers where that is a coin toss.
     */
    void clearBits(final int book, final int slot, final long clear)
    {
        final int word = slot >>> 6;
        final int w = book * wordsPerBook + word;
        final long bits = words[w] & ~(clear << slot);
        words[w] = bits;
        if (bits == 0)
        {
            summary[book * summaryPerBook + (word >>> 6)] &= ~(1L << word); // rare: a word empties
        }
    }

    boolean isSet(final int book, final int slot)
    {
        return (words[book * wordsPerBook + (slot >>> 6)] & (1L << slot)) != 0;
    }

    /** The first occupied slot at or after {@code from}, wrapping past the end; {@link #NONE} if empty. */
    int nextCircular(final int book, final int from)
    {
        final int found = next(book, from);
        return found != NONE || from == 0 ? found : next(book, 0);
    }

    /** The first occupied slot at or before {@code from}, wrapping past the start; {@link #NONE} if empty. */
    int previousCircular(final int book, final int from)
    {
        final int found = previous(book, from);
        return found != NONE || from == slots - 1 ? found : previous(book, slots - 1);
    }

    private int next(final int book, final int from)
    {
        final int wordBase = book * wordsPerBook;
        final int word = from >>> 6;
        final long bits = words[wordBase + word] & (-1L << from);
        if (bits != 0)
        {
            return (word << 6) + Long.numberOfTrailingZeros(bits);
        }

        final int nextWord = word + 1;
        if (nextWord >= wordsPerBook)
        {
            return NONE;
        }
        final int summaryBase = book * summaryPerBook;
        int s = nextWord >>> 6;
        long summaryBits = summary[summaryBase + s] & (-1L << nextWord);
        while (true)
        {
            if (summaryBits != 0)
            {
                final int w = (s << 6) + Long.numberOfTrailingZeros(summaryBits);
                return (w << 6) + Long.numberOfTrailingZeros(words[wordBase + w]);
            }
            if (++s >= summaryPerBook)
            {
                return NONE;
            }
            summaryBits = summary[summaryBase + s];
        }
    }

    private int previous(final int book, final int from)
    {
        final int wordBase = book * wordsPerBook;
        final int word = from >>> 6;
        final long bits = words[wordBase + word] & (-1L >>> (63 - (from & 63)));
        if (bits != 0)
        {
            return (word << 6) + 63 - Long.numberOfLeadingZeros(bits);
        }

        final int previousWord = word - 1;
        if (previousWord < 0)
        {
            return NONE;
        }
        final int summaryBase = book * summaryPerBook;
        int s = previousWord >>> 6;
        long summaryBits = summary[summaryBase + s] & (-1L >>> (63 - (previousWord & 63)));
        while (true)
        {
            if (summaryBits != 0)
            {
                final int w = (s << 6) + 63 - Long.numberOfLeadingZeros(summaryBits);
                return (w << 6) + 63 - Long.numberOfLeadingZeros(words[wordBase + w]);
            }
            if (--s < 0)
            {
                return NONE;
            }
            summaryBits = summary[summaryBase + s];
        }
    }
}
