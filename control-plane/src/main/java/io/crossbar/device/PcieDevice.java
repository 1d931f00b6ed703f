package io.crossbar.device;

import java.nio.file.Path;

/**
 * The card on PCIe: the same driver as the simulated card, {@link SharedMemoryDevice}, over
 * the BAR's sysfs resource file (e.g. {@code /sys/bus/pci/devices/0000:17:00.0/resource0}),
 * which maps the register window and rings of docs/device-abi.md. The card is expected to have
 * been loaded and reset (docs/device-abi.md, lifecycle step 1); opening writes CONTROL = run if
 * it is READY and resumes the rings where their progress lines stand.
 */
public final class PcieDevice extends SharedMemoryBackedDevice
{
    private PcieDevice(final SharedMemoryDevice device)
    {
        super(device);
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
}
