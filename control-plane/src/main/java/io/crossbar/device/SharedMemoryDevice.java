package io.crossbar.device;

import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The host side of docs/device-abi.md over a mapped file: the simulated card's file in
 * /dev/shm, or a PCIe BAR's sysfs resource file. The driver code is the same for both.
 * <p>
 * Commands: the payload (bytes 8..63) is copied into the slot of the command's sequence, then
 * the sequence word is written with a release store. The card's command head is read (acquire)
 * only when the cached copy says the ring is full. Events: the slot of the next expected event
 * is polled with an acquire load of its sequence word; after a batch the host's event head is
 * published with a release store, which frees those slots for the card. The hot path reads no
 * register; {@link #health()} reads STATUS and HEARTBEAT.
 */
public final class SharedMemoryDevice extends AbstractDevice
{
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long OPEN_POLL_MS = 1;

    /** A fault the memory cannot show, such as the card's process having died; null while all is well. */
    @FunctionalInterface
    public interface FaultProbe
    {
        String fault();
    }

    private final String name;
    private final Path file;
    private final Arena arena;
    private final FileChannel channel;
    private final MemorySegment memory;
    private final UnsafeBuffer view;
    private final DeviceLayout layout;
    private final DeviceInfo info;
    private final FaultProbe probe;
    private final long heartbeatTimeoutNs;
    private final long commandSlots;
    private long commandHeadCache;
    private long nextEvent;
    private long lastHeartbeat;
    private long heartbeatSeenNs;
    private boolean closed;

    private SharedMemoryDevice(
        final String name, final Path file, final Arena arena, final FileChannel channel, final MemorySegment memory,
        final DeviceLayout layout, final DeviceInfo info, final FaultProbe probe, final long heartbeatTimeoutNs)
    {
        super((long)LONG.getAcquire(memory, layout.commandHead()) + 1);
        this.name = name;
        this.file = file;
        this.arena = arena;
        this.channel = channel;
        this.memory = memory;
        this.view = new UnsafeBuffer(memory.address(), (int)memory.byteSize());
        this.layout = layout;
        this.info = info;
        this.probe = probe;
        this.heartbeatTimeoutNs = heartbeatTimeoutNs;
        this.commandSlots = layout.commandSlots();
        this.commandHeadCache = nextSequence() - 1;
        this.nextEvent = (long)LONG.getAcquire(memory, layout.eventHead()) + 1;
        this.lastHeartbeat = (long)LONG.getAcquire(memory, (long)DeviceLayout.HEARTBEAT);
        this.heartbeatSeenNs = System.nanoTime();
    }

    /**
     * Map a device file and bring the card to RUNNING: wait for it to publish its window (MAGIC),
     * check the ABI version and, when {@code expected} is given, the capacities; map the rings
     * at the sizes the window gives; write CONTROL = run if the card is READY and wait for
     * RUNNING. Resumes where the progress lines say the rings are.
     *
     * @param name     the device's name for messages and {@link DeviceInfo}.
     * @param file     the device file (/dev/shm/..., or .../resource0 of a PCIe device).
     * @param context  time limits.
     * @param probe    a fault the memory cannot show (a dead process); may be null.
     * @param expected capacities the card must have; null to accept what it has.
     * @throws DeviceException when the card does not answer, is of another ABI or capacity, or faults.
     */
    public static SharedMemoryDevice open(
        final String name, final Path file, final DeviceContext context, final FaultProbe probe, final EngineConfig expected)
    {
        context.conclude();
        final long deadlineNs = System.nanoTime() + context.startTimeoutNs();
        final Arena arena = Arena.ofShared();
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            while (channel.size() < DeviceLayout.WINDOW_LENGTH)
            {
                waitForCard(name, file, probe, deadlineNs, "the device file to be sized");
            }
            final MemorySegment window = channel.map(FileChannel.MapMode.READ_WRITE, 0, DeviceLayout.WINDOW_LENGTH, arena);
            while ((long)LONG.getAcquire(window, (long)DeviceLayout.MAGIC) != DeviceLayout.MAGIC_VALUE)
            {
                waitForCard(name, file, probe, deadlineNs, "MAGIC in the register window (reads 0x" +
                    Long.toHexString((long)LONG.getAcquire(window, (long)DeviceLayout.MAGIC)) + ")");
            }
            final long abi = window.get(ValueLayout.JAVA_LONG, DeviceLayout.ABI_VERSION);
            if ((abi >>> 16) != DeviceLayout.ABI_MAJOR)
            {
                throw new DeviceException(name + ": device ABI " + (abi >>> 16) + "." + (abi & 0xFFFF) + " at " + file +
                    ", this driver speaks " + DeviceLayout.ABI_MAJOR + "." + DeviceLayout.ABI_MINOR);
            }
            final long commandSlots = window.get(ValueLayout.JAVA_LONG, DeviceLayout.CMD_RING_SLOTS);
            final long eventSlots = window.get(ValueLayout.JAVA_LONG, DeviceLayout.EVT_RING_SLOTS);
            final DeviceLayout layout;
            try
            {
                layout = new DeviceLayout(Math.toIntExact(commandSlots), Math.toIntExact(eventSlots));
            }
            catch (final IllegalArgumentException | ArithmeticException ex)
            {
                throw new DeviceException(name + ": the card publishes ring sizes " + commandSlots + "/" + eventSlots +
                    ", not powers of two in [2, 2^24]");
            }
            if (channel.size() < layout.size())
            {
                throw new DeviceException(name + ": " + file + " has " + channel.size() + " bytes, the rings need " +
                    layout.size());
            }
            final MemorySegment memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.size(), arena);
            final DeviceInfo info = new DeviceInfo(name, abi,
                memory.get(ValueLayout.JAVA_LONG, DeviceLayout.BUILD_ID),
                capacity(memory, DeviceLayout.CAP_INSTRUMENTS), capacity(memory, DeviceLayout.CAP_LEVELS_PER_SIDE),
                capacity(memory, DeviceLayout.CAP_ORDER_SLOTS), capacity(memory, DeviceLayout.CAP_ACCOUNTS),
                layout.commandSlots(), layout.eventSlots());
            if (expected != null && !info.matches(expected))
            {
                throw new DeviceException(name + ": the card's capacities (" + info + ") are not the expected " + expected);
            }
            startRunning(name, file, memory, probe, deadlineNs);
            return new SharedMemoryDevice(name, file, arena, channel, memory, layout, info, probe,
                context.heartbeatTimeoutNs());
        }
        catch (final IOException ex)
        {
            closeQuietly(arena, channel);
            throw new DeviceException(name + ": cannot map " + file + ": " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            closeQuietly(arena, channel);
            throw ex;
        }
    }

    private static void startRunning(
        final String name, final Path file, final MemorySegment memory, final FaultProbe probe, final long deadlineNs)
    {
        boolean runWritten = false;
        while (true)
        {
            final long status = (long)LONG.getAcquire(memory, (long)DeviceLayout.STATUS);
            if (status == DeviceLayout.STATUS_RUNNING)
            {
                return;
            }
            if (status == DeviceLayout.STATUS_FAULT)
            {
                throw new DeviceException(name + ": the card reports FAULT (" +
                    DeviceLayout.faultName((long)LONG.getAcquire(memory, (long)DeviceLayout.FAULT_CODE)) + ") at " + file);
            }
            if (status == DeviceLayout.STATUS_READY && !runWritten)
            {
                LONG.setRelease(memory, (long)DeviceLayout.CONTROL, DeviceLayout.CONTROL_RUN);
                runWritten = true;
            }
            waitForCard(name, file, probe, deadlineNs, "RUNNING (STATUS is " + DeviceLayout.statusName(status) + ")");
        }
    }

    private static void waitForCard(
        final String name, final Path file, final FaultProbe probe, final long deadlineNs, final String what)
    {
        final String fault = probe != null ? probe.fault() : null;
        if (fault != null)
        {
            throw new DeviceException(name + ": " + fault);
        }
        if (System.nanoTime() - deadlineNs >= 0)
        {
            throw new DeviceException(name + ": gave up waiting for " + what + " at " + file);
        }
        try
        {
            Thread.sleep(OPEN_POLL_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new DeviceException(name + ": interrupted while waiting for " + what);
        }
    }

    private static int capacity(final MemorySegment memory, final int offset)
    {
        final long value = memory.get(ValueLayout.JAVA_LONG, offset);
        return value < 0 || value > Integer.MAX_VALUE ? -1 : (int)value;
    }

    public String name()
    {
        return name;
    }

    public DeviceInfo info()
    {
        return info;
    }

    public DeviceLayout layout()
    {
        return layout;
    }

    public Path file()
    {
        return file;
    }

    public boolean offer(final DirectBuffer record, final int offset)
    {
        final long sequence = checkSequence(record, offset);
        if (sequence - commandHeadCache > commandSlots)
        {
            commandHeadCache = (long)LONG.getAcquire(memory, layout.commandHead());
            if (sequence - commandHeadCache > commandSlots)
            {
                return false;
            }
        }
        final long slot = layout.commandSlot(sequence);
        view.putBytes((int)slot + 8, record, offset + 8, DeviceLayout.RECORD_LENGTH - 8);
        LONG.setRelease(memory, slot, sequence);
        offered();
        return true;
    }

    public int poll(final EventSink sink, final int limit)
    {
        int count = 0;
        while (count < limit)
        {
            final long slot = layout.eventSlot(nextEvent);
            if ((long)LONG.getAcquire(memory, slot) != nextEvent)
            {
                break;
            }
            sink.onEvent(view, (int)slot);
            delivered(view, (int)slot);
            nextEvent++;
            count++;
        }
        if (count > 0)
        {
            LONG.setRelease(memory, layout.eventHead(), nextEvent - 1);
        }
        return count;
    }

    /** One register of the window (acquire load): counters, STATUS, HEARTBEAT. Not for the hot path. */
    public long register(final int offset)
    {
        return (long)LONG.getAcquire(memory, (long)offset);
    }

    /** Write CONTROL (1 reset, 2 run, 3 halt). */
    public void control(final long value)
    {
        LONG.setRelease(memory, (long)DeviceLayout.CONTROL, value);
    }

    public DeviceHealth health()
    {
        if (closed)
        {
            return DeviceHealth.fault(name + " is closed");
        }
        final String fault = probe != null ? probe.fault() : null;
        if (fault != null)
        {
            return DeviceHealth.fault(fault);
        }
        final long status = register(DeviceLayout.STATUS);
        if (status == DeviceLayout.STATUS_FAULT)
        {
            return DeviceHealth.fault("the card reports FAULT (" + DeviceLayout.faultName(register(DeviceLayout.FAULT_CODE)) +
                ")");
        }
        final long now = System.nanoTime();
        final long heartbeat = register(DeviceLayout.HEARTBEAT);
        if (heartbeat != lastHeartbeat)
        {
            lastHeartbeat = heartbeat;
            heartbeatSeenNs = now;
        }
        else if (now - heartbeatSeenNs > heartbeatTimeoutNs)
        {
            return DeviceHealth.fault("the card's heartbeat has not advanced for " + (now - heartbeatSeenNs) / 1_000_000 +
                " ms (stuck at " + heartbeat + ")");
        }
        return DeviceHealth.OK;
    }

    public void close()
    {
        if (!closed)
        {
            closed = true;
            closeQuietly(arena, channel);
        }
    }

    private static void closeQuietly(final Arena arena, final FileChannel channel)
    {
        try
        {
            arena.close();
        }
        catch (final RuntimeException ignore)
        {
            // already closed
        }
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // nothing to do about it
            }
        }
    }
}
