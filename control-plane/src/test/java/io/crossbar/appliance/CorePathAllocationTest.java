package io.crossbar.appliance;

import static io.crossbar.appliance.TestClients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import io.aeron.Aeron;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.client.OrderEntryListener;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeDecoder;
import io.crossbar.sbe.orderentry.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order path allocates nothing in steady state: the core thread (gateway, sequencer, device
 * driver, execution reports, market data) is measured with the JVM's per-thread allocation
 * counter while a session places, trades and cancels thousands of orders. The core thread's step
 * timings are on, so that their recording is measured too, and they must have seen every round.
 */
class CorePathAllocationTest
{
    @TempDir
    Path journal;

    private final ApplianceConfig config = ApplianceConfig.demo();
    private long acknowledged;

    @Test
    void shouldNotAllocateOnTheCoreThreadInSteadyState()
    {
        final Appliance launched = Appliance.launch(TestClients.context(config, journal).coreTimings(true));
        try (Appliance appliance = launched;
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(appliance.aeronDirectory())))
        {
            final OrderEntryListener counting = new OrderEntryListener()
            {
                public void onNew(final ExecutionReportNewDecoder report)
                {
                    acknowledged++;
                }

                public void onTrade(final ExecutionReportTradeDecoder report)
                {
                    acknowledged++;
                }

                public void onCanceled(final ExecutionReportCanceledDecoder report)
                {
                    acknowledged++;
                }

            };
            final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), counting);
            final OrderEntryClient bravo = TestClients.connect(TestClients.firm(appliance, aeron, config, 2), counting);
            final long coreThreadId = appliance.onCoreThread((a) -> Thread.currentThread().threadId());
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

            trade(alpha, bravo, 1, 3_000);
            final long before = appliance.onCoreThread((a) -> threads.getThreadAllocatedBytes(coreThreadId));
            trade(alpha, bravo, 3_001, 3_000);
            final long after = appliance.onCoreThread((a) -> threads.getThreadAllocatedBytes(coreThreadId));

            // The two queries themselves allocate a little (a lambda and a future on the core thread).
            assertTrue(after - before < 4_096, () -> "the core thread allocated " + (after - before) +
                " bytes over 3,000 rounds of order, trade and cancel");
            alpha.close();
            bravo.close();
            assertNull(appliance.lastError());
        }
        // Read after close, as their owner thread has ended: 6,000 rounds of three requests, each
        // round waiting for its reports, so at least two duty cycles with gateway work per round.
        final CoreTimings timings = launched.coreTimings();
        final long cycles = timings.histogram(CoreTimings.CYCLE).getTotalCount();
        assertTrue(cycles >= 12_000, () -> "duty cycles timed: " + cycles);
        for (int step = CoreTimings.GATEWAY; step < CoreTimings.CYCLE; step++)
        {
            assertEquals(cycles, timings.histogram(step).getTotalCount(), CoreTimings.name(step));
            assertTrue(timings.histogram(step).getValueAtPercentile(50) <= timings.histogram(CoreTimings.CYCLE).getMaxValue(),
                CoreTimings.name(step));
        }
        assertTrue(timings.histogram(CoreTimings.RECORD).getMaxValue() > 0, "the journal record takes time");
        assertTrue(timings.histogram(CoreTimings.IDLE).getTotalCount() > 0, "duty cycles without gateway work are timed");
    }

    /**
     * Rounds of: alpha bids 2 lots and bravo sells 1 lot across it (whichever is sequenced first
     * rests, the other trades), then alpha cancels its remaining lot.
     */
    private void trade(final OrderEntryClient alpha, final OrderEntryClient bravo, final long firstId, final int rounds)
    {
        for (long id = firstId; id < firstId + rounds; id++)
        {
            final long traded = acknowledged + 4;
            send(alpha, alpha.limitOrder(id * 3, 1, 0, Side.BUY, 49_990 + id % 10, 2));
            send(bravo, bravo.limitOrder(id * 3 + 1, 5, 0, Side.SELL, 49_900, 1));
            await("round " + id + ": both orders and the trade", () -> acknowledged >= traded, alpha, bravo);
            send(alpha, alpha.cancel(id * 3 + 2, id * 3, OrderEntryClient.NULL_ORDER_ID, 1, 0, Side.BUY));
            await("round " + id + ": the cancel", () -> acknowledged >= traded + 1, alpha, bravo);
        }
    }

    private static void send(final OrderEntryClient client, final long result)
    {
        if (result < 0)
        {
            throw new AssertionError("send failed: " + result);
        }
    }
}
