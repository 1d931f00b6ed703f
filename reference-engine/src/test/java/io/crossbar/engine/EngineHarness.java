package io.crossbar.engine;

import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.Side;
import io.crossbar.workload.RandomCommands;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives a reference engine with a {@link RandomCommands} stream and keeps an independent ledger
 * of every order's leaves quantity, built from the events alone, against which the engine's
 * state is checked.
 */
final class EngineHarness
{
    final EngineConfig config;
    final ReferenceEngine engine;
    final RandomCommands commands;
    final UnsafeBuffer command = new UnsafeBuffer(new byte[64]);
    final ExpandableArrayBuffer events = new ExpandableArrayBuffer(64 * 1024);
    final Long2LongHashMap leaves = new Long2LongHashMap(-1);
    int eventCount;
    long allEventsHash = 17;

    EngineHarness(final long seed, final EngineConfig config)
    {
        this.config = config;
        this.engine = new ReferenceEngine(config);
        this.commands = new RandomCommands(seed, config);
    }

    /** Generate, process and account for one command; returns the number of events. */
    int step()
    {
        commands.next(command, 0);
        return process(command);
    }

    int process(final DirectBuffer record)
    {
        eventCount = 0;
        engine.process(record, 0, (buffer, offset) ->
        {
            events.putBytes(eventCount * 64, buffer, offset, 64);
            eventCount++;
        });
        for (int i = 0; i < eventCount; i++)
        {
            final int offset = i * 64;
            commands.onEvent(events, offset);
            ledger(events, offset);
            for (int b = 0; b < 64; b += 8)
            {
                allEventsHash = allEventsHash * 31 + events.getLong(offset + b);
            }
        }
        return eventCount;
    }

    boolean lastRejected()
    {
        return eventCount > 0 && events.getByte((eventCount - 1) * 64 + 10) == 1;
    }

    int lastEventKind(final int i)
    {
        return events.getByte(i * 64 + 8);
    }

    /** Every accepted lot is resting, traded or canceled, exactly once: track it from events. */
    private void ledger(final DirectBuffer buffer, final int offset)
    {
        final int kind = buffer.getByte(offset + 8);
        if (kind == EventKind.ACCEPTED.value())
        {
            final long id = buffer.getLong(offset + 24);
            assertEquals(-1, leaves.get(id), "order id issued twice while live");
            leaves.put(id, buffer.getLong(offset + 40));
        }
        else if (kind == EventKind.MODIFIED.value())
        {
            final long id = buffer.getLong(offset + 24);
            assertTrue(leaves.get(id) > 0, "modify of an order that is not live");
            leaves.put(id, buffer.getLong(offset + 40));
        }
        else if (kind == EventKind.TRADE.value())
        {
            final long quantity = buffer.getLong(offset + 40);
            assertTrue(quantity > 0, "trade of nothing");
            take(buffer.getLong(offset + 48), quantity);
            take(buffer.getLong(offset + 56), quantity);
        }
        else if (kind == EventKind.CANCELED.value())
        {
            final long id = buffer.getLong(offset + 24);
            assertEquals(leaves.get(id), buffer.getLong(offset + 40), "a cancel must remove exactly the leaves");
            leaves.remove(id);
        }
    }

    private void take(final long orderId, final long quantity)
    {
        final long before = leaves.get(orderId);
        assertTrue(before >= quantity, "traded " + quantity + " of an order with " + before + " left");
        if (before == quantity)
        {
            leaves.remove(orderId);
        }
        else
        {
            leaves.put(orderId, before - quantity);
        }
    }

    /** Check every invariant of the engine's state against itself and the ledger. */
    void checkInvariants()
    {
        final int instruments = config.instruments();
        final int accounts = config.accounts();
        final long[] reservedByAccount = new long[accounts];
        final long[] openBuy = new long[accounts * instruments];
        final long[] openSell = new long[accounts * instruments];
        final int[] seen = {0};
        for (int i = 0; i < instruments; i++)
        {
            final long bid = engine.bestPrice(i, Side.BUY);
            final long ask = engine.bestPrice(i, Side.SELL);
            if (bid != 0 && ask != 0 && bid >= ask)
            {
                fail("crossed book on instrument " + i + ": bid " + bid + " >= ask " + ask);
            }
            long positions = 0;
            for (int a = 0; a < accounts; a++)
            {
                positions += engine.position(a, i);
            }
            assertEquals(0, positions, "positions must sum to zero on instrument " + i);

            for (final Side side : new Side[] {Side.BUY, Side.SELL})
            {
                final int instrument = i;
                final List<long[]> levels = new ArrayList<>();
                engine.forEachLevel(i, side, (price, quantity, count) -> levels.add(new long[] {price, quantity, count}));
                final long[] last = {side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE, 0, 0};
                final long[] levelSums = new long[3]; // price, displayed, count of the current level
                final List<long[]> derived = new ArrayList<>();
                engine.forEachOrder(i, side, (orderId, account, price, leavesQuantity, visible) ->
                {
                    seen[0]++;
                    assertEquals(leavesQuantity, leaves.get(orderId), "engine leaves disagree with the event ledger");
                    assertTrue(visible > 0 && visible <= leavesQuantity, "displayed quantity out of range");
                    if (price != levelSums[0])
                    {
                        if (levelSums[2] > 0)
                        {
                            derived.add(levelSums.clone());
                        }
                        assertTrue(side == Side.BUY ? price < last[0] : price > last[0], "levels out of priority order");
                        last[0] = price;
                        levelSums[0] = price;
                        levelSums[1] = 0;
                        levelSums[2] = 0;
                    }
                    levelSums[1] += visible;
                    levelSums[2]++;
                    final long perLot = engine.orderReservationPerLot(orderId);
                    assertTrue(perLot >= 0, "a resting order without a reservation");
                    reservedByAccount[account] += leavesQuantity * perLot;
                    if (side == Side.BUY)
                    {
                        openBuy[account * instruments + instrument] += leavesQuantity;
                    }
                    else
                    {
                        openSell[account * instruments + instrument] += leavesQuantity;
                    }
                });
                if (levelSums[2] > 0)
                {
                    derived.add(levelSums.clone());
                }
                assertEquals(derived.size(), levels.size(), "level count disagrees with the orders");
                for (int l = 0; l < levels.size(); l++)
                {
                    assertEquals(derived.get(l)[0], levels.get(l)[0], "level price");
                    assertEquals(derived.get(l)[1], levels.get(l)[1], "level displayed quantity = sum of displayed");
                    assertEquals(derived.get(l)[2], levels.get(l)[2], "level order count");
                }
            }
        }
        assertEquals(leaves.size(), seen[0], "orders the events say are live but are not in the book");
        assertEquals(seen[0], engine.liveOrders(), "live order count");
        for (int a = 0; a < accounts; a++)
        {
            assertEquals(reservedByAccount[a], engine.reserved(a), "reserved must equal the open orders' reservations, account " + a);
            for (int i = 0; i < instruments; i++)
            {
                assertEquals(openBuy[a * instruments + i], engine.openQuantity(a, i, Side.BUY), "openBuy");
                assertEquals(openSell[a * instruments + i], engine.openQuantity(a, i, Side.SELL), "openSell");
            }
        }
    }
}
