package io.crossbar.cli;

import io.crossbar.device.Device;
import io.crossbar.device.DeviceContext;
import io.crossbar.device.DeviceException;
import io.crossbar.device.DeviceTarget;
import io.crossbar.device.Devices;
import io.crossbar.device.ScenarioChecks;
import io.crossbar.scenario.Scenario;
import io.crossbar.scenario.ScenarioParser;
import io.crossbar.scenario.ScenarioRunner;
import io.crossbar.scenario.ScenarioSyntaxException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code crossbar replay FILE|DIR... [--device=SPEC] [--trace-dir=DIR] [--quiet]}: runs scenario
 * files through a device (reference, sim, sim-inproc, pcie:PATH; a fresh one per file), prints
 * each command with the events it produced in the scenario format, and a diff for every
 * expectation that did not hold. Only the reference device can be inspected: on the others
 * {@code check} lines are reported as not checkable there and left out. Exit 0 when all pass,
 * 1 when any expectation fails, 2 on a syntax error or bad usage, 3 when the device cannot be
 * opened or faults.
 */
final class ReplayCommand
{
    static final int PASS = 0;
    static final int FAIL = 1;
    static final int USAGE = 2;
    static final int DEVICE_ERROR = 3;

    private ReplayCommand()
    {
    }

    static int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        String device = "reference";
        Path traceDir = null;
        boolean quiet = false;
        final List<Path> files = new ArrayList<>();
        for (final String arg : args)
        {
            if (arg.startsWith("--device="))
            {
                device = arg.substring("--device=".length());
            }
            else if (arg.startsWith("--trace-dir="))
            {
                traceDir = Path.of(arg.substring("--trace-dir=".length()));
            }
            else if (arg.equals("--quiet") || arg.equals("-q"))
            {
                quiet = true;
            }
            else if (arg.startsWith("-"))
            {
                err.println("replay: unknown option '" + arg + "'");
                return usage(err);
            }
            else
            {
                final Path path = Path.of(arg);
                if (Files.isDirectory(path))
                {
                    try (Stream<Path> list = Files.list(path))
                    {
                        list.filter(p -> p.toString().endsWith(".scn")).sorted().forEach(files::add);
                    }
                    catch (final IOException ex)
                    {
                        err.println("replay: cannot list " + path + ": " + ex.getMessage());
                        return USAGE;
                    }
                }
                else
                {
                    files.add(path);
                }
            }
        }
        if (files.isEmpty())
        {
            err.println("replay: no scenario files given");
            return usage(err);
        }
        if (!device.equals("reference") && !Devices.isSimulated(device) && !device.startsWith("pcie:"))
        {
            err.println("replay: unknown device '" + device + "' (available: " + Devices.SPECS + ")");
            return USAGE;
        }
        if (traceDir != null && !Devices.isSimulated(device))
        {
            err.println("replay: --trace-dir needs a simulated device (sim or sim-inproc)");
            return USAGE;
        }

        if (traceDir != null)
        {
            try
            {
                Files.createDirectories(traceDir);
            }
            catch (final IOException ex)
            {
                err.println("replay: cannot create " + traceDir + ": " + ex);
                return USAGE;
            }
        }

        int failed = 0;
        int commands = 0;
        int uncheckable = 0;
        String deviceInfo = device;
        for (final Path file : files)
        {
            final Scenario scenario;
            final ScenarioRunner.Result result;
            int skippedChecks = 0;
            try
            {
                scenario = ScenarioParser.parse(file);
                final DeviceContext context = new DeviceContext();
                if (traceDir != null)
                {
                    context.trace(traceDir.resolve(file.getFileName().toString().replaceFirst("\\.scn$", "") + ".fst"),
                        0, Long.MAX_VALUE);
                }
                try (Device opened = Devices.open(device, context))
                {
                    deviceInfo = opened.info().toString();
                    final DeviceTarget target = new DeviceTarget(opened, context.commandTimeoutNs());
                    Scenario runnable = scenario;
                    if (target.state() == null)
                    {
                        skippedChecks = ScenarioChecks.count(scenario);
                        runnable = ScenarioChecks.withoutChecks(scenario);
                    }
                    result = new ScenarioRunner().run(runnable, target);
                }
            }
            catch (final ScenarioSyntaxException ex)
            {
                err.println("syntax error: " + ex.getMessage());
                return USAGE;
            }
            catch (final IOException ex)
            {
                err.println("replay: cannot read " + file + ": " + ex.getMessage());
                return USAGE;
            }
            catch (final DeviceException ex)
            {
                err.println("replay: device " + device + " failed on " + file + ": " + ex.getMessage());
                return DEVICE_ERROR;
            }
            uncheckable += skippedChecks;
            final String notChecked = skippedChecks == 0 ? "" :
                "; " + skippedChecks + " check line" + (skippedChecks == 1 ? "" : "s") + " not checkable on device " + device;
            commands += result.commands();
            if (!quiet)
            {
                out.println("## " + file);
                result.transcript().forEach(out::println);
                out.println();
            }
            if (result.passed())
            {
                out.println("PASS " + file + " (" + result.commands() + " commands" + notChecked + ")");
            }
            else
            {
                failed++;
                out.println("FAIL " + file + (notChecked.isEmpty() ? "" : " (" + notChecked.substring(2) + ")"));
                result.failures().forEach(f -> out.println(f.indent(2).stripTrailing()));
            }
            if (!quiet)
            {
                out.println();
            }
        }
        out.println((files.size() - failed) + " of " + files.size() + " scenarios passed, " + commands +
            " commands on device " + device + (uncheckable == 0 ? "" : ", " + uncheckable + " check lines not checkable there"));
        if (!device.equals("reference"))
        {
            out.println("device " + deviceInfo);
        }
        return failed == 0 ? PASS : FAIL;
    }

    private static int usage(final PrintStream err)
    {
        err.println("usage: crossbar replay FILE|DIR... [--device=reference|sim|sim-inproc|pcie:PATH] [--trace-dir=DIR] [--quiet]");
        return USAGE;
    }
}
