package io.crossbar.appliance;

import static io.crossbar.appliance.TestClients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.aeron.Aeron;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.gateway.Gateway;
import io.crossbar.sbe.orderentry.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retransmission has a budget of its own: a request costs the messages it asks for, from a budget
 * of the per-request maximum a second, and a refusal reaches the client with its reason.
 */
class RetransmitBudgetTest
{
    private static final int MAX_RETRANSMIT = 10;

    @TempDir
    Path journal;

    private final ApplianceConfig config = ApplianceConfig.demo();

    @Test
    void shouldServeARequestWithinTheBudgetAndRefuseTheNextWithItsReason()
    {
        final ApplianceContext context = TestClients.context(config, journal);
        final Gateway.Config d = context.gateway();
        context.gateway(new Gateway.Config(d.channel(), d.streamId(), d.maxClockSkewNs(), d.minKeepAliveMs(),
            d.maxKeepAliveMs(), d.ordersPerSecond(), d.orderBurst(), d.cancelsPerSecond(), d.cancelBurst(), MAX_RETRANSMIT));
        try (Appliance appliance = Appliance.launch(context);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(appliance.aeronDirectory())))
        {
            final TestClients.Recorder heard = new TestClients.Recorder();
            final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
            for (int i = 0; i < 12; i++)
            {
                while (alpha.limitOrder(1 + i, 1, 0, Side.BUY, 49_900 + i, 1) < 0)
                {
                    alpha.poll();
                }
            }
            await("twelve acknowledgements", () -> heard.lines.size() == 12, alpha);

            final TestClients.Recorder replayed = new TestClients.Recorder();
            alpha.listener(replayed);
            assertTrue(alpha.retransmitRequest(alpha.uuid(), 1, MAX_RETRANSMIT) > 0);
            await("the first request served", () -> replayed.lines.size() == MAX_RETRANSMIT, alpha);
            assertEquals(heard.lines.subList(0, MAX_RETRANSMIT), replayed.lines);

            assertTrue(alpha.retransmitRequest(alpha.uuid(), 1, MAX_RETRANSMIT) > 0);
            await("the second refused", () -> replayed.lines.size() == MAX_RETRANSMIT + 1, alpha);
            assertEquals("RETRANSMIT_REJECT THROTTLED at most " + MAX_RETRANSMIT + " retransmitted messages a second",
                replayed.lines.get(MAX_RETRANSMIT));

            assertTrue(alpha.retransmitRequest(alpha.uuid(), 1, MAX_RETRANSMIT + 1) > 0);
            await("a request over the maximum refused", () -> replayed.lines.size() == MAX_RETRANSMIT + 2, alpha);
            assertEquals("RETRANSMIT_REJECT NOT_PERMITTED at most " + MAX_RETRANSMIT + " messages per request",
                replayed.lines.get(MAX_RETRANSMIT + 1));
            alpha.close();
            assertNull(appliance.lastError(), "the core thread failed");
        }
    }
}
