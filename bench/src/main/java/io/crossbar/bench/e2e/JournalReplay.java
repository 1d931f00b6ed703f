package io.crossbar.bench.e2e;

import java.nio.file.Path;

import io.aeron.Aeron;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.crossbar.appliance.ApplianceContext;
import io.crossbar.device.Device;
import io.crossbar.device.Devices;
import io.crossbar.driver.DeviceDriver;
import io.crossbar.driver.MarketDataSink;
import io.crossbar.gateway.SessionRegistry;
import io.crossbar.sequencer.Journal;
import org.agrona.CloseHelper;

/**
 * The appliance's start-up replay without the appliance: the same media driver and archive
 * set-up, the same {@link Journal#recordings()}, the same {@link DeviceDriver} on the reference
 * device fed from an archive replay of each recording. It exists because {@code Journal.replay}
 * cannot replay a non-empty journal today (it asks the replay subscription for image 0 before
 * the image has arrived, and Aeron throws instead of returning null; see docs/performance.md,
 * "Recovery"); this loop waits for the image and otherwise does what {@code Journal.replay} and
 * {@code Appliance.start} do, so its rate is the rate those components replay at.
 */
final class JournalReplay
{
    private static final int REPLAY_STREAM_ID = 3_099;

    private JournalReplay()
    {
    }

    /** Replays the journal in {@code journalDirectory}; returns {inputs, nanoseconds}. */
    static long[] replay(final Path journalDirectory, final String idle, final int port)
    {
        final ApplianceContext ctx = OrderRoundTrip.context("reference", idle, port, journalDirectory).conclude();
        final String aeronDirectory = "/dev/shm/crossbar-replay-" + ProcessHandle.current().pid();
        ArchivingMediaDriver mediaDriver = null;
        Aeron aeron = null;
        AeronArchive archive = null;
        Device device = null;
        try
        {
            mediaDriver = ArchivingMediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectory)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(ctx.newIdleStrategy())
                .spiesSimulateConnection(true), new Archive.Context()
                .aeronDirectoryName(aeronDirectory)
                .archiveDir(journalDirectory.resolve("archive").toFile())
                .controlChannelEnabled(false)
                .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc"))
                .replicationChannel("aeron:udp?endpoint=127.0.0.1:0")
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .idleStrategySupplier(ctx::newIdleStrategy)
                .deleteArchiveOnStart(false));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory));
            archive = AeronArchive.connect(new AeronArchive.Context()
                .aeron(aeron)
                .controlRequestChannel("aeron:ipc")
                .controlResponseChannel("aeron:ipc"));
            device = Devices.open(ctx.device(), ctx.deviceContext());
            final DeviceDriver driver = new DeviceDriver(device, new SessionRegistry(ctx.config().firms(),
                ctx.outboundLogCapacity()), MarketDataSink.NONE, ctx.inFlightCapacity());
            final Journal journal = new Journal(aeron, archive, ctx.journalChannel(), ctx.journalStreamId());

            final long startNs = System.nanoTime();
            for (final Journal.Recording recording : journal.recordings())
            {
                final long length = recording.stopPosition() - recording.startPosition();
                if (length <= 0)
                {
                    continue;
                }
                try (Subscription replay = archive.replay(
                    recording.recordingId(), recording.startPosition(), length, "aeron:ipc", REPLAY_STREAM_ID))
                {
                    while (replay.imageCount() == 0)
                    {
                        Thread.yield();
                    }
                    final Image image = replay.imageAtIndex(0);
                    while (image.position() < recording.stopPosition())
                    {
                        if (image.controlledPoll(driver, 256) + driver.pollEvents() == 0)
                        {
                            if (image.isClosed())
                            {
                                throw new IllegalStateException("replay of recording " + recording.recordingId() +
                                    " ended at " + image.position() + " before " + recording.stopPosition());
                            }
                            Thread.yield();
                        }
                    }
                }
            }
            while (driver.inFlight() > 0)
            {
                driver.pollEvents();
            }
            return new long[] {driver.lastSequence(), System.nanoTime() - startNs};
        }
        finally
        {
            CloseHelper.quietCloseAll(archive, aeron, device, mediaDriver);
        }
    }
}
