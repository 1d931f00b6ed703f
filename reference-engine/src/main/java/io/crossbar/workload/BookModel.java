package io.crossbar.workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately simple second implementation of the matching rules, written for clarity rather
 * than speed (sorted maps of queues, objects per order), used as an independent oracle for long
 * seeded streams: it knows the final book a stream must leave. It covers the subset of
 * docs/semantics.md those streams use: limit orders GTC, IOC and FOK, icebergs, self-trade
 * prevention CANCEL_RESTING, modify in place and with lost priority, cancel, mass cancel by
 * account, and the order-id allocation of rule C1. Margin, limits and bands are configured away.
 */
public final class BookModel
{
    /** One resting order as the model sees it. */
    public static final class Order
    {
        final long id;
        final int slot;
        final int account;
        final int instrument;
        final boolean buy;
        long price;
        long leaves;
        long visible;
        final long display;

        Order(final long id, final int slot, final int account, final int instrument, final boolean buy, final long display)
        {
            this.id = id;
            this.slot = slot;
            this.account = account;
            this.instrument = instrument;
            this.buy = buy;
            this.display = display;
        }

        public long id()
        {
            return id;
        }

        public int account()
        {
            return account;
        }

        public long price()
        {
            return price;
        }

        public long leaves()
        {
            return leaves;
        }

        public long visible()
        {
            return visible;
        }

        public boolean buy()
        {
            return buy;
        }

        public int instrument()
        {
            return instrument;
        }
    }

    private final int slots;
    private final int[] generation;
    private final ArrayDeque<Integer> freeList = new ArrayDeque<>();
    private int highWater;

    private final List<TreeMap<Long, ArrayDeque<Order>>> bids = new ArrayList<>();
    private final List<TreeMap<Long, ArrayDeque<Order>>> asks = new ArrayList<>();
    private final Map<Long, Order> live = new HashMap<>();
    private final List<Order> liveList = new ArrayList<>();
    private final Map<Long, Integer> livePosition = new HashMap<>();
    private final long[] lastTradeId;
    private final Map<Long, Long> positions = new HashMap<>();
    private long trades;
    private long refused;

    public BookModel(final int instruments, final int slots)
    {
        this.slots = slots;
        this.generation = new int[slots];
        this.lastTradeId = new long[instruments];
        for (int i = 0; i < instruments; i++)
        {
            bids.add(new TreeMap<>(Comparator.reverseOrder()));
            asks.add(new TreeMap<>());
        }
    }

    public Map<Long, Order> live()
    {
        return live;
    }

    /** A live order chosen by {@code index} (0 .. liveCount-1), for generators. */
    public Order liveAt(final int index)
    {
        return liveList.get(index);
    }

    public int liveCount()
    {
        return liveList.size();
    }

    /** Orders the model refused (unfillable FOK, no free slot): the only rejects a modelled stream has. */
    public long refused()
    {
        return refused;
    }

    public long trades()
    {
        return trades;
    }

    public long lastTradeId(final int instrument)
    {
        return lastTradeId[instrument];
    }

    public long position(final int account, final int instrument)
    {
        return positions.getOrDefault(((long)account << 32) | instrument, 0L);
    }

    /** Orders of one side in priority order. */
    public List<Order> book(final int instrument, final boolean buy)
    {
        final List<Order> out = new ArrayList<>();
        for (final ArrayDeque<Order> level : (buy ? bids : asks).get(instrument).values())
        {
            out.addAll(level);
        }
        return out;
    }

    /**
     * Enter a limit order.
     *
     * @param tif 1 GTC, 2 IOC, 3 FOK.
     * @return the order id, or 0 if a FOK was unfillable or no slot was free.
     */
    public long enter(
        final int account, final int instrument, final boolean buy, final long price, final long quantity,
        final long display, final int tif)
    {
        if (tif == 3 && available(account, instrument, buy, price) < quantity)
        {
            refused++;
            return 0;
        }
        final int slot = allocate();
        if (slot < 0)
        {
            refused++;
            return 0;
        }
        final long id = ((long)generation[slot] << 32) | slot;
        final Order order = new Order(id, slot, account, instrument, buy, display);
        order.price = price;
        order.leaves = quantity;
        live.put(id, order);
        livePosition.put(id, liveList.size());
        liveList.add(order);
        match(order);
        if (order.leaves == 0)
        {
            release(order);
        }
        else if (tif == 1)
        {
            rest(order);
        }
        else
        {
            release(order);
        }
        return id;
    }

    /** Cancel a live order; false if it is not live. */
    public boolean cancel(final long id)
    {
        final Order order = live.get(id);
        if (order == null)
        {
            return false;
        }
        unrest(order);
        release(order);
        return true;
    }

    /** Modify a live order to a new price and remaining quantity. */
    public boolean modify(final long id, final long price, final long quantity)
    {
        final Order order = live.get(id);
        if (order == null)
        {
            return false;
        }
        if (price == order.price && quantity <= order.leaves)
        {
            order.leaves = quantity;
            order.visible = Math.min(order.visible, quantity);
            return true;
        }
        unrest(order);
        order.price = price;
        order.leaves = quantity;
        match(order);
        if (order.leaves == 0)
        {
            release(order);
        }
        else
        {
            rest(order);
        }
        return true;
    }

    /** Cancel every order of an account, in ascending slot order. */
    public int cancelAll(final int account)
    {
        final List<Order> mine = new ArrayList<>();
        for (final Order order : live.values())
        {
            if (order.account == account)
            {
                mine.add(order);
            }
        }
        mine.sort(Comparator.comparingInt(o -> o.slot));
        for (final Order order : mine)
        {
            cancel(order.id);
        }
        return mine.size();
    }

    private long available(final int account, final int instrument, final boolean buy, final long limit)
    {
        long total = 0;
        for (final Map.Entry<Long, ArrayDeque<Order>> level : (buy ? asks : bids).get(instrument).entrySet())
        {
            if (buy ? level.getKey() > limit : level.getKey() < limit)
            {
                break;
            }
            for (final Order resting : level.getValue())
            {
                if (resting.account != account)
                {
                    total += resting.leaves;
                }
            }
        }
        return total;
    }

    private void match(final Order taker)
    {
        final TreeMap<Long, ArrayDeque<Order>> opposite = (taker.buy ? asks : bids).get(taker.instrument);
        while (taker.leaves > 0 && !opposite.isEmpty())
        {
            final long price = opposite.firstKey();
            if (taker.buy ? price > taker.price : price < taker.price)
            {
                break;
            }
            final ArrayDeque<Order> level = opposite.get(price);
            while (taker.leaves > 0 && !level.isEmpty())
            {
                final Order maker = level.pollFirst();
                if (maker.account == taker.account)
                {
                    release(maker);
                    continue;
                }
                final long traded = Math.min(taker.leaves, maker.visible);
                taker.leaves -= traded;
                maker.leaves -= traded;
                maker.visible -= traded;
                lastTradeId[taker.instrument]++;
                trades++;
                move(taker.account, taker.instrument, taker.buy ? traded : -traded);
                move(maker.account, maker.instrument, maker.buy ? traded : -traded);
                if (maker.leaves == 0)
                {
                    release(maker);
                }
                else if (maker.visible == 0)
                {
                    maker.visible = Math.min(maker.display, maker.leaves);
                    level.addLast(maker);
                }
                else
                {
                    level.addFirst(maker);
                }
            }
            if (level.isEmpty())
            {
                opposite.remove(price);
            }
        }
    }

    private void move(final int account, final int instrument, final long delta)
    {
        positions.merge(((long)account << 32) | instrument, delta, Long::sum);
    }

    private void rest(final Order order)
    {
        order.visible = order.display == 0 ? order.leaves : Math.min(order.display, order.leaves);
        (order.buy ? bids : asks).get(order.instrument).computeIfAbsent(order.price, p -> new ArrayDeque<>()).addLast(order);
    }

    private void unrest(final Order order)
    {
        final TreeMap<Long, ArrayDeque<Order>> side = (order.buy ? bids : asks).get(order.instrument);
        final ArrayDeque<Order> level = side.get(order.price);
        if (level != null)
        {
            final Iterator<Order> it = level.iterator();
            while (it.hasNext())
            {
                if (it.next() == order)
                {
                    it.remove();
                    break;
                }
            }
            if (level.isEmpty())
            {
                side.remove(order.price);
            }
        }
    }

    private int allocate()
    {
        final int slot;
        if (!freeList.isEmpty())
        {
            slot = freeList.pop();
        }
        else if (highWater < slots)
        {
            slot = highWater++;
        }
        else
        {
            return -1;
        }
        generation[slot] = generation[slot] + 1 == 0 ? 1 : generation[slot] + 1;
        return slot;
    }

    private void release(final Order order)
    {
        live.remove(order.id);
        final int at = livePosition.remove(order.id);
        final Order last = liveList.removeLast();
        if (last != order)
        {
            liveList.set(at, last);
            livePosition.put(last.id, at);
        }
        freeList.push(order.slot);
    }
}
