package io.crossbar.device;

import io.crossbar.engine.EventSink;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * The card on PCIe: the same driver as the simulated card, {@link SharedMemoryDevice}, over
 * the BAR's sysfs resource file (e.g. {@code /sys/bus/pci/devices/0000:17:00.0/resource0}),
 * which maps the register window and rings of docs/device-abi.md. The card is expected to have
 * been loaded and reset (docs/device-abi.md, lifecycle step 1); opening writes CONTROL = run if
 * it is READY and resumes the rings where their progress lines stand.
 */
public final class PcieDevice implements Device
{
    private final SharedMemoryDevice device;

    private PcieDevice(final SharedMemoryDevice device)
    {
        this.device = device;
    }

    /**
     * Map a BAR resource file (or any file laid out the same way).
     *
     * @throws DeviceException when nothing answers there, or the card is of another ABI.
     */
    public static PcieDevice open(final Path resource, final DeviceContext context)
    {
        return new PcieDevice(SharedMemoryDevice.open("pcie:" + resource, resource, context, null, null));
    }

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
