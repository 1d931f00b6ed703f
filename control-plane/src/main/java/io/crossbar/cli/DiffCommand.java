package io.crossbar.cli;

import io.crossbar.device.Device;
import io.crossbar.device.DeviceContext;
import io.crossbar.device.DeviceException;
import io.crossbar.device.DeviceLayout;
import io.crossbar.device.Devices;
import io.crossbar.device.DifferentialRun;
import io.crossbar.device.InProcessSimDevice;
import io.crossbar.device.SimDevice;
import io.crossbar.engine.EngineConfig;
import io.crossbar.workload.RandomCommands;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * {@code crossbar diff [--device=SPEC] [--seeds=S,S,...] [--commands=N] [--config=small|default]
 * [--window=N] [--record=FILE] [--egress-stall=PERCENT] [--stream=mixed|quoting]}: the differential run of
 * a device against the reference engine (see {@link DifferentialRun}), one fresh device per seed, on
 * the mix of every command kind or a market maker's stream ({@code --stream=quoting}). {@code --egress-stall}
 * refuses the in-process card's event stream on that share of cycles (a test of its
 * back-pressure). {@code --record} writes every command
 * record to FILE, seeds separated by a record of 64 bytes 0xFF (a reset for
 * {@code hw/tb/xb_replay}). Prints the rate and, on the first
 * divergence, the seed, command and both events. Exit 0 when every event matched, 1 on a
 * divergence, 2 on bad usage, 3 when the device cannot be opened or faults.
 */
final class DiffCommand
{
    private static final long PROGRESS_INTERVAL_NS = 5_000_000_000L;
    private static final byte[] RESET_MARKER = new byte[DeviceLayout.RECORD_LENGTH];

    static
    {
        java.util.Arrays.fill(RESET_MARKER, (byte)0xFF);
    }

    private DiffCommand()
    {
    }

    static int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        String device = "sim-inproc";
        final List<Long> seeds = new ArrayList<>();
        long commands = 200_000;
        boolean small = true;
        int window = 256;
        int egressStall = 0;
        boolean quoting = false;
        Path record = null;
        for (final String arg : args)
        {
            try
            {
                if (arg.startsWith("--device="))
                {
                    device = arg.substring("--device=".length());
                }
                else if (arg.startsWith("--seeds=") || arg.startsWith("--seed="))
                {
                    for (final String s : arg.substring(arg.indexOf('=') + 1).split(","))
                    {
                        seeds.add(Long.parseLong(s.trim()));
                    }
                }
                else if (arg.startsWith("--commands="))
                {
                    commands = Long.parseLong(arg.substring("--commands=".length()).replace("_", ""));
                }
                else if (arg.equals("--config=small") || arg.equals("--config=default"))
                {
                    small = arg.endsWith("small");
                }
                else if (arg.startsWith("--record="))
                {
                    if (arg.length() == "--record=".length())
                    {
                        err.println("diff: --record needs a value (a file to write)");
                        return usage(err);
                    }
                    record = Path.of(arg.substring("--record=".length()));
                }
                else if (arg.startsWith("--window="))
                {
                    window = Integer.parseInt(arg.substring("--window=".length()));
                }
                else if (arg.equals("--stream=quoting") || arg.equals("--stream=mixed"))
                {
                    quoting = arg.endsWith("quoting");
                }
                else if (arg.startsWith("--egress-stall="))
                {
                    egressStall = Integer.parseInt(arg.substring("--egress-stall=".length()));
                }
                else
                {
                    err.println("diff: unknown option '" + arg + "'");
                    return usage(err);
                }
            }
            catch (final NumberFormatException ex)
            {
                err.println("diff: not a number in '" + arg + "'");
                return usage(err);
            }
        }
        if (seeds.isEmpty())
        {
            seeds.add(1L);
        }
        if (commands < 1 || window < 1)
        {
            err.println("diff: --commands and --window must be positive");
            return usage(err);
        }
        if (egressStall < 0 || egressStall > 99 || (egressStall != 0 && !device.equals("sim-inproc")))
        {
            err.println("diff: --egress-stall takes 0..99 (percent) and works on sim-inproc only");
            return usage(err);
        }

        final EngineConfig config = small ? RandomCommands.smallConfig() : new EngineConfig();
        out.println("differential run: " + commands + " commands per seed, seeds " + seeds + ", device " + device +
            ", " + config);
        final long[] totals = new long[2]; // commands, device ns
        OutputStream log = null;
        try
        {
            log = record == null ? null : new BufferedOutputStream(Files.newOutputStream(record), 1 << 16);
        }
        catch (final IOException ex)
        {
            err.println("diff: cannot write the record: " + IoProblems.describe(ex));
            return ReplayCommand.USAGE;
        }
        try
        {
            for (int i = 0; i < seeds.size(); i++)
            {
                final long seed = seeds.get(i);
                if (log != null && i > 0)
                {
                    log.write(RESET_MARKER); // every stream after the first starts from a reset, even a repeated seed
                }
                final int code = runSeed(device, config, window, egressStall, quoting, seed, commands, log, totals, out, err);
                if (code != ReplayCommand.PASS)
                {
                    return code;
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            err.println("diff: cannot write the record: " +
                IoProblems.describe(ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException)ex));
            return ReplayCommand.USAGE;
        }
        finally
        {
            closeQuietly(log, err);
        }
        out.printf("PASS: %,d commands, every event identical to the reference engine's (%,.0f commands/s through the device)%n",
            totals[0], totals[0] / (totals[1] / 1e9));
        return ReplayCommand.PASS;
    }

    private static int runSeed(
        final String device,
        final EngineConfig config,
        final int window,
        final int egressStall,
        final boolean quoting,
        final long seed,
        final long commands,
        final OutputStream log,
        final long[] totals,
        final PrintStream out,
        final PrintStream err)
    {
        final DeviceContext context = new DeviceContext().engineConfig(config).egressStallPercent(egressStall);
        final DifferentialRun.Result result;
        String cycles = "";
        try (Device opened = Devices.open(device, context))
        {
            final long[] nextReport = {System.nanoTime() + PROGRESS_INTERVAL_NS};
            final long start = System.nanoTime();
            final LongConsumer progress = done ->
            {
                final long now = System.nanoTime();
                if (now > nextReport[0])
                {
                    nextReport[0] = now + PROGRESS_INTERVAL_NS;
                    out.printf("  seed %d: %,d commands, %,.0f commands/s%n", seed, done, done / ((now - start) / 1e9));
                }
            };
            final DifferentialRun run = new DifferentialRun(opened, config, window, context.commandTimeoutNs());
            if (quoting)
            {
                run.quoting();
            }
            result = run
                .recordCommandsTo(log)
                .run(seed, commands, progress);
            final long simulatedCycles = cyclesOf(opened);
            if (simulatedCycles > 0 && result.commands() > 0)
            {
                cycles = String.format("; %,d cycles, %.1f cycles/command, %,.0f cycles/s simulated", simulatedCycles,
                    (double)simulatedCycles / result.commands(), simulatedCycles / (result.deviceNs() / 1e9));
            }
        }
        catch (final DeviceException ex)
        {
            err.println("diff: device " + device + " failed: " + ex.getMessage());
            return ReplayCommand.DEVICE_ERROR;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("diff: " + ex.getMessage());
            return ReplayCommand.USAGE;
        }
        totals[0] += result.commands();
        totals[1] += result.deviceNs();
        if (!result.passed())
        {
            out.println("DIVERGED after " + result.commands() + " commands and " + result.events() + " matching events");
            out.println(result.divergence());
            return ReplayCommand.FAIL;
        }
        out.printf("seed %d: %,d commands, %,d events identical; %,.0f commands/s through the device " +
            "(%,.0f commands/s with generation and reference)%s%n",
            seed, result.commands(), result.events(), result.commands() / (result.deviceNs() / 1e9),
            result.commands() / (result.elapsedNs() / 1e9), cycles);
        return ReplayCommand.PASS;
    }

    private static void closeQuietly(final OutputStream log, final PrintStream err)
    {
        if (log != null)
        {
            try
            {
                log.close();
            }
            catch (final IOException ex)
            {
                err.println("diff: cannot finish the command record: " + ex.getMessage());
            }
        }
    }

    /** Cycles the simulated card has run (its CYCLES counter); 0 for other devices. */
    private static long cyclesOf(final Device device)
    {
        if (device instanceof InProcessSimDevice inProcess)
        {
            return inProcess.cycles();
        }
        if (device instanceof SimDevice sim)
        {
            return sim.memory().register(DeviceLayout.CYCLES);
        }
        return 0;
    }

    private static int usage(final PrintStream err)
    {
        err.println("usage: crossbar diff [--device=sim-inproc|sim|reference|pcie:PATH] [--seeds=S,S,...] [--commands=N]");
        err.println("                     [--config=small|default] [--window=N] [--record=FILE] [--egress-stall=PERCENT]");
        err.println("                     [--stream=mixed|quoting]");
        return ReplayCommand.USAGE;
    }
}
