package io.crossbar.client.marketdata;

/** Receives the levels of one side of an {@link OrderBook}, best first, without allocation. */
@FunctionalInterface
public interface LevelConsumer
{
    /**
     * @param depth      0 for the best level.
     * @param price      in ticks.
     * @param quantity   displayed lots.
     * @param orderCount orders at the level.
     */
    void accept(int depth, long price, long quantity, int orderCount);
}
