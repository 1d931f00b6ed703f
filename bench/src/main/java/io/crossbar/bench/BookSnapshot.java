package io.crossbar.bench;

import exchange.core2.core.common.IOrder;
import exchange.core2.core.orderbook.IOrderBook;
import io.crossbar.engine.ReferenceEngine;
import io.crossbar.sbe.device.Side;

import java.util.Arrays;
import java.util.Iterator;

/**
 * Both sides of one instrument's book in priority order (best price first, first in first out
 * within a level): per order its id in our numbering, account, price and leaves quantity. Taken
 * from our engine with {@link ReferenceEngine#forEachOrder} and from exchange-core by walking its
 * orders from the best one, mapping its order ids and users to ours.
 */
public final class BookSnapshot
{
    private final Entries bids = new Entries();
    private final Entries asks = new Entries();

    private BookSnapshot()
    {
    }

    public static BookSnapshot ofReference(final ReferenceEngine engine, final int instrument)
    {
        final BookSnapshot s = new BookSnapshot();
        engine.forEachOrder(
            instrument, Side.BUY, (id, account, price, leaves, visible) -> s.bids.add(id, account, price, leaves));
        engine.forEachOrder(
            instrument, Side.SELL, (id, account, price, leaves, visible) -> s.asks.add(id, account, price, leaves));
        return s;
    }

    /**
     * @param ourIdByPeerId our order id for each exchange-core order id.
     */
    public static BookSnapshot ofPeer(final IOrderBook book, final long[] ourIdByPeerId)
    {
        final BookSnapshot s = new BookSnapshot();
        addAll(s.bids, book.bidOrdersStream(true).iterator(), ourIdByPeerId);
        addAll(s.asks, book.askOrdersStream(true).iterator(), ourIdByPeerId);
        return s;
    }

    private static void addAll(final Entries entries, final Iterator<? extends IOrder> orders, final long[] ourIdByPeerId)
    {
        while (orders.hasNext())
        {
            final IOrder o = orders.next();
            final long peerId = o.getOrderId();
            final long id = peerId > 0 && peerId < ourIdByPeerId.length ? ourIdByPeerId[(int)peerId] : -peerId;
            entries.add(id, PeerStream.accountOfUid(o.getUid()), o.getPrice(), o.getSize() - o.getFilled());
        }
    }

    public int orders()
    {
        return bids.size + asks.size;
    }

    /** Distinct prices over both sides. */
    public int levels()
    {
        return bids.levels() + asks.levels();
    }

    public long totalQuantity()
    {
        return bids.quantity() + asks.quantity();
    }

    /** @return null if identical, else a description of the first difference. */
    public String firstDifference(final BookSnapshot other)
    {
        final String b = bids.firstDifference(other.bids, "bid");
        return b != null ? b : asks.firstDifference(other.asks, "ask");
    }

    private static final class Entries
    {
        long[] id = new long[1024];
        int[] account = new int[1024];
        long[] price = new long[1024];
        long[] leaves = new long[1024];
        int size;

        void add(final long orderId, final int acct, final long p, final long qty)
        {
            if (size == id.length)
            {
                id = Arrays.copyOf(id, size * 2);
                account = Arrays.copyOf(account, size * 2);
                price = Arrays.copyOf(price, size * 2);
                leaves = Arrays.copyOf(leaves, size * 2);
            }
            id[size] = orderId;
            account[size] = acct;
            price[size] = p;
            leaves[size] = qty;
            size++;
        }

        int levels()
        {
            int n = 0;
            for (int i = 0; i < size; i++)
            {
                if (i == 0 || price[i] != price[i - 1])
                {
                    n++;
                }
            }
            return n;
        }

        long quantity()
        {
            long q = 0;
            for (int i = 0; i < size; i++)
            {
                q += leaves[i];
            }
            return q;
        }

        String firstDifference(final Entries o, final String side)
        {
            final int n = Math.min(size, o.size);
            for (int i = 0; i < n; i++)
            {
                if (id[i] != o.id[i] || account[i] != o.account[i] || price[i] != o.price[i] || leaves[i] != o.leaves[i])
                {
                    return String.format(
                        "%s #%d: id %d account %d price %d leaves %d vs id %d account %d price %d leaves %d",
                        side, i, id[i], account[i], price[i], leaves[i], o.id[i], o.account[i], o.price[i], o.leaves[i]);
                }
            }
            return size == o.size ? null : String.format("%s count %d vs %d", side, size, o.size);
        }
    }
}
