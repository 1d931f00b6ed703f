package io.crossbar.appliance;

import static io.crossbar.appliance.TestClients.await;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.aeron.Aeron;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.sbe.orderentry.Side;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance on an external media driver and archive (as a deployment with a shared,
 * separately run driver would have): the option that the appliance does not embed its own.
 */
class ExternalMediaDriverTest
{
    @TempDir
    Path journal;

    @Test
    void shouldTradeOnAnExternalMediaDriverAndArchive()
    {
        final ApplianceConfig config = ApplianceConfig.demo();
        final String aeronDirectory = "/dev/shm/crossbar-external-" + ProcessHandle.current().pid();
        try (ArchivingMediaDriver external = ArchivingMediaDriver.launch(
            new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectory)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new YieldingIdleStrategy()),
            new Archive.Context()
                .aeronDirectoryName(aeronDirectory)
                .archiveDir(journal.resolve("external-archive").toFile())
                .controlChannelEnabled(false)
                .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc"))
                .replicationChannel("aeron:udp?endpoint=127.0.0.1:0")
                .threadingMode(ArchiveThreadingMode.SHARED));
            Appliance appliance = Appliance.launch(TestClients.context(config, journal)
                .embeddedMediaDriver(false)
                .aeronDirectory(aeronDirectory));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory)))
        {
            final TestClients.Recorder alphaHeard = new TestClients.Recorder();
            final TestClients.Recorder bravoHeard = new TestClients.Recorder();
            final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), alphaHeard);
            final OrderEntryClient bravo = TestClients.connect(TestClients.firm(appliance, aeron, config, 2), bravoHeard);
            assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 50_000, 2) > 0);
            await("alpha's order", () -> alphaHeard.has("NEW 1"), alpha, bravo);
            assertTrue(bravo.limitOrder(2, 5, 0, Side.SELL, 50_000, 2) > 0);
            await("the trade", () -> alphaHeard.has("TRADE 1") && bravoHeard.has("TRADE 2"), alpha, bravo);
            alpha.close();
            bravo.close();
            assertNull(appliance.lastError());
        }
    }
}
