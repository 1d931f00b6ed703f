package io.crossbar.engine;

/**
 * Exchange order ids. The low 32 bits are the order's storage slot, the high 32 bits the slot's
 * generation, which advances each time the slot is taken, so a stale id never reaches a reused
 * slot. Id 0 is never issued (generations start at 1).
 * <pre>
 *   63                          32 31                           0
 *  +------------------------------+------------------------------+
 *  |        generation (u32)      |           slot (u32)         |
 *  +------------------------------+------------------------------+
 * </pre>
 */
public final class OrderIds
{
    private OrderIds()
    {
    }

    public static long orderId(final int slot, final int generation)
    {
        return ((long)generation << 32) | (slot & 0xFFFF_FFFFL);
    }

    public static long slot(final long orderId)
    {
        return orderId & 0xFFFF_FFFFL;
    }

    public static int generation(final long orderId)
    {
        return (int)(orderId >>> 32);
    }
}
