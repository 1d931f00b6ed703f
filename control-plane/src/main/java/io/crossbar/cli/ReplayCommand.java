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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code crossbar replay FILE|DIR... [--device=SPEC] [--trace-dir=DIR] [--quiet]}: runs scenario
 * files through a device (reference, sim, sim-inproc, pcie:PATH; a fresh one per file), prints
 * each command with the events it produced in the scenario format, and a diff for every
 * expectation that did not hold. Only the reference device can be inspected: on the others
 * {@code check} lines are reported as not checkable there and left out.
 * <p>
 * A file that cannot be read or has a syntax error, or a directory with no {@code .scn} files, is
 * reported and the run goes on with the rest, so one bad file does not hide the results of the
 * others. The exit status is the worst outcome of any file: 0 when all pass, 1 when any
 * expectation fails, 2 on a syntax error, an unreadable file or bad usage (this beats 1), 3 when
 * the device cannot be opened or faults. A device error stops the run at once, because every
 * later file would fail the same way.
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
        final List<Path> inputs = new ArrayList<>();
        for (final String arg : args)
        {
            if (arg.equals("--device") || arg.startsWith("--device="))
            {
                device = value(arg, "SPEC", err);
                if (device == null)
                {
                    return usage(err);
                }
            }
            else if (arg.equals("--trace-dir") || arg.startsWith("--trace-dir="))
            {
                final String dir = value(arg, "DIR", err);
                if (dir == null)
                {
                    return usage(err);
                }
                traceDir = Path.of(dir);
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
                inputs.add(Path.of(arg));
            }
        }
        if (inputs.isEmpty())
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
                err.println("replay: cannot create " + traceDir + ": " + reason(ex, traceDir));
                return USAGE;
            }
        }

        int status = PASS;
        int errors = 0;
        final List<Path> files = new ArrayList<>();
        for (final Path input : inputs)
        {
            if (Files.isDirectory(input))
            {
                final List<Path> scenarios;
                try (Stream<Path> list = Files.list(input))
                {
                    scenarios = list.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
                }
                catch (final IOException ex)
                {
                    err.println("replay: cannot list " + input + ": " + reason(ex, input));
                    errors++;
                    status = worse(status, USAGE);
                    continue;
                }
                if (scenarios.isEmpty())
                {
                    err.println("replay: no .scn files in " + input);
                    errors++;
                    status = worse(status, USAGE);
                }
                files.addAll(scenarios);
            }
            else
            {
                files.add(input);
            }
        }
        if (files.isEmpty())
        {
            // Every argument was a directory without scenarios, each reported above: nothing to summarise.
            return status;
        }

        int passed = 0;
        int commands = 0;
        int uncheckable = 0;
        String deviceInfo = device;
        for (final Path file : files)
        {
            final ScenarioRunner.Result result;
            int skippedChecks = 0;
            try
            {
                final Scenario scenario = ScenarioParser.parse(file);
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
                // From the parser, or from a command or check line found not to translate as it runs.
                err.println("syntax error: " + ex.getMessage());
                errors++;
                status = worse(status, USAGE);
                notRun(file, "syntax error at line " + ex.line(), quiet, out);
                continue;
            }
            catch (final IOException ex)
            {
                err.println("replay: cannot read " + file + ": " + reason(ex, file));
                errors++;
                status = worse(status, USAGE);
                notRun(file, "cannot read it", quiet, out);
                continue;
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
                passed++;
                out.println("PASS " + file + " (" + result.commands() + " commands" + notChecked + ")");
            }
            else
            {
                status = worse(status, FAIL);
                out.println("FAIL " + file + (notChecked.isEmpty() ? "" : " (" + notChecked.substring(2) + ")"));
                result.failures().forEach(f -> out.println(f.indent(2).stripTrailing()));
            }
            if (!quiet)
            {
                out.println();
            }
        }
        out.println(passed + " of " + files.size() + " scenarios passed" +
            (errors == 0 ? "" : ", " + errors + (errors == 1 ? " error" : " errors")) + ", " + commands +
            " commands on device " + device + (uncheckable == 0 ? "" : ", " + uncheckable + " check lines not checkable there"));
        if (!device.equals("reference"))
        {
            out.println("device " + deviceInfo);
        }
        return status;
    }

    /**
     * The value of {@code --NAME=VALUE}, or null, reported as a usage error, when it is missing or
     * empty: an empty directory, say, would quietly mean the current one.
     */
    private static String value(final String arg, final String placeholder, final PrintStream err)
    {
        final int eq = arg.indexOf('=');
        final String value = eq < 0 ? "" : arg.substring(eq + 1);
        if (value.isEmpty())
        {
            final String option = eq < 0 ? arg : arg.substring(0, eq);
            err.println("replay: " + option + " needs a value (" + option + "=" + placeholder + ")");
            return null;
        }
        return value;
    }

    /** The line a file that did not run gets where a passing one gets its PASS line. */
    private static void notRun(final Path file, final String why, final boolean quiet, final PrintStream out)
    {
        out.println("ERROR " + file + " (" + why + ")");
        if (!quiet)
        {
            out.println();
        }
    }

    /** The worse of two outcomes: the exit codes rank by number, PASS < FAIL < USAGE < DEVICE_ERROR. */
    private static int worse(final int status, final int outcome)
    {
        return Math.max(status, outcome);
    }

    /**
     * What is wrong with a path, in words. The exceptions' own messages are often just the path
     * again, or the decoder's "Input length = 1".
     */
    private static String reason(final IOException ex, final Path path)
    {
        if (ex instanceof NoSuchFileException && !path.isAbsolute())
        {
            return "no such file (paths are relative to " + Path.of("").toAbsolutePath() + ")";
        }
        if (!(ex instanceof NoSuchFileException) && Files.isDirectory(path))
        {
            return "is a directory";
        }
        return IoProblems.reason(ex);
    }

    private static int usage(final PrintStream err)
    {
        err.println("usage: crossbar replay FILE|DIR... [--device=reference|sim|sim-inproc|pcie:PATH] [--trace-dir=DIR] [--quiet]");
        err.println("  exit status, the worst of any file: 0 all passed, 1 an expectation failed, 2 a syntax error,");
        err.println("  an unreadable file or bad usage, 3 the device could not be opened or faulted (stops the run)");
        return USAGE;
    }
}
