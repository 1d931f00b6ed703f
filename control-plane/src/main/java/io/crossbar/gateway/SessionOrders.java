package io.crossbar.gateway;

/**
 * The gateway's view of the orders a session has resting, for cancel-on-disconnect and
 * cancel-on-terminate: implemented by the device driver, which tracks every live order.
 */
@FunctionalInterface
public interface SessionOrders
{
    /**
     * Owe a cancel to every live order the session entered: each is journaled now, or as soon as
     * the journal has room, and never dropped.
     *
     * @return the number of cancels owed.
     */
    int cancelAll(Session session);
}
