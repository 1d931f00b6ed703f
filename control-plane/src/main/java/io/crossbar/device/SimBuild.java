package io.crossbar.device;

import io.crossbar.engine.EngineConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The simulated card's build: {@code sim/build.sh} verilates hw/rtl with the capacities as
 * parameters and links the card process ({@code xb-card}) and the in-process library
 * ({@code libxbcard.so}) under {@code sim/build/<tag>/}. It rebuilds only what changed; this
 * class runs it at most once per directory per JVM.
 */
public final class SimBuild
{
    /** build.sh exit code: a tool (verilator, g++, make, zlib) is missing. */
    public static final int EXIT_MISSING_TOOL = 3;
    /** build.sh exit code: hw/rtl/files.f does not exist. */
    public static final int EXIT_NO_RTL = 4;

    private static final Set<Path> BUILT = ConcurrentHashMap.newKeySet();
    private static final long BUILD_TIMEOUT_MINUTES = 30;

    private SimBuild()
    {
    }

    /** The build directory name for a set of capacities, as build.sh names it. */
    public static String tag(final EngineConfig config)
    {
        return "i" + config.instruments() + "-l" + config.levelsPerSide() + "-s" + config.orderSlots() +
            "-a" + config.accounts();
    }

    /** Whether the RTL's file list exists under the project's top directory. */
    public static boolean rtlPresent(final Path home)
    {
        return Files.isRegularFile(home.resolve("hw").resolve("rtl").resolve("files.f"));
    }

    /** Whether verilator is on the PATH. */
    public static boolean verilatorPresent()
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(":"))
        {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "verilator")))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Build (or find up to date) the simulated card for the context's capacities.
     *
     * @return the directory holding {@code xb-card} and {@code libxbcard.so}.
     * @throws DeviceException with build.sh's explanation when it cannot be built.
     */
    public static Path ensure(final DeviceContext context)
    {
        context.conclude();
        final Path dir = context.simBuildDirectory().toAbsolutePath().normalize();
        if (!context.buildSim() || BUILT.contains(dir))
        {
            requireBuilt(dir);
            return dir;
        }
        final EngineConfig config = context.engineConfig();
        final Path script = context.home().resolve("sim").resolve("build.sh");
        if (!Files.isExecutable(script))
        {
            throw new DeviceException("cannot build the simulated card: " + script + " not found (set -D" +
                DeviceContext.HOME_PROPERTY + " to the project's top directory)");
        }
        final List<String> command = new ArrayList<>(List.of(script.toString(),
            "--instruments", String.valueOf(config.instruments()), "--levels", String.valueOf(config.levelsPerSide()),
            "--slots", String.valueOf(config.orderSlots()), "--accounts", String.valueOf(config.accounts()),
            "--out", dir.toString()));
        if (context.rtlFileList() != null)
        {
            command.addAll(List.of("--files", context.rtlFileList().toAbsolutePath().toString()));
        }
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final StringBuilder output = new StringBuilder();
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                for (String line = in.readLine(); line != null; line = in.readLine())
                {
                    if (line.startsWith("sim/build.sh: buil"))
                    {
                        System.err.println(line);   // a build takes a while: say so as it starts and ends
                    }
                    output.append(line).append('\n');
                }
            }
            if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES))
            {
                process.destroyForcibly();
                throw new DeviceException("sim/build.sh did not finish in " + BUILD_TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0)
            {
                throw new DeviceException("cannot build the simulated card (sim/build.sh exit " + process.exitValue() +
                    "):\n" + output.toString().strip());
            }
        }
        catch (final IOException ex)
        {
            throw new DeviceException("cannot run " + script + ": " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while building the simulated card", ex);
        }
        requireBuilt(dir);
        BUILT.add(dir);
        return dir;
    }

    private static void requireBuilt(final Path dir)
    {
        if (!Files.isExecutable(dir.resolve("xb-card")) || !Files.isRegularFile(dir.resolve("libxbcard.so")))
        {
            throw new DeviceException("no simulated card in " + dir + ": run sim/build.sh (see sim/README.md)");
        }
    }
}
