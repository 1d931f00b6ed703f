package io.crossbar.client.marketdata;

import java.util.Arrays;

/**
 * One side of an instrument's displayed book (market by price) as parallel primitive arrays
 * sorted so that the <em>best</em> level is the last one: bids ascending, asks descending.
 * Activity concentrates at the top of the book, so keeping it at the end makes an insert or a
 * delete there move few elements. Lookup is a binary search; nothing is allocated per update
 * (the arrays double when full, which a book reaches once and keeps).
 * <p>
 * The publisher's book and the subscriber's ({@link OrderBook}) are both made of these, so the
 * two sides of the feed hold a book the same way.
 */
public final class PriceLevels
{
    private final boolean bids;
    private long[] prices;
    private long[] quantities;
    private int[] orderCounts;
    private int size;

    public PriceLevels(final boolean bids, final int initialCapacity)
    {
        this.bids = bids;
        this.prices = new long[Math.max(1, initialCapacity)];
        this.quantities = new long[Math.max(1, initialCapacity)];
        this.orderCounts = new int[Math.max(1, initialCapacity)];
    }

    public int size()
    {
        return size;
    }

    /**
     * Index of the level at {@code price}, or {@code -(insertion point) - 1} when there is none
     * (same convention as {@link Arrays#binarySearch(long[], long)}).
     */
    public int find(final long price)
    {
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midPrice = prices[mid];
            if (midPrice == price)
            {
                return mid;
            }
            if (bids ? midPrice < price : midPrice > price)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return -(low + 1);
    }

    /** Lots of the level at {@code index} (as {@link #find} returns it). */
    public long quantityAtIndex(final int index)
    {
        return quantities[index];
    }

    /** Remove every level. */
    public void clear()
    {
        size = 0;
    }

    public void set(final int index, final long quantity, final int orderCount)
    {
        quantities[index] = quantity;
        orderCounts[index] = orderCount;
    }

    public void insert(final int index, final long price, final long quantity, final int orderCount)
    {
        if (size == prices.length)
        {
            final int capacity = size << 1;
            prices = Arrays.copyOf(prices, capacity);
            quantities = Arrays.copyOf(quantities, capacity);
            orderCounts = Arrays.copyOf(orderCounts, capacity);
        }
        final int moved = size - index;
        if (moved > 0)
        {
            System.arraycopy(prices, index, prices, index + 1, moved);
            System.arraycopy(quantities, index, quantities, index + 1, moved);
            System.arraycopy(orderCounts, index, orderCounts, index + 1, moved);
        }
        prices[index] = price;
        quantities[index] = quantity;
        orderCounts[index] = orderCount;
        size++;
    }

    public void remove(final int index)
    {
        final int moved = size - index - 1;
        if (moved > 0)
        {
            System.arraycopy(prices, index + 1, prices, index, moved);
            System.arraycopy(quantities, index + 1, quantities, index, moved);
            System.arraycopy(orderCounts, index + 1, orderCounts, index, moved);
        }
        size--;
    }

    /** Price of the level {@code depth} away from the best (0 = best). */
    public long price(final int depth)
    {
        return prices[size - 1 - depth];
    }

    public long quantity(final int depth)
    {
        return quantities[size - 1 - depth];
    }

    public int orderCount(final int depth)
    {
        return orderCounts[size - 1 - depth];
    }
}
