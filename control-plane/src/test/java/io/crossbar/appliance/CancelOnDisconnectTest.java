package io.crossbar.appliance;

import static io.crossbar.appliance.TestClients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.sbe.orderentry.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session with more resting orders than the journal's publication holds at once goes away:
 * every one of its orders is still canceled. The cancels are owed and journaled as the journal
 * makes room, never dropped when it pushes back.
 */
class CancelOnDisconnectTest
{
    private static final int ORDERS = 1_500;

    @TempDir
    Path journal;

    private final ApplianceConfig config = ApplianceConfig.demo();

    @Test
    void shouldCancelEveryOrderOfASessionThatEndsEvenWhenTheJournalPushesBack()
    {
        // A 64 KiB term: about 200 journaled inputs may wait to be recorded, far fewer than the cancels owed.
        final ApplianceContext context = TestClients.context(config, journal).journalChannel("aeron:ipc?term-length=64k");
        try (Appliance appliance = Appliance.launch(context);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(appliance.aeronDirectory())))
        {
            final TestClients.Recorder heard = new TestClients.Recorder();
            final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
            for (int i = 0; i < ORDERS; i++)
            {
                while (alpha.limitOrder(1 + i, 1 + i % 4, 0, Side.BUY, 49_901 + i % 99, 1) < 0)
                {
                    alpha.poll();
                }
                alpha.poll();
            }
            await(ORDERS + " acknowledgements", () -> heard.lines.stream().filter((l) -> l.startsWith("NEW")).count() == ORDERS,
                alpha);
            assertEquals(ORDERS, (int)appliance.onCoreThread((a) -> a.driver().liveOrders()));

            alpha.close(); // cancel on terminate (and on disconnect): every order is owed a cancel

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((int)appliance.onCoreThread((a) -> a.driver().liveOrders()) > 0)
            {
                assertTrue(System.nanoTime() < deadline, () -> "orders still live: " +
                    appliance.onCoreThread((a) -> a.driver().liveOrders()) + ", cancels waiting: " +
                    appliance.onCoreThread((a) -> a.driver().systemCancelsWaiting()));
                Thread.yield();
            }
            assertEquals(0, (int)appliance.onCoreThread((a) -> a.driver().systemCancelsWaiting()));
            assertNull(appliance.lastError(), "the core thread failed");
        }
    }
}
