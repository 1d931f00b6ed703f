package io.crossbar.device;

import java.nio.file.Path;

/**
 * Opens a device by name:
 * <ul>
 *   <li>{@code reference}: the reference engine, in-process;</li>
 *   <li>{@code sim}: the simulated card as a process on shared memory ({@link SimDevice});</li>
 *   <li>{@code sim-inproc}: the simulated card stepped in-process ({@link InProcessSimDevice});</li>
 *   <li>{@code pcie:PATH}: a card's BAR resource file, e.g.
 *       {@code pcie:/sys/bus/pci/devices/0000:17:00.0/resource0} ({@link PcieDevice}).</li>
 * </ul>
 */
public final class Devices
{
    /** What {@link #open} accepts, for usage messages. */
    public static final String SPECS = "reference, sim, sim-inproc, pcie:/sys/bus/pci/devices/.../resource0";

    private Devices()
    {
    }

    /**
     * @throws IllegalArgumentException for an unknown name.
     * @throws DeviceException          when the device cannot be opened (with the reason).
     */
    public static Device open(final String spec, final DeviceContext context)
    {
        context.conclude();
        if (spec.startsWith("pcie:"))
        {
            final String path = spec.substring("pcie:".length());
            if (path.isEmpty())
            {
                throw new IllegalArgumentException("pcie: needs the BAR resource file, e.g. " +
                    "pcie:/sys/bus/pci/devices/0000:17:00.0/resource0");
            }
            return PcieDevice.open(Path.of(path), context);
        }
        return switch (spec)
        {
            case "reference" -> new ReferenceDevice(context.engineConfig());
            case "sim" -> SimDevice.launch(context);
            case "sim-inproc" -> InProcessSimDevice.open(context);
            default -> throw new IllegalArgumentException("unknown device '" + spec + "' (available: " + SPECS + ")");
        };
    }

    /** Whether the device is a simulated card (needs sim/build.sh and verilator). */
    public static boolean isSimulated(final String spec)
    {
        return spec.equals("sim") || spec.equals("sim-inproc");
    }
}
