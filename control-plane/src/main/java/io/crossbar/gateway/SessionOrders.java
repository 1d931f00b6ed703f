package io.crossbar.gateway;

/**
 * The gateway's view of the orders a session has resting, for cancel-on-disconnect and
 * cancel-on-terminate: implemented by the device driver, which tracks every live order.
 */
@FunctionalInterface
public interface SessionOrders
{
    /**
     * Journal a cancel for every live order the session entered.
     *
     * @return the number of cancels journaled.
     */
    int cancelAll(Session session);
}
