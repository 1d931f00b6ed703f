package io.crossbar.appliance;

import static io.crossbar.appliance.TestClients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import io.aeron.Aeron;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.client.marketdata.MarketDataClient;
import io.crossbar.client.marketdata.MarketDataClientContext;
import io.crossbar.client.marketdata.MarketDataListener;
import io.crossbar.client.marketdata.MarketDataReceiver;
import io.crossbar.sbe.orderentry.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance end to end over real Aeron UDP on loopback with the reference device: sessions,
 * orders in, execution reports out, and a restart that replays the journal.
 */
class ApplianceTest
{
    @TempDir
    Path journal;

    private final ApplianceConfig config = ApplianceConfig.demo();
    private Appliance appliance;
    private Aeron aeron;

    @BeforeEach
    void start()
    {
        appliance = Appliance.launch(TestClients.context(config, journal));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(appliance.aeronDirectory()));
    }

    @AfterEach
    void stop()
    {
        if (aeron != null)
        {
            aeron.close();
        }
        if (appliance != null)
        {
            appliance.close();
            assertNull(appliance.lastError(), "the core thread failed");
        }
    }

    @Test
    void shouldTradeBetweenTwoFirmsAndReportBothSides()
    {
        final TestClients.Recorder alphaHeard = new TestClients.Recorder();
        final TestClients.Recorder bravoHeard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), alphaHeard);
        final OrderEntryClient bravo = TestClients.connect(TestClients.firm(appliance, aeron, config, 2), bravoHeard);
        final List<String> trades = new ArrayList<>();
        final long[] statistics = new long[2];
        final MarketDataClient marketData = new MarketDataClient(aeron,
            new MarketDataClientContext().channel(TestClients.marketDataChannel(appliance)), new MarketDataListener()
        {
            public void onTrade(
                final int instrument, final long rptSeq, final long tradeId, final long price, final long quantity,
                final int aggressorSide, final long transactTimeNs)
            {
                trades.add(instrument + " #" + tradeId + " " + quantity + "@" + price + " aggressor=" + aggressorSide);
            }

            public void onStatistics(
                final int instrument, final long rptSeq, final long markPrice, final long indexPrice,
                final long fundingRateE9, final long nextFundingTimeNs, final long openInterest, final long transactTimeNs)
            {
                if (instrument == 0)
                {
                    statistics[0] = markPrice;
                    statistics[1] = openInterest;
                }
            }
        });
        // A subscriber that joins after the first updates recovers from a snapshot; trades before
        // that are in the snapshot, not replayed as trades. The two feeds connect independently:
        // when the incremental feed's image joins after a snapshot has recovered the book, the
        // first incremental shows a gap and the book recovers again from a later snapshot, which
        // would absorb a trade made meanwhile. So the book must stay recovered while two
        // incremental packets arrive (each carries every instrument's statistics) before trading.
        final long[] incrementalsWhileRecovered = {-1};
        await("the market data book recovered, with incrementals following it", () ->
        {
            marketData.poll();
            if (marketData.book(0) == null || !marketData.book(0).isRecovered())
            {
                incrementalsWhileRecovered[0] = -1;
                return false;
            }
            final long packets = marketData.receiver().packetsReceived(MarketDataReceiver.INCREMENTAL);
            if (incrementalsWhileRecovered[0] < 0)
            {
                incrementalsWhileRecovered[0] = packets;
            }
            return packets >= incrementalsWhileRecovered[0] + 2;
        }, alpha);

        assertTrue(alpha.limitOrder(101, 1, 0, Side.BUY, 50_000, 10) > 0);
        await("alpha's order accepted", () -> alphaHeard.has("NEW 101"), alpha, bravo);
        assertTrue(bravo.limitOrder(201, 5, 0, Side.SELL, 49_990, 4) > 0);
        await("both fills", () -> alphaHeard.has("TRADE 101") && bravoHeard.has("TRADE 201"), alpha, bravo);

        assertEquals("TRADE 101 4@50000 cum=4 leaves=6 PARTIALLY_FILLED aggressor=FALSE avg=50000000000",
            alphaHeard.lines.get(1));
        assertEquals("NEW 201 SELL 4@49990 leaves=4 seq=1", bravoHeard.lines.get(0));
        assertEquals("TRADE 201 4@50000 cum=4 leaves=0 FILLED aggressor=TRUE avg=50000000000", bravoHeard.lines.get(1));

        await(() -> "the book and the trade on the market data feed: recovered=" + marketData.book(0).isRecovered() +
            " bid=" + marketData.book(0).bestBidQuantity() + "@" + marketData.book(0).bestBidPrice() + " trades=" + trades +
            " packets=" + marketData.receiver().packetsReceived(0) + "/" + marketData.receiver().packetsReceived(1) +
            " snapshots=" + marketData.receiver().snapshotsApplied() + " gaps=" + marketData.receiver().rptSeqGaps() +
            " restarts=" + marketData.receiver().sessionRestarts() + " ignored=" + marketData.receiver().snapshotPacketsIgnored(),
            () -> marketData.poll() >= 0 &&
            marketData.book(0).isRecovered() && marketData.book(0).bestBidQuantity() == 6 && !trades.isEmpty(), alpha);
        assertEquals(50_000, marketData.book(0).bestBidPrice());
        assertEquals(List.of("0 #1 4@50000 aggressor=2"), trades);
        await("statistics after the trade: last price and open interest", () -> marketData.poll() >= 0 &&
            statistics[1] == 4, alpha);
        assertEquals(50_000, statistics[0]);
        marketData.close();

        // The counters are in the media driver's counters file: another process reads them.
        final java.util.Map<String, Long> counters = new java.util.HashMap<>();
        await("the driver's counters published", () ->
        {
            counters.clear();
            aeron.countersReader().forEach((counterId, typeId, key, label) ->
            {
                if (typeId == io.crossbar.gateway.GatewayCounters.TYPE_ID)
                {
                    counters.put(label, aeron.countersReader().getCounterValue(counterId));
                }
            });
            return counters.getOrDefault("crossbar driver: trades", 0L) == 1;
        }, alpha);
        assertEquals(2, counters.get("crossbar gateway: negotiations accepted"));
        assertTrue(counters.get("crossbar gateway: messages in") >= 6, counters::toString);
        assertEquals(4, counters.get("crossbar driver: execution reports sent"));
        alpha.close();
        bravo.close();
    }

    @Test
    void shouldContinueASessionOverANewConnection()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(
            TestClients.firm(appliance, aeron, config, 1).cancelOnDisconnect(false), heard);
        final long uuid = alpha.uuid();
        assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 49_950, 3) > 0);
        await("the first order", () -> heard.has("NEW 1"), alpha);

        assertTrue(alpha.reconnect(TimeUnit.SECONDS.toNanos(10)), alpha::rejectText);
        assertEquals(uuid, alpha.uuid(), "the same session instance");
        assertTrue(alpha.limitOrder(2, 1, 0, Side.BUY, 49_951, 3) > 0);
        assertTrue(alpha.cancel(3, 1, OrderEntryClient.NULL_ORDER_ID, 1, 0, Side.BUY) > 0);
        await("the second order and the cancel of the first", () -> heard.has("NEW 2") && heard.has("CANCELED 3"), alpha);
        assertEquals("NEW 2 BUY 3@49951 leaves=3 seq=2", heard.lines.get(1), "the outbound series continues");
        assertEquals(0, heard.gaps);
        alpha.close();
    }
}
