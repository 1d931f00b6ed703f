package io.crossbar.device;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated card as it will be deployed: a separate process ({@code sim/build/.../xb-card})
 * clocking the Verilated RTL and serving the rings of a device file in /dev/shm, driven through
 * {@link SharedMemoryDevice} exactly like the card on PCIe. The process is started on open and
 * stopped on close; its death is a fault that {@link #health()} reports with its exit status and
 * the last lines it wrote.
 */
public final class SimDevice extends SharedMemoryBackedDevice
{
    private static final AtomicLong INSTANCES = new AtomicLong();
    private static final long STOP_WAIT_MS = 5_000;
    private static final int LOG_LINES = 12;

    /**
     * Children are started from one long-lived thread: xb-card asks the kernel to stop it when its
     * parent goes away (PR_SET_PDEATHSIG), and for the kernel the parent is the thread that
     * started it, so that thread must live as long as the JVM.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r ->
    {
        final Thread thread = new Thread(r, "xb-card-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private final Process process;
    private final Path file;
    private final Path log;

    private SimDevice(final Process process, final Path file, final Path log, final SharedMemoryDevice device)
    {
        super(device);
        this.process = process;
        this.file = file;
        this.log = log;
    }

    /**
     * Build (if needed) and start a simulated card with the context's capacities and ring sizes,
     * and wait until it is RUNNING.
     *
     * @throws DeviceException when it cannot be built, started, or does not come up.
     */
    public static SimDevice launch(final DeviceContext context)
    {
        context.conclude();
        final Path dir = SimBuild.ensure(context);
        final DeviceLayout layout = new DeviceLayout(context.commandRingSlots(), context.eventRingSlots());
        final Path file = context.shmDirectory().resolve(
            "crossbar-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet() + ".card");
        final Path log = file.resolveSibling(file.getFileName() + ".log");
        final List<String> command = new ArrayList<>(List.of(dir.resolve("xb-card").toString(),
            "--device", file.toString(),
            "--cmd-slots", String.valueOf(layout.commandSlots()),
            "--evt-slots", String.valueOf(layout.eventSlots()),
            "--idle-us", String.valueOf(context.idleMicros()),
            "--unlink-on-exit"));
        if (context.traceFile() != null)
        {
            command.addAll(List.of("--trace", context.traceFile().toString(),
                "--trace-from", Long.toUnsignedString(context.traceFromCycle()),
                "--trace-to", Long.toUnsignedString(context.traceToCycle())));
        }

        final Process process;
        try
        {
            Files.deleteIfExists(file);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
            {
                raf.setLength(layout.size());
            }
            final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            process = LAUNCHER.submit(builder::start).get();
        }
        catch (final IOException ex)
        {
            deleteQuietly(file, log);
            throw new DeviceException("sim: cannot create " + file + ": " + ex.getMessage(), ex);
        }
        catch (final ExecutionException ex)
        {
            deleteQuietly(file, log);
            throw new DeviceException("sim: cannot start " + command.getFirst() + ": " + ex.getCause().getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            deleteQuietly(file, log);
            throw new DeviceException("sim: interrupted while starting the card", ex);
        }

        final SharedMemoryDevice.FaultProbe probe = () -> process.isAlive() ? null : deathNotice(process, log);
        try
        {
            final SharedMemoryDevice device = SharedMemoryDevice.open("sim", file, context, probe, context.engineConfig());
            return new SimDevice(process, file, log, device);
        }
        catch (final RuntimeException ex)
        {
            stop(process);
            deleteQuietly(file, log);
            throw ex;
        }
    }

    /** The process behind the card, e.g. to watch or signal it. */
    public ProcessHandle process()
    {
        return process.toHandle();
    }

    @Override
    public void close()
    {
        super.close();
        stop(process);
        deleteQuietly(file, log);
    }

    private static void stop(final Process process)
    {
        process.destroy();
        try
        {
            if (!process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly().waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String deathNotice(final Process process, final Path log)
    {
        final int code = process.exitValue();
        final String how = code > 128 ? "was killed by signal " + (code - 128) : "exited with code " + code;
        String tail = "";
        try
        {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (!lines.isEmpty())
            {
                tail = "; its last output:\n  " +
                    String.join("\n  ", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
            }
        }
        catch (final IOException ignore)
        {
            // no log to show
        }
        return "the card process xb-card (pid " + process.pid() + ") " + how + tail;
    }

    private static void deleteQuietly(final Path... paths)
    {
        for (final Path path : paths)
        {
            try
            {
                Files.deleteIfExists(path);
            }
            catch (final IOException ignore)
            {
                // a file in /dev/shm that outlives us is not worth failing for
            }
        }
    }
}
