package io.crossbar.device;

import io.crossbar.engine.EngineConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to open a device: the capacities it must have, ring sizes, time limits, and where the
 * simulated card is built. Defaults in one place; set what differs, then {@link #conclude()}
 * validates once.
 */
public final class DeviceContext
{
    /** System property naming the project's top directory (the launcher sets it). */
    public static final String HOME_PROPERTY = "crossbar.home";

    private EngineConfig engineConfig = new EngineConfig();
    private int commandRingSlots = 1024;
    private int eventRingSlots = 4096;
    private long commandTimeoutNs = Device.DEFAULT_COMMAND_TIMEOUT_NS;
    private long heartbeatTimeoutNs = 2_000_000_000L;
    private long startTimeoutNs = 120_000_000_000L;
    private long idleMicros = 50;
    private Path home;
    private Path simBuildDirectory;
    private boolean buildSim = true;
    private Path rtlFileList;
    private Path shmDirectory = Path.of("/dev/shm");
    private Path traceFile;
    private long traceFromCycle;
    private long traceToCycle = Long.MAX_VALUE;
    private int egressStallPercent;
    private boolean concluded;

    /** Capacities: the reference engine's, and the parameters the simulated card is built with. */
    public DeviceContext engineConfig(final EngineConfig engineConfig)
    {
        this.engineConfig = engineConfig;
        return this;
    }

    public EngineConfig engineConfig()
    {
        return engineConfig;
    }

    /** Command ring slots of a simulated card over shared memory: a power of two. */
    public DeviceContext commandRingSlots(final int slots)
    {
        this.commandRingSlots = slots;
        return this;
    }

    public int commandRingSlots()
    {
        return commandRingSlots;
    }

    /** Event ring slots of a simulated card over shared memory: a power of two. */
    public DeviceContext eventRingSlots(final int slots)
    {
        this.eventRingSlots = slots;
        return this;
    }

    public int eventRingSlots()
    {
        return eventRingSlots;
    }

    /** How long {@link Device#process(org.agrona.DirectBuffer, int, io.crossbar.engine.EventSink)} waits. */
    public DeviceContext commandTimeoutNs(final long timeoutNs)
    {
        this.commandTimeoutNs = timeoutNs;
        return this;
    }

    public long commandTimeoutNs()
    {
        return commandTimeoutNs;
    }

    /** A heartbeat that stands still for longer than this is a fault. */
    public DeviceContext heartbeatTimeoutNs(final long timeoutNs)
    {
        this.heartbeatTimeoutNs = timeoutNs;
        return this;
    }

    public long heartbeatTimeoutNs()
    {
        return heartbeatTimeoutNs;
    }

    /** How long opening waits for the card to publish its window and reach RUNNING. */
    public DeviceContext startTimeoutNs(final long timeoutNs)
    {
        this.startTimeoutNs = timeoutNs;
        return this;
    }

    public long startTimeoutNs()
    {
        return startTimeoutNs;
    }

    /** The simulated card's longest back-off sleep when idle (xb-card --idle-us); 0: it never sleeps, it yields. */
    public DeviceContext idleMicros(final long idleMicros)
    {
        this.idleMicros = idleMicros;
        return this;
    }

    public long idleMicros()
    {
        return idleMicros;
    }

    /** The project's top directory (holds sim/ and hw/). Default: -Dcrossbar.home, else found upwards. */
    public DeviceContext home(final Path home)
    {
        this.home = home;
        return this;
    }

    public Path home()
    {
        return home;
    }

    /** Where xb-card and libxbcard.so are; default sim/build/&lt;parameters&gt;/ under home. */
    public DeviceContext simBuildDirectory(final Path directory)
    {
        this.simBuildDirectory = directory;
        return this;
    }

    public Path simBuildDirectory()
    {
        return simBuildDirectory;
    }

    /** Whether to run sim/build.sh before opening a simulated card (a no-op when up to date). */
    public DeviceContext buildSim(final boolean buildSim)
    {
        this.buildSim = buildSim;
        return this;
    }

    public boolean buildSim()
    {
        return buildSim;
    }

    /**
     * Another RTL file list than hw/rtl/files.f (same top module and ports), e.g. a variant
     * under test; its builds go to sim/build/custom-&lt;parameters&gt;/ unless a directory is set.
     */
    public DeviceContext rtlFileList(final Path fileList)
    {
        this.rtlFileList = fileList;
        return this;
    }

    public Path rtlFileList()
    {
        return rtlFileList;
    }

    /** Where the simulated card's device file is created. */
    public DeviceContext shmDirectory(final Path directory)
    {
        this.shmDirectory = directory;
        return this;
    }

    public Path shmDirectory()
    {
        return shmDirectory;
    }

    /** An FST waveform of cycles [from, to) of a simulated card; null for none. */
    public DeviceContext trace(final Path file, final long fromCycle, final long toCycle)
    {
        this.traceFile = file;
        this.traceFromCycle = fromCycle;
        this.traceToCycle = toCycle;
        return this;
    }

    /**
     * A test of the card's back-pressure (the in-process simulated card only): its event stream
     * is refused on this share of cycles, pseudo-randomly; 0, the default, for none.
     */
    public DeviceContext egressStallPercent(final int percent)
    {
        this.egressStallPercent = percent;
        return this;
    }

    public int egressStallPercent()
    {
        return egressStallPercent;
    }

    public Path traceFile()
    {
        return traceFile;
    }

    public long traceFromCycle()
    {
        return traceFromCycle;
    }

    public long traceToCycle()
    {
        return traceToCycle;
    }

    /**
     * Validate and fill in what was left to default.
     *
     * @throws IllegalArgumentException naming what is out of range.
     */
    public DeviceContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        engineConfig.conclude();
        new DeviceLayout(commandRingSlots, eventRingSlots);
        requirePositive("commandTimeoutNs", commandTimeoutNs);
        requirePositive("heartbeatTimeoutNs", heartbeatTimeoutNs);
        requirePositive("startTimeoutNs", startTimeoutNs);
        if (idleMicros < 0)
        {
            throw new IllegalArgumentException("idleMicros must be 0 (never sleep) or more: " + idleMicros);
        }
        if (egressStallPercent < 0 || egressStallPercent > 99)
        {
            throw new IllegalArgumentException("egress stall must be 0..99 percent: " + egressStallPercent);
        }
        if (traceFile != null && traceToCycle <= traceFromCycle)
        {
            throw new IllegalArgumentException("trace window is empty: [" + traceFromCycle + ", " + traceToCycle + ")");
        }
        if (home == null)
        {
            home = findHome();
        }
        if (simBuildDirectory == null)
        {
            simBuildDirectory = home.resolve("sim").resolve("build")
                .resolve((rtlFileList == null ? "" : "custom-") + SimBuild.tag(engineConfig));
        }
        concluded = true;
        return this;
    }

    /** -Dcrossbar.home, else the nearest directory upwards from the working one that has sim/build.sh. */
    static Path findHome()
    {
        final String property = System.getProperty(HOME_PROPERTY);
        if (property != null && !property.isBlank())
        {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent())
        {
            if (Files.isRegularFile(d.resolve("sim").resolve("build.sh")))
            {
                return d;
            }
        }
        return dir;
    }

    private static void requirePositive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
