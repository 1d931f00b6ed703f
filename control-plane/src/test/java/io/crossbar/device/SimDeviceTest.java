package io.crossbar.device;

import io.crossbar.engine.CommandWriter;
import io.crossbar.workload.RandomCommands;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated card's process and library as devices: start and stop, the framing of every
 * command through small rings, and faults of the process (killed, frozen) reported within a
 * bounded time. Holds for any RTL with the card's ports, so it also runs against a variant list
 * (-Dcrossbar.sim.files).
 */
class SimDeviceTest
{
    private static final int HEARTBEAT = 11;
    private static final long HEARTBEAT_TIMEOUT_NS = 300_000_000L;
    private static final long SLACK_NS = 2_000_000_000L;

    private final UnsafeBuffer record = new UnsafeBuffer(new byte[64]);
    private final CommandWriter writer = new CommandWriter();

    @BeforeEach
    void needsSimulator()
    {
        SimSupport.assumeSimulator();
    }

    private static DeviceContext context()
    {
        return SimSupport.context(RandomCommands.smallConfig()).heartbeatTimeoutNs(HEARTBEAT_TIMEOUT_NS);
    }

    private UnsafeBuffer heartbeat(final long sequence)
    {
        writer.control(record, 0, sequence, HEARTBEAT);
        return record;
    }

    @Test
    void shouldStartTheCardProcessAndStopItOnClose() throws Exception
    {
        final SimDevice device = SimDevice.launch(context());
        final ProcessHandle process = device.process();
        try (device)
        {
            assertTrue(process.isAlive());
            assertTrue(device.info().matches(RandomCommands.smallConfig()), device.info().toString());
            assertTrue(device.info().buildId() != 0, "a build id");
            final List<byte[]> events = new ArrayList<>();
            device.process(heartbeat(1), 0, (b, o) -> events.add(copy(b, o)));
            final byte[] complete = events.getLast();
            assertEquals(DeviceLayout.EVENT_COMPLETE, complete[8]);
            assertEquals(1, new UnsafeBuffer(complete).getLong(DeviceLayout.COMPLETE_COMMAND_SEQUENCE_OFFSET));
            assertTrue(device.memory().register(DeviceLayout.CYCLES) > 0, "cycles mirrored into the window");
            assertTrue(device.health().healthy(), device.health().toString());
        }
        assertTrue(process.onExit().get(5, TimeUnit.SECONDS) != null);
        assertFalse(process.isAlive());
        assertFalse(Files.exists(device.memory().file()), "device file removed");
    }

    @Test
    void shouldFrameEveryCommandThroughSmallRingsWithManyInFlight()
    {
        try (SimDevice device = SimDevice.launch(context().commandRingSlots(4).eventRingSlots(4)))
        {
            final int commands = 2_000;
            final List<Long> completes = new ArrayList<>();
            final long[] nextEvent = {1};
            long next = 1;
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (completes.size() < commands)
            {
                while (next <= commands && device.offer(heartbeat(next), 0))
                {
                    next++;
                }
                device.poll((b, o) ->
                {
                    assertEquals(nextEvent[0]++, b.getLong(o), "events numbered from 1 without gaps");
                    if (b.getByte(o + 8) == DeviceLayout.EVENT_COMPLETE)
                    {
                        completes.add(b.getLong(o + DeviceLayout.COMPLETE_COMMAND_SEQUENCE_OFFSET));
                    }
                }, 64);
                assertTrue(System.nanoTime() < deadline, "took too long: " + completes.size() + " complete");
            }
            for (int i = 0; i < commands; i++)
            {
                assertEquals(i + 1, completes.get(i), "completions in command order");
            }
        }
    }

    @Test
    void shouldReportTheDeathOfTheCardProcessWithinABoundedTime() throws Exception
    {
        try (SimDevice device = SimDevice.launch(context()))
        {
            device.process(heartbeat(1), 0, (b, o) -> { });
            signal(device.process().pid(), "KILL");
            final long start = System.nanoTime();
            DeviceHealth health = device.health();
            while (health.healthy())
            {
                assertTrue(System.nanoTime() - start < SLACK_NS, "no fault reported in time");
                Thread.sleep(5);
                health = device.health();
            }
            assertTrue(health.problem().contains("killed by signal 9"), health.problem());
            final DeviceException ex = assertThrows(DeviceException.class, () -> device.process(heartbeat(2), 0, (b, o) -> { }));
            assertTrue(ex.getMessage().contains("xb-card"), ex.getMessage());
        }
    }

    @Test
    void shouldReportAFrozenCardByItsHeartbeat() throws Exception
    {
        try (SimDevice device = SimDevice.launch(context()))
        {
            final long pid = device.process().pid();
            signal(pid, "STOP");
            try
            {
                final long start = System.nanoTime();
                DeviceHealth health = device.health();
                while (health.healthy())
                {
                    assertTrue(System.nanoTime() - start < HEARTBEAT_TIMEOUT_NS + SLACK_NS, "no fault reported in time");
                    Thread.sleep(5);
                    health = device.health();
                }
                assertTrue(health.problem().contains("heartbeat has not advanced"), health.problem());
            }
            finally
            {
                signal(pid, "CONT");
            }
        }
    }

    @Test
    void shouldStepTheModelInProcess()
    {
        try (InProcessSimDevice device = InProcessSimDevice.open(context()))
        {
            assertTrue(device.info().matches(RandomCommands.smallConfig()), device.info().toString());
            final long before = device.cycles();
            final int[] kinds = new int[2];
            final int events = device.process(heartbeat(1), 0, (b, o) -> kinds[0] = b.getByte(o + 8));
            assertTrue(events >= 1);
            assertEquals(DeviceLayout.EVENT_COMPLETE, kinds[0]);
            assertTrue(device.cycles() > before, "the model was clocked");
            assertEquals(DeviceLayout.STATUS_RUNNING, device.register(DeviceLayout.STATUS));
            assertEquals(DeviceLayout.MAGIC_VALUE, device.register(DeviceLayout.MAGIC));
        }
    }

    private static byte[] copy(final org.agrona.DirectBuffer buffer, final int offset)
    {
        final byte[] bytes = new byte[64];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static void signal(final long pid, final String signal) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }
}
