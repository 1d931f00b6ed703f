package io.crossbar.appliance;

import static io.crossbar.appliance.TestClients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.aeron.Aeron;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.device.SimDevice;
import io.crossbar.device.SimSupport;
import io.crossbar.sbe.orderentry.Side;
import io.crossbar.workload.RandomCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance on the simulated card (the RTL under Verilator, a separate process over shared
 * memory): orders trade through the hardware design; when the card process dies, new requests are
 * refused with DEVICE_UNAVAILABLE while sessions stay up, and a session that ends meanwhile has its
 * cancel-on-disconnect cancels journaled without holding up the refusals behind them; a restart
 * replays the journal into a new card, which applies those cancels, and trading resumes against
 * the orders that rested before the fault.
 */
class SimApplianceTest
{
    /** Fits the small card build the differential tests use: 3 instruments, 256 levels, 40 orders, 6 accounts. */
    private static final ApplianceConfig CONFIG = ApplianceConfig.parse("sim-test.conf", """
        instrument id=0 symbol=BTC-PERP tick=1 lot=0.001 tick-value=1000 ref=50000 band=20 max-qty=1000 position-limit=100000 margin=0+100/0+100
        firm id=1 name=alpha key=AKIDALPHA0000000001 secret=a1f0c3e5b7d9f1e3a5c7b9d1e3f5a7c9 accounts=1
        firm id=2 name=bravo key=AKIDBRAVO0000000002 secret=b2e1d4f6a8c0e2f4b6d8a0c2e4f6b8d0 accounts=3
        firm id=3 name=charlie key=AKIDCHARLIE00000003 secret=c3d2e5f7b9a1c3e5d7f9b1a3c5e7d9f1 accounts=5
        account id=1 credit=10000000000000
        account id=3 credit=10000000000000
        account id=5 credit=10000000000000
        """);

    @TempDir
    Path journal;

    private ApplianceContext context()
    {
        return TestClients.context(CONFIG, journal)
            .device("sim")
            .deviceContext(SimSupport.context(RandomCommands.smallConfig()));
    }

    @Test
    void shouldTradeOnTheCardRefuseWhenItDiesAndRecoverByReplay() throws Exception
    {
        SimSupport.assumeCardRtl();
        final TestClients.Recorder alphaHeard = new TestClients.Recorder();
        final TestClients.Recorder bravoHeard = new TestClients.Recorder();
        final TestClients.Recorder charlieHeard = new TestClients.Recorder();
        try (Appliance appliance = Appliance.launch(context());
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(appliance.aeronDirectory())))
        {
            final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, CONFIG, 1), alphaHeard);
            final OrderEntryClient bravo = TestClients.connect(TestClients.firm(appliance, aeron, CONFIG, 2), bravoHeard);
            assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 50_000, 10) > 0);
            await("alpha's bid on the card", () -> alphaHeard.has("NEW 1"), alpha, bravo);
            assertTrue(bravo.limitOrder(2, 3, 0, Side.SELL, 49_990, 4) > 0);
            await("the trade on the card", () -> alphaHeard.has("TRADE 1") && bravoHeard.has("TRADE 2"), alpha, bravo);
            assertTrue(alphaHeard.has("TRADE 1 4@50000 cum=4 leaves=6 PARTIALLY_FILLED"), alphaHeard.lines::toString);
            // Charlie's session cancels its orders when it ends (the client's default).
            final OrderEntryClient charlie =
                TestClients.connect(TestClients.firm(appliance, aeron, CONFIG, 3), charlieHeard);
            assertTrue(charlie.limitOrder(5, 5, 0, Side.SELL, 50_010, 2) > 0);
            await("charlie's ask on the card", () -> charlieHeard.has("NEW 5"), alpha, bravo, charlie);
            assertEquals(2, (int)appliance.onCoreThread((a) -> a.driver().liveOrders()));

            ((SimDevice)appliance.device()).process().destroyForcibly();
            await("the dead card noticed", () -> appliance.deviceProblem() != null, alpha, bravo, charlie);
            // Its cancel goes into the journal for the next card; it must not hold up what follows.
            charlie.terminate();
            await("charlie's cancel journaled", () -> (long)appliance.onCoreThread((a) -> a.driver().unanswered()) == 1,
                alpha, bravo, charlie);
            assertTrue(bravo.limitOrder(3, 3, 0, Side.SELL, 49_990, 1) > 0);
            await("a refusal with a reason", () -> bravoHeard.has("REJECTED 3"), alpha, bravo);
            assertTrue(bravoHeard.has("REJECTED 3 DEVICE_UNAVAILABLE"), bravoHeard.lines::toString);
            assertEquals(OrderEntryClient.State.ESTABLISHED, bravo.state(), "sessions stay up");
            alpha.close();
            charlie.close();
            bravo.close();
            assertNull(appliance.lastError());
        }

        try (Appliance restarted = Appliance.launch(context());
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(restarted.aeronDirectory())))
        {
            assertEquals(1, (int)restarted.onCoreThread((a) -> a.driver().liveOrders()),
                "alpha's bid is back on the card, charlie's ask canceled by the replayed cancel");
            assertEquals(0L, (long)restarted.onCoreThread((a) -> a.driver().unanswered()));
            final TestClients.Recorder heard = new TestClients.Recorder();
            final OrderEntryClient bravo = TestClients.connect(TestClients.firm(restarted, aeron, CONFIG, 2), heard);
            assertTrue(bravo.limitOrder(4, 3, 0, Side.SELL, 50_000, 6) > 0);
            await("the rest of alpha's bid traded on the new card", () -> heard.has("TRADE 4"), bravo);
            assertTrue(heard.has("TRADE 4 6@50000 cum=6 leaves=0 FILLED"), heard.lines::toString);
            assertEquals(0, (int)restarted.onCoreThread((a) -> a.driver().liveOrders()));
            bravo.close();
            assertNull(restarted.lastError());
        }
    }
}
