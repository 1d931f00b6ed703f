package io.crossbar.device;

import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.ReferenceEngine;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays the card's side of docs/device-abi.md on a plain file, on its own thread, with the
 * reference engine behind the rings: takes commands in sequence (acquire on the sequence word),
 * publishes its command head, writes events payload first and sequence word last (release), and
 * never into a slot the host's event head has not passed. It can be told to stop taking commands,
 * to stop its heartbeat, or to report FAULT, so the host's back-pressure and fault handling can
 * be tested without RTL.
 */
final class FileCard implements AutoCloseable
{
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final int RECORD = DeviceLayout.RECORD_LENGTH;

    final DeviceLayout layout;
    volatile boolean consuming = true;
    volatile boolean heartbeating = true;
    volatile long commandsTaken;
    volatile long eventsWritten;
    volatile long stalls;

    private final Arena arena = Arena.ofShared();
    private final FileChannel channel;
    private final MemorySegment memory;
    private final UnsafeBuffer view;
    private final ReferenceEngine engine;
    private final ExpandableArrayBuffer pending = new ExpandableArrayBuffer(RECORD * 1024);
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[RECORD]);
    private final Thread thread;
    private volatile boolean running = true;
    private int pendingHead;
    private int pendingTail;
    private long nextCommand = 1;
    private long nextEvent = 1;
    private long hostHead;

    /**
     * Lay out the file and publish the window; with {@code startReady} the card waits in READY
     * for the host's CONTROL = run, else it starts RUNNING.
     */
    FileCard(final Path file, final int commandSlots, final int eventSlots, final EngineConfig config,
        final boolean startReady) throws IOException
    {
        layout = new DeviceLayout(commandSlots, eventSlots);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(layout.size());
        }
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.size(), arena);
        view = new UnsafeBuffer(memory.address(), (int)layout.size());
        engine = new ReferenceEngine(config);
        put(DeviceLayout.ABI_VERSION, (DeviceLayout.ABI_MAJOR << 16) | DeviceLayout.ABI_MINOR);
        put(DeviceLayout.BUILD_ID, 0x1234_5678_9ABC_DEF0L);
        put(DeviceLayout.CAP_INSTRUMENTS, config.instruments());
        put(DeviceLayout.CAP_LEVELS_PER_SIDE, config.levelsPerSide());
        put(DeviceLayout.CAP_ORDER_SLOTS, config.orderSlots());
        put(DeviceLayout.CAP_ACCOUNTS, config.accounts());
        put(DeviceLayout.CMD_RING_SLOTS, commandSlots);
        put(DeviceLayout.EVT_RING_SLOTS, eventSlots);
        put(DeviceLayout.STATUS, startReady ? DeviceLayout.STATUS_READY : DeviceLayout.STATUS_RUNNING);
        LONG.setRelease(memory, (long)DeviceLayout.MAGIC, DeviceLayout.MAGIC_VALUE);
        thread = new Thread(this::run, "file-card");
        thread.setDaemon(true);
        thread.start();
    }

    void put(final int register, final long value)
    {
        LONG.setRelease(memory, (long)register, value);
    }

    long get(final long offset)
    {
        return (long)LONG.getAcquire(memory, offset);
    }

    /** Write a slot's payload without its sequence word, as a host caught half-way would leave it. */
    void writePayloadOnly(final long sequence, final byte kind)
    {
        final long slot = layout.commandSlot(sequence);
        view.setMemory((int)slot + 8, RECORD - 8, (byte)0);
        view.putByte((int)slot + 8, kind);
    }

    void publishSequence(final long sequence)
    {
        LONG.setRelease(memory, layout.commandSlot(sequence), sequence);
    }

    private void run()
    {
        long nextBeatNs = System.nanoTime();
        long heartbeat = 0;
        while (running)
        {
            boolean worked = false;
            final long now = System.nanoTime();
            if (heartbeating && now - nextBeatNs >= 0)
            {
                put(DeviceLayout.HEARTBEAT, ++heartbeat);
                nextBeatNs = now + 1_000_000L;
            }
            if ((long)LONG.getAndSet(memory, (long)DeviceLayout.CONTROL, 0L) == DeviceLayout.CONTROL_RUN &&
                get(DeviceLayout.STATUS) == DeviceLayout.STATUS_READY)
            {
                put(DeviceLayout.STATUS, DeviceLayout.STATUS_RUNNING);
            }
            worked |= writeEvents();
            if (consuming && pendingHead == pendingTail && get(DeviceLayout.STATUS) == DeviceLayout.STATUS_RUNNING)
            {
                final long slot = layout.commandSlot(nextCommand);
                if (get(slot) == nextCommand)
                {
                    command.putBytes(0, view, (int)slot, RECORD);
                    LONG.setRelease(memory, layout.commandHead(), nextCommand);
                    nextCommand++;
                    commandsTaken = nextCommand - 1;
                    pendingHead = 0;
                    pendingTail = 0;
                    engine.process(command, 0, (buffer, offset) ->
                        pending.putBytes(pendingTail++ * RECORD, buffer, offset, RECORD));
                    worked = true;
                }
            }
            if (!worked)
            {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private boolean writeEvents()
    {
        boolean worked = false;
        while (pendingHead < pendingTail)
        {
            if (nextEvent - hostHead > layout.eventSlots())
            {
                hostHead = get(layout.eventHead());
                if (nextEvent - hostHead > layout.eventSlots())
                {
                    stalls++;
                    return worked;
                }
            }
            final long slot = layout.eventSlot(nextEvent);
            final int at = pendingHead++ * RECORD;
            view.putBytes((int)slot + 8, pending, at + 8, RECORD - 8);
            LONG.setRelease(memory, slot, pending.getLong(at));
            nextEvent++;
            eventsWritten = nextEvent - 1;
            worked = true;
        }
        return worked;
    }

    public void close() throws IOException
    {
        running = false;
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        arena.close();
        channel.close();
    }
}
