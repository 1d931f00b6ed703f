package io.crossbar.driver;

/**
 * What the control plane remembers of a live order to write its execution reports: who owns it,
 * its client id, and its fill state (FIX cumQty, leavesQty, average price). Pooled.
 */
final class TrackedOrder
{
    long orderId;
    long uuid;
    long firmId;
    long clOrdId;
    int account;
    int instrument;
    int side;
    int orderType;
    int timeInForce;
    int flags;
    int stpMode;
    long price;
    long displayQuantity;
    long cumQty;
    long leavesQty;
    /** Sum of price x quantity over fills, for the average price. */
    long notional;

    /** Average fill price in 10^-6 ticks; 0 before the first fill. */
    long averagePriceE6()
    {
        if (cumQty == 0)
        {
            return 0;
        }
        final long whole = notional / cumQty;
        final long rest = notional % cumQty;
        return whole * 1_000_000L + (rest * 1_000_000L) / cumQty;
    }

    long orderQty()
    {
        return cumQty + leavesQty;
    }
}
