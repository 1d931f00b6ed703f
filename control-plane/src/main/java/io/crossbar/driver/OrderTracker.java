package io.crossbar.driver;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * Every live order by exchange order id. Orders come from a pool, so steady-state trading
 * allocates nothing once the pool has grown to the book's size.
 */
final class OrderTracker
{
    private final Long2ObjectHashMap<TrackedOrder> byOrderId = new Long2ObjectHashMap<>(1 << 14, 0.65f);
    private final ArrayDeque<TrackedOrder> pool = new ArrayDeque<>();

    TrackedOrder create(final long orderId)
    {
        final TrackedOrder order = pool.isEmpty() ? new TrackedOrder() : pool.pop();
        order.orderId = orderId;
        order.cumQty = 0;
        order.notional = 0;
        byOrderId.put(orderId, order);
        return order;
    }

    TrackedOrder get(final long orderId)
    {
        return byOrderId.get(orderId);
    }

    void remove(final TrackedOrder order)
    {
        byOrderId.remove(order.orderId);
        pool.push(order);
    }

    int size()
    {
        return byOrderId.size();
    }

    void forEach(final Consumer<TrackedOrder> action)
    {
        byOrderId.values().forEach(action);
    }
}
