package io.crossbar.cli;

import io.crossbar.engine.EngineConfig;
import io.crossbar.scenario.ReferenceTarget;
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
 * {@code crossbar replay FILE|DIR... [--device=reference] [--quiet]}: runs scenario files, prints
 * each command with the events it produced in the scenario format, and a diff for every
 * expectation that did not hold. Exit 0 when all pass, 1 when any expectation fails, 2 on a
 * syntax error or bad usage.
 */
final class ReplayCommand
{
    static final int PASS = 0;
    static final int FAIL = 1;
    static final int USAGE = 2;

    private ReplayCommand()
    {
    }

    static int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        String device = "reference";
        boolean quiet = false;
        final List<Path> files = new ArrayList<>();
        for (final String arg : args)
        {
            if (arg.startsWith("--device="))
            {
                device = arg.substring("--device=".length());
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
        if (!device.equals("reference"))
        {
            err.println("replay: unknown device '" + device + "' (available: reference)");
            return USAGE;
        }

        int failed = 0;
        int commands = 0;
        for (final Path file : files)
        {
            final Scenario scenario;
            final ScenarioRunner.Result result;
            try
            {
                scenario = ScenarioParser.parse(file);
                result = new ScenarioRunner().run(scenario, new ReferenceTarget(new EngineConfig()));
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
            commands += result.commands();
            if (!quiet)
            {
                out.println("## " + file);
                result.transcript().forEach(out::println);
                out.println();
            }
            if (result.passed())
            {
                out.println("PASS " + file + " (" + result.commands() + " commands)");
            }
            else
            {
                failed++;
                out.println("FAIL " + file);
                result.failures().forEach(f -> out.println(f.indent(2).stripTrailing()));
            }
            if (!quiet)
            {
                out.println();
            }
        }
        out.println((files.size() - failed) + " of " + files.size() + " scenarios passed, " + commands +
            " commands on device " + device);
        return failed == 0 ? PASS : FAIL;
    }

    private static int usage(final PrintStream err)
    {
        err.println("usage: crossbar replay FILE|DIR... [--device=reference] [--quiet]");
        return USAGE;
    }
}
