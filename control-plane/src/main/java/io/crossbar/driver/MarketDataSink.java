package io.crossbar.driver;

/**
 * Where the device driver sends what the book did, in journal order: the market data publisher.
 * Sides and statuses are the wire values of common-types.xml.
 */
public interface MarketDataSink
{
    void onBookLevel(int instrument, int side, long price, long quantity, int orderCount, long transactTimeNs);

    void onTrade(int instrument, long tradeId, long price, long quantity, int aggressorSide, long transactTimeNs);

    void onTradingStatus(int instrument, int status, int reason, long transactTimeNs);

    /** Lots held long (= held short) in the instrument, after a trade changed it. */
    default void onOpenInterest(int instrument, long lots)
    {
    }

    /** The command's updates are complete: publish them as one event. */
    int endOfCommand();

    /** False while the journal is replayed at start-up: keep state, publish nothing. */
    void live(boolean live);

    /** Periodic work: snapshots, definitions, statistics. */
    int doWork(long nowNs);

    /** Publishes nothing. */
    MarketDataSink NONE = new MarketDataSink()
    {
        public void onBookLevel(
            final int instrument, final int side, final long price, final long quantity, final int orderCount,
            final long transactTimeNs)
        {
        }

        public void onTrade(
            final int instrument, final long tradeId, final long price, final long quantity, final int aggressorSide,
            final long transactTimeNs)
        {
        }

        public void onTradingStatus(final int instrument, final int status, final int reason, final long transactTimeNs)
        {
        }

        public int endOfCommand()
        {
            return 0;
        }

        public void live(final boolean live)
        {
        }

        public int doWork(final long nowNs)
        {
            return 0;
        }
    };
}
