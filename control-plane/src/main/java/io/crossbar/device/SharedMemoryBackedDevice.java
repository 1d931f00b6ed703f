package io.crossbar.device;

import io.crossbar.engine.EventSink;
import org.agrona.DirectBuffer;

/**
 * A device whose rings and registers are a {@link SharedMemoryDevice}: the simulated card (a file
 * in /dev/shm served by a harness process) and the PCIe card (a BAR resource file). Everything is
 * the shared-memory driver's; subclasses add only how the memory comes to exist and goes away.
 */
abstract class SharedMemoryBackedDevice implements Device
{
    protected final SharedMemoryDevice device;

    SharedMemoryBackedDevice(final SharedMemoryDevice device)
    {
        this.device = device;
    }

    /** The shared-memory driver, for registers and the layout. */
    public SharedMemoryDevice memory()
    {
        return device;
    }

    public String name()
    {
        return device.name();
    }

    public DeviceInfo info()
    {
        return device.info();
    }

    public boolean offer(final DirectBuffer record, final int offset)
    {
        return device.offer(record, offset);
    }

    public int poll(final EventSink sink, final int limit)
    {
        return device.poll(sink, limit);
    }

    public int outstanding()
    {
        return device.outstanding();
    }

    public DeviceHealth health()
    {
        return device.health();
    }

    public int process(final DirectBuffer record, final int offset, final EventSink sink, final long timeoutNs)
    {
        return device.process(record, offset, sink, timeoutNs);
    }

    public void close()
    {
        device.close();
    }
}
