package io.crossbar.engine;

/**
 * Visits resting orders in priority order: best price first, first in first out within a level.
 */
@FunctionalInterface
public interface OrderVisitor
{
    void onOrder(long orderId, int account, long price, long leavesQuantity, long visibleQuantity);
}
