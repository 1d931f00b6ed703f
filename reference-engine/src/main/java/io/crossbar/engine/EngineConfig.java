package io.crossbar.engine;

/**
 * Capacities of a matching engine: the same parameters the card's RTL is built with, so that the
 * reference engine and the card run out of room at exactly the same command and answer it with
 * the same {@code BOOK_FULL} reject.
 * <p>
 * Follows the Context pattern: set what differs from the defaults, then {@link #conclude()}
 * validates once, before the engine is built.
 */
public final class EngineConfig
{
    /** Default number of instruments (ids 0 .. instruments-1). */
    public static final int DEFAULT_INSTRUMENTS = 16;
    /** Default price levels per side per instrument; also the width of the price window in ticks. */
    public static final int DEFAULT_LEVELS_PER_SIDE = 4096;
    /** Default number of resting-order slots shared by all instruments. */
    public static final int DEFAULT_ORDER_SLOTS = 65536;
    /** Default number of accounts (ids 0 .. accounts-1). */
    public static final int DEFAULT_ACCOUNTS = 4096;

    private int instruments = DEFAULT_INSTRUMENTS;
    private int levelsPerSide = DEFAULT_LEVELS_PER_SIDE;
    private int orderSlots = DEFAULT_ORDER_SLOTS;
    private int accounts = DEFAULT_ACCOUNTS;
    private boolean concluded;

    public EngineConfig instruments(final int instruments)
    {
        this.instruments = instruments;
        return this;
    }

    public int instruments()
    {
        return instruments;
    }

    public EngineConfig levelsPerSide(final int levelsPerSide)
    {
        this.levelsPerSide = levelsPerSide;
        return this;
    }

    public int levelsPerSide()
    {
        return levelsPerSide;
    }

    public EngineConfig orderSlots(final int orderSlots)
    {
        this.orderSlots = orderSlots;
        return this;
    }

    public int orderSlots()
    {
        return orderSlots;
    }

    public EngineConfig accounts(final int accounts)
    {
        this.accounts = accounts;
        return this;
    }

    public int accounts()
    {
        return accounts;
    }

    /**
     * Check the capacities. Levels per side must be a power of two of at least 64 (the occupancy
     * bitmap is built of 64-bit words); the other capacities must be positive and small enough
     * that account x instrument state fits in one array.
     *
     * @return this, for chaining.
     * @throws IllegalArgumentException naming the parameter that is out of range.
     */
    public EngineConfig conclude()
    {
        if (concluded)
        {
            return this;
        }
        requireRange("instruments", instruments, 1, 1 << 16);
        requireRange("orderSlots", orderSlots, 1, 1 << 30);
        requireRange("accounts", accounts, 1, 1 << 24);
        requireRange("levelsPerSide", levelsPerSide, 64, 1 << 24);
        if (Integer.bitCount(levelsPerSide) != 1)
        {
            throw new IllegalArgumentException("levelsPerSide must be a power of two: " + levelsPerSide);
        }
        if ((long)accounts * instruments > (1 << 28))
        {
            throw new IllegalArgumentException(
                "accounts x instruments too large: " + accounts + " x " + instruments);
        }
        if ((long)instruments * 2 * levelsPerSide > (1 << 28))
        {
            throw new IllegalArgumentException(
                "instruments x 2 x levelsPerSide too large: " + instruments + " x 2 x " + levelsPerSide);
        }
        concluded = true;
        return this;
    }

    private static void requireRange(final String name, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
        }
    }

    public String toString()
    {
        return "EngineConfig{instruments=" + instruments + ", levelsPerSide=" + levelsPerSide +
            ", orderSlots=" + orderSlots + ", accounts=" + accounts + '}';
    }
}
