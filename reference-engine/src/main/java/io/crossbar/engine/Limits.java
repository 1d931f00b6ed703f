package io.crossbar.engine;

/**
 * Numeric bounds that make overflow impossible by construction (see docs/semantics.md, "Units").
 * The card uses the same bounds, so a value outside them is rejected identically by both.
 */
public final class Limits
{
    /** Highest valid price in ticks (2^32 - 1): prices are positive and fit 32 bits. */
    public static final long MAX_PRICE = 0xFFFF_FFFFL;
    /** Highest valid order quantity, max-order-quantity or position limit in lots (2^40 - 1). */
    public static final long MAX_QUANTITY = (1L << 40) - 1;
    /** Largest magnitude of an account's credit and of any order's total reservation (2^62). */
    public static final long MAX_COLLATERAL = 1L << 62;
    /** Widest price band in basis points (100%). */
    public static final int MAX_BAND_BPS = 10_000;

    private Limits()
    {
    }

    /**
     * Whether {@code maxOrderQuantity * (a + b * MAX_PRICE)} stays below 2^62, so that no single
     * order's reservation can overflow whatever the price. Coefficients must be non-negative.
     */
    public static boolean reservationFits(final long maxOrderQuantity, final long a, final long b)
    {
        if (a < 0 || b < 0 || a >= MAX_COLLATERAL || b > MAX_COLLATERAL / MAX_PRICE)
        {
            return false;
        }
        final long perLotMax = a + b * MAX_PRICE;
        return perLotMax == 0 || maxOrderQuantity <= (MAX_COLLATERAL - 1) / perLotMax;
    }
}
