package io.crossbar.appliance;

import static io.crossbar.appliance.TestClients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.sbe.orderentry.Side;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart in the middle of a stream: the second appliance replays the journal to the same state
 * hash, every acknowledged order is still there, and the session continues on the same uuid with
 * both sequence series intact.
 */
class RestartTest
{
    @TempDir
    Path journal;

    private final ApplianceConfig config = ApplianceConfig.demo();

    @Test
    void shouldRefuseToReplayTheJournalWithAnotherConfigurationNamingWhatDiffers()
    {
        try (Appliance first = Appliance.launch(TestClients.context(config, journal)))
        {
            assertTrue(first.awaitQuiescent(TimeUnit.SECONDS.toNanos(10)), "the configuration journaled");
            assertNull(first.lastError(), "the core thread failed");
        }
        // The same firms and instruments, one account's credit raised: the journal set the old one.
        final AccountSpec account = config.accounts().get(0);
        final List<AccountSpec> accounts = new ArrayList<>(config.accounts());
        accounts.set(0, new AccountSpec(account.id(), account.credit() + 1));
        final ApplianceConfig changed = new ApplianceConfig(config.instruments(), config.firms(), accounts);

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> Appliance.launch(TestClients.context(changed, journal)).close());
        assertTrue(refused.getMessage().contains("was started with another configuration or card (journal: 'account id=" +
            account.id() + " credit=" + account.credit() + "', now: 'account id=" + account.id() + " credit=" +
            (account.credit() + 1) + "'"), refused.getMessage());

        try (Appliance again = Appliance.launch(TestClients.context(config, journal)))
        {
            assertTrue(again.replayedInputs() > 0, "the journal's own configuration still runs it");
            assertNull(again.lastError(), "the core thread failed");
        }
    }

    @Test
    void shouldReplayTheJournalToTheSameStateAndKeepEveryAcknowledgedOrder()
    {
        final long hashBefore;
        final long inputsBefore;
        final long uuid;
        final long nextSeqNum;
        final long expectedSeqNum;
        final TestClients.Recorder heard = new TestClients.Recorder();
        final ApplianceContext context = TestClients.context(config, journal);
        int acknowledged;
        try (Appliance first = Appliance.launch(context);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(first.aeronDirectory())))
        {
            final OrderEntryClient alpha = TestClients.connect(TestClients.firm(first, aeron, config, 1).cancelOnDisconnect(false),
                heard);
            for (int i = 0; i < 200; i++)
            {
                final Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
                final long price = side == Side.BUY ? 49_950 - i % 40 : 50_050 + i % 40;
                while (alpha.limitOrder(1_000 + i, 1 + i % 4, i % 2, side, i % 2 == 0 ? price : 30_000 + (price - 50_000),
                    1 + i % 5) < 0)
                {
                    alpha.poll();
                }
            }
            await("200 acknowledgements", () -> heard.lines.stream().filter((l) -> l.startsWith("NEW")).count() == 200,
                alpha);
            acknowledged = heard.orderIds.size();
            assertTrue(first.awaitQuiescent(TimeUnit.SECONDS.toNanos(10)));
            hashBefore = first.stateHash();
            inputsBefore = first.sequencer().nextSequence() - 1;
            uuid = alpha.uuid();
            nextSeqNum = alpha.nextSeqNum();
            expectedSeqNum = alpha.expectedSeqNum();
            alpha.close();
            assertNull(first.lastError(), "the core thread failed");
        }

        try (Appliance second = Appliance.launch(TestClients.context(config, journal));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(second.aeronDirectory())))
        {
            assertEquals(inputsBefore, second.replayedInputs(), "every journaled input replayed");
            assertEquals(hashBefore, second.stateHash(), "same state hash after replay");
            assertEquals(acknowledged, (int)second.onCoreThread((a) -> a.driver().liveOrders()),
                "every acknowledged order rests after the restart");

            final TestClients.Recorder after = new TestClients.Recorder();
            final OrderEntryClient renewed = TestClients.connect(TestClients.firm(second, aeron, config, 1), after);
            assertEquals(uuid, renewed.previousUuid(), "the new session instance is offered the previous one");
            assertEquals(expectedSeqNum - 1, renewed.previousSeqNum(), "with the last seqNum it was sent");
            assertTrue(renewed.cancel(5_000, 1_000, OrderEntryClient.NULL_ORDER_ID, 1, 0, Side.BUY) > 0);
            await("the pre-restart order canceled by its client order id", () -> after.has("CANCELED 5000 orig=1000") || !after.lines.isEmpty(),
                renewed);
            assertEquals("CANCELED 5000 orig=1000 qty=1 CANCELED_BY_USER", after.lines.get(0));
            assertTrue(renewed.limitOrder(1_001, 1, 0, Side.BUY, 49_900, 1) > 0);
            await("a client order id used before the restart refused", () -> after.lines.size() == 2, renewed);
            assertEquals("REJECTED 1001 DUPLICATE_CLIENT_ORDER_ID", after.lines.get(1));
            assertTrue(nextSeqNum > 200);
            renewed.close();
            assertNull(second.lastError(), "the core thread failed");
        }
    }

    /**
     * The clients run on a media driver of their own, as market makers do, so they outlive the
     * appliance: after the restart the same session instance establishes again on the same
     * gateway and both sequence series continue where they were.
     */
    @Test
    void shouldLetTheSameSessionContinueAfterARestart()
    {
        final ApplianceContext context = TestClients.context(config, journal);
        final String clientDirectory = "/dev/shm/crossbar-restart-clients-" + ProcessHandle.current().pid();
        final TestClients.Recorder heard = new TestClients.Recorder();
        try (MediaDriver clientDriver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(clientDirectory)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy()));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(clientDirectory)))
        {
            final OrderEntryClient alpha;
            try (Appliance first = Appliance.launch(context))
            {
                alpha = TestClients.connect(TestClients.firm(first, aeron, config, 1).cancelOnDisconnect(false), heard);
                assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 49_950, 3) > 0);
                assertTrue(alpha.limitOrder(2, 1, 0, Side.SELL, 50_050, 3) > 0);
                await("two orders", () -> heard.lines.size() == 2, alpha);
                assertNull(first.lastError());
            }
            final long uuid = alpha.uuid();
            final long nextSeqNum = alpha.nextSeqNum();

            try (Appliance second = Appliance.launch(context))
            {
                assertTrue(alpha.reconnect(TimeUnit.SECONDS.toNanos(10)), alpha::rejectText);
                assertEquals(uuid, alpha.uuid());
                assertEquals(nextSeqNum, alpha.nextSeqNum(), "our series continues");
                assertTrue(alpha.cancel(3, 1, OrderEntryClient.NULL_ORDER_ID, 1, 0, Side.BUY) > 0);
                assertTrue(alpha.limitOrder(4, 1, 0, Side.BUY, 49_940, 1) > 0);
                await("the cancel of a pre-restart order and a new order",
                    () -> heard.has("CANCELED 3") && heard.has("NEW 4"), alpha);
                assertEquals("NEW 4 BUY 1@49940 leaves=1 seq=4", heard.lines.get(3), "the gateway's series continues");
                assertEquals(0, heard.gaps, "nothing missed");
                alpha.close();
                assertNull(second.lastError());
            }
        }
    }
}
