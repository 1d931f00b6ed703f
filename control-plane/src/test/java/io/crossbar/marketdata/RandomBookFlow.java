package io.crossbar.marketdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import io.crossbar.appliance.InstrumentSpec;

/**
 * A seeded stream of commands as the core thread would report them to the publisher: price
 * levels on a random walk around a moving mid (new levels, size changes, deletes), trades and,
 * rarely, status changes; now and then a "sweep" that touches every level of an instrument at
 * once, so one event needs several packets. It keeps its own model of each book (a TreeMap, this
 * is a test) so the books can be checked against something the publisher did not compute.
 *
 * <p>Levels stay within {@link #MAX_OFFSET} ticks of a mid that stays within {@link #MAX_DRIFT}
 * ticks of the reference price, so a side never holds more than 2 x (MAX_OFFSET + MAX_DRIFT)
 * levels: fewer than a snapshot carries, so snapshot and incremental books are comparable
 * level by level.
 */
final class RandomBookFlow
{
    static final int MAX_OFFSET = 8;
    static final int MAX_DRIFT = 4;
    static final long REFERENCE_PRICE = 50_000;

    private final Random random;
    private final int[] ids;
    private final long[] mids;
    private final List<TreeMap<Long, long[]>> bids = new ArrayList<>();
    private final List<TreeMap<Long, long[]>> asks = new ArrayList<>();
    private final List<long[]> trades = new ArrayList<>();
    private long tradeId;
    private long timeNs = 1_700_000_000_000_000_000L;
    private int updates;

    RandomBookFlow(final long seed, final int... ids)
    {
        this.random = new Random(seed);
        this.ids = ids;
        this.mids = new long[ids.length];
        for (int i = 0; i < ids.length; i++)
        {
            mids[i] = REFERENCE_PRICE + 100L * ids[i];
            bids.add(new TreeMap<>());
            asks.add(new TreeMap<>());
        }
    }

    static List<InstrumentSpec> specs(final int... ids)
    {
        final List<InstrumentSpec> specs = new ArrayList<>();
        for (final int id : ids)
        {
            specs.add(new InstrumentSpec(id, "TEST" + id + "-PERP", false, false, id, 0, 0, 500_000_000L,
                1_000_000L, 500L, REFERENCE_PRICE + 100L * id, 500, 1_000_000L, 10_000_000L, 1, 0, 1, 0));
        }
        return specs;
    }

    /** Updates (book entries, trades, statuses) reported so far. */
    int updates()
    {
        return updates;
    }

    /** Trades reported so far: {instrument, tradeId, price, quantity}. */
    List<long[]> trades()
    {
        return trades;
    }

    /** Levels of the model, best first: {price, quantity, orderCount}. */
    List<long[]> levels(final int instrument, final int side)
    {
        final int index = indexOf(instrument);
        final TreeMap<Long, long[]> book = side == MarketDataPublisher.BUY ? bids.get(index) : asks.get(index);
        final List<long[]> levels = new ArrayList<>();
        for (final var entry : (side == MarketDataPublisher.BUY ? book.descendingMap() : book).entrySet())
        {
            levels.add(new long[]{entry.getKey(), entry.getValue()[0], entry.getValue()[1]});
        }
        return levels;
    }

    /** One command: a few updates, then endOfCommand. */
    void command(final MarketDataPublisher publisher)
    {
        timeNs += 1_000 + random.nextInt(10_000);
        final int roll = random.nextInt(1000);
        if (roll < 5)
        {
            sweep(publisher, random.nextInt(ids.length));
        }
        else if (roll < 8)
        {
            final int index = random.nextInt(ids.length);
            publisher.onTradingStatus(ids[index], 1 + random.nextInt(2), 1, timeNs);
            updates++;
        }
        else
        {
            final int levelUpdates = 1 + random.nextInt(3);
            for (int i = 0; i < levelUpdates; i++)
            {
                levelUpdate(publisher, random.nextInt(ids.length));
            }
            if (random.nextInt(4) == 0)
            {
                final int index = random.nextInt(ids.length);
                final long price = mids[index] + random.nextInt(3) - 1;
                final long quantity = 1 + random.nextInt(20);
                publisher.onTrade(ids[index], ++tradeId, price, quantity, 1 + random.nextInt(2), timeNs);
                trades.add(new long[]{ids[index], tradeId, price, quantity});
                updates++;
                publisher.onOpenInterest(ids[index], 1_000 + tradeId);
            }
            if (random.nextInt(10) == 0)
            {
                final int index = random.nextInt(ids.length);
                final long base = REFERENCE_PRICE + 100L * ids[index];
                mids[index] = Math.max(base - MAX_DRIFT, Math.min(base + MAX_DRIFT, mids[index] + random.nextInt(3) - 1));
            }
        }
        publisher.endOfCommand();
    }

    private void levelUpdate(final MarketDataPublisher publisher, final int index)
    {
        final boolean buy = random.nextBoolean();
        final int offset = 1 + random.nextInt(MAX_OFFSET);
        final long price = buy ? mids[index] - offset : mids[index] + offset;
        final TreeMap<Long, long[]> book = buy ? bids.get(index) : asks.get(index);
        if (book.containsKey(price) && random.nextInt(3) == 0)
        {
            book.remove(price);
            report(publisher, index, buy, price, 0, 0);
        }
        else
        {
            final long quantity = 1 + random.nextInt(500);
            final int orders = 1 + random.nextInt(6);
            book.put(price, new long[]{quantity, orders});
            report(publisher, index, buy, price, quantity, orders);
        }
    }

    /** Every level of both sides changes size, and a fresh level appears on each side. */
    private void sweep(final MarketDataPublisher publisher, final int index)
    {
        for (int b = 0; b < 2; b++)
        {
            final boolean buy = b == 0;
            final TreeMap<Long, long[]> book = buy ? bids.get(index) : asks.get(index);
            for (final var entry : book.entrySet())
            {
                entry.getValue()[0] += 1;
                report(publisher, index, buy, entry.getKey(), entry.getValue()[0], (int)entry.getValue()[1]);
            }
            for (int offset = 1; offset <= MAX_OFFSET; offset++)
            {
                final long price = buy ? mids[index] - offset : mids[index] + offset;
                if (!book.containsKey(price))
                {
                    book.put(price, new long[]{7, 1});
                    report(publisher, index, buy, price, 7, 1);
                }
            }
        }
    }

    private void report(
        final MarketDataPublisher publisher,
        final int index,
        final boolean buy,
        final long price,
        final long quantity,
        final int orders)
    {
        publisher.onBookLevel(ids[index], buy ? MarketDataPublisher.BUY : MarketDataPublisher.SELL, price, quantity,
            orders, timeNs);
        updates++;
    }

    private int indexOf(final int instrument)
    {
        for (int i = 0; i < ids.length; i++)
        {
            if (ids[i] == instrument)
            {
                return i;
            }
        }
        throw new IllegalArgumentException("instrument " + instrument);
    }
}
