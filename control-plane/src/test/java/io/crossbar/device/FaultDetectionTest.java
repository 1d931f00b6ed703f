package io.crossbar.device;

import io.crossbar.engine.CommandWriter;
import io.crossbar.workload.RandomCommands;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A card that stops (heartbeat), faults (STATUS) or never answers must come back as a fault with
 * a clear message within a bounded time, never as a hang. The card is played in Java on a file;
 * the same checks against a real card process are in {@link SimDeviceTest}.
 */
class FaultDetectionTest
{
    private static final long HEARTBEAT_TIMEOUT_NS = 200_000_000L;
    /** The longest a fault may take to show beyond its timeout. */
    private static final long SLACK_NS = 1_000_000_000L;

    @TempDir
    Path dir;

    private final UnsafeBuffer record = new UnsafeBuffer(new byte[64]);

    private PcieDevice open()
    {
        return PcieDevice.open(dir.resolve("card"),
            new DeviceContext().heartbeatTimeoutNs(HEARTBEAT_TIMEOUT_NS).startTimeoutNs(300_000_000L));
    }

    @Test
    void shouldReportAHeartbeatThatStopsWithinItsTimeout() throws Exception
    {
        try (FileCard card = new FileCard(dir.resolve("card"), 8, 8, RandomCommands.smallConfig(), false);
            PcieDevice device = open())
        {
            Thread.sleep(50);
            assertTrue(device.health().healthy(), device.health().toString());
            card.heartbeating = false;
            final long stopped = System.nanoTime();
            DeviceHealth health = device.health();
            while (health.healthy())
            {
                assertTrue(System.nanoTime() - stopped < HEARTBEAT_TIMEOUT_NS + SLACK_NS, "no fault reported in time");
                Thread.sleep(5);
                health = device.health();
            }
            assertTrue(health.problem().contains("heartbeat has not advanced"), health.problem());
        }
    }

    @Test
    void shouldFailAWaitingCommandInsteadOfHangingWhenTheCardStops() throws Exception
    {
        try (FileCard card = new FileCard(dir.resolve("card"), 8, 8, RandomCommands.smallConfig(), false);
            PcieDevice device = open())
        {
            card.consuming = false;
            card.heartbeating = false;
            new CommandWriter().control(record, 0, 1, 11);
            final long start = System.nanoTime();
            final DeviceException ex = assertThrows(DeviceException.class,
                () -> device.process(record, 0, (b, o) -> { }, 60_000_000_000L));
            assertTrue(System.nanoTime() - start < HEARTBEAT_TIMEOUT_NS + SLACK_NS, "took too long");
            assertTrue(ex.getMessage().contains("heartbeat") && ex.getMessage().contains("command 1"), ex.getMessage());
        }
    }

    @Test
    void shouldTimeOutACommandThatNeverCompletesWhileTheCardLives() throws Exception
    {
        try (FileCard card = new FileCard(dir.resolve("card"), 8, 8, RandomCommands.smallConfig(), false);
            PcieDevice device = open())
        {
            card.consuming = false;
            new CommandWriter().control(record, 0, 1, 11);
            final DeviceException ex = assertThrows(DeviceException.class,
                () -> device.process(record, 0, (b, o) -> { }, 100_000_000L));
            assertTrue(ex.getMessage().contains("command 1 waited") && ex.getMessage().contains("to complete"),
                ex.getMessage());
        }
    }

    @Test
    void shouldReportAFaultStatusWithItsCode() throws Exception
    {
        try (FileCard card = new FileCard(dir.resolve("card"), 8, 8, RandomCommands.smallConfig(), false);
            PcieDevice device = open())
        {
            card.put(DeviceLayout.FAULT_CODE, 3);
            card.put(DeviceLayout.STATUS, DeviceLayout.STATUS_FAULT);
            final DeviceHealth health = device.health();
            assertFalse(health.healthy());
            assertTrue(health.problem().contains("FAULT (EVENT_RING_STALL)"), health.problem());
        }
    }

    @Test
    void shouldGiveUpOpeningWhenNoCardAnswers() throws Exception
    {
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("card").toFile(), "rw"))
        {
            raf.setLength(8192);
        }
        final long start = System.nanoTime();
        final DeviceException ex = assertThrows(DeviceException.class, this::open);
        assertTrue(System.nanoTime() - start < 300_000_000L + SLACK_NS);
        assertTrue(ex.getMessage().contains("MAGIC"), ex.getMessage());
    }
}
