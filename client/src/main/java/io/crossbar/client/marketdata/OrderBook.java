package io.crossbar.client.marketdata;

/**
 * The displayed book (market by price) of one instrument as a consumer rebuilds it from the
 * market data feeds, with its recovery state. Each side is a {@link PriceLevels}, as in the
 * publisher.
 *
 * <p>Read it from the thread that polls the {@link MarketDataClient}, ideally in
 * {@link MarketDataListener#onBookUpdate}, where it is consistent (at an end of event).
 */
public final class OrderBook
{
    /** Side values, as in marketdata.xml. */
    public static final int BUY = 1;
    public static final int SELL = 2;
    /** The price of a missing level: SBE's null value of an int64. */
    public static final long NULL_PRICE = Long.MIN_VALUE;

    private final int instrument;
    private final PriceLevels bids;
    private final PriceLevels asks;
    private boolean recovered;
    private long lastRptSeq;
    private long lastTransactTimeNs;
    private int status = 255;

    OrderBook(final int instrument, final int initialCapacity)
    {
        this.instrument = instrument;
        this.bids = new PriceLevels(true, initialCapacity);
        this.asks = new PriceLevels(false, initialCapacity);
    }

    public int instrument()
    {
        return instrument;
    }

    /** True once built from a snapshot and every update since applied without a gap. */
    public boolean isRecovered()
    {
        return recovered;
    }

    /** rptSeq of the last update applied (from the snapshot or the incremental feed); 0 if none. */
    public long lastRptSeq()
    {
        return lastRptSeq;
    }

    /** transactTime of the last update applied. */
    public long lastTransactTimeNs()
    {
        return lastTransactTimeNs;
    }

    /** InstrumentStatus value from the last snapshot or TradingStatus; 255 (null) before any. */
    public int status()
    {
        return status;
    }

    /** Highest bid, or {@link #NULL_PRICE}. */
    public long bestBidPrice()
    {
        return bids.size() == 0 ? NULL_PRICE : bids.price(0);
    }

    /** Lots at the highest bid, or 0. */
    public long bestBidQuantity()
    {
        return bids.size() == 0 ? 0 : bids.quantity(0);
    }

    /** Lowest ask, or {@link #NULL_PRICE}. */
    public long bestAskPrice()
    {
        return asks.size() == 0 ? NULL_PRICE : asks.price(0);
    }

    /** Lots at the lowest ask, or 0. */
    public long bestAskQuantity()
    {
        return asks.size() == 0 ? 0 : asks.quantity(0);
    }

    /** Levels on a side ({@link #BUY} or {@link #SELL}). */
    public int levelCount(final int side)
    {
        return side(side).size();
    }

    /** Price of the level {@code depth} away from the best (0) on a side. */
    public long price(final int side, final int depth)
    {
        return side(side).price(checkDepth(side, depth));
    }

    public long quantity(final int side, final int depth)
    {
        return side(side).quantity(checkDepth(side, depth));
    }

    public int orderCount(final int side, final int depth)
    {
        return side(side).orderCount(checkDepth(side, depth));
    }

    /** Lots at {@code price} on a side, 0 if there is no such level. */
    public long quantityAt(final int side, final long price)
    {
        final PriceLevels levels = side(side);
        final int index = levels.find(price);
        return index >= 0 ? levels.quantityAtIndex(index) : 0;
    }

    /**
     * Visits the levels of a side, best first.
     *
     * @return the number of levels visited.
     */
    public int forEachLevel(final int side, final LevelConsumer consumer)
    {
        final PriceLevels levels = side(side);
        final int size = levels.size();
        for (int depth = 0; depth < size; depth++)
        {
            consumer.accept(depth, levels.price(depth), levels.quantity(depth), levels.orderCount(depth));
        }

        return size;
    }

    public String toString()
    {
        final StringBuilder builder = new StringBuilder(64);
        builder.append("OrderBook{instrument=").append(instrument)
            .append(", recovered=").append(recovered)
            .append(", lastRptSeq=").append(lastRptSeq)
            .append(", bids=").append(bids.size())
            .append(", asks=").append(asks.size());
        if (bids.size() > 0)
        {
            builder.append(", bestBid=").append(bestBidQuantity()).append('@').append(bestBidPrice());
        }
        if (asks.size() > 0)
        {
            builder.append(", bestAsk=").append(bestAskQuantity()).append('@').append(bestAskPrice());
        }

        return builder.append('}').toString();
    }

    // Mutators for the BookBuilder.

    void recovered(final boolean recovered)
    {
        this.recovered = recovered;
    }

    void lastRptSeq(final long rptSeq, final long transactTimeNs)
    {
        this.lastRptSeq = rptSeq;
        this.lastTransactTimeNs = transactTimeNs;
    }

    void status(final int status)
    {
        this.status = status;
    }

    void clear()
    {
        bids.clear();
        asks.clear();
    }

    /**
     * Applies a market-by-price update. NEW and CHANGE both set the level (a CHANGE of a level
     * below the depth a snapshot carried creates it), DELETE removes it if present.
     *
     * @param action MdUpdateAction value: 0 NEW, 1 CHANGE, 2 DELETE.
     * @return false if side or action is not a valid value.
     */
    boolean apply(final int side, final int action, final long price, final long quantity, final int orderCount)
    {
        if ((side != BUY && side != SELL) || action < 0 || action > 2)
        {
            return false;
        }
        final PriceLevels levels = side == BUY ? bids : asks;
        final int index = levels.find(price);
        if (action == 2 || quantity == 0)
        {
            if (index >= 0)
            {
                levels.remove(index);
            }
        }
        else if (index >= 0)
        {
            levels.set(index, quantity, orderCount);
        }
        else
        {
            levels.insert(-index - 1, price, quantity, orderCount);
        }

        return true;
    }

    /** Appends a level from a snapshot, which lists them best first; the side was cleared. */
    void appendFromSnapshot(final int side, final long price, final long quantity, final int orderCount)
    {
        // Best first on the wire, best last in the arrays: found by search, so a snapshot out of
        // order or with a repeated price still makes a sorted book.
        apply(side, 0, price, quantity, orderCount);
    }

    private PriceLevels side(final int side)
    {
        return side == BUY ? bids : asks;
    }

    private int checkDepth(final int side, final int depth)
    {
        if (depth < 0 || depth >= side(side).size())
        {
            throw new IndexOutOfBoundsException("depth " + depth + " of " + side(side).size() + " levels");
        }
        return depth;
    }
}
