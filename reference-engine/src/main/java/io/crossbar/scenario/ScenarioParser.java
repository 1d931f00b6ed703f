package io.crossbar.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the structure of a scenario file (docs/scenarios.md): header lines, the setup block, and
 * steps. Commands themselves are translated when they run, because order labels bind as orders
 * are accepted; a command that does not translate is reported with its file and line then.
 */
public final class ScenarioParser
{
    private ScenarioParser()
    {
    }

    public static Scenario parse(final Path path) throws IOException, ScenarioSyntaxException
    {
        return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static Scenario parse(final String file, final String text) throws ScenarioSyntaxException
    {
        String title = null;
        List<String> rules = List.of();
        final List<Scenario.Step> setup = new ArrayList<>();
        final List<Scenario.Step> steps = new ArrayList<>();
        boolean inSetup = false;
        int commandLine = 0;
        String command = null;
        List<String> expected = null;
        List<Integer> expectedLines = null;

        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final int lineNo = i + 1;
            final String line = normalise(lines[i]);
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            if (line.startsWith("title:"))
            {
                requireHeader(file, lineNo, "title:", inSetup || command != null || !steps.isEmpty());
                title = line.substring("title:".length()).trim();
                if (title.isEmpty())
                {
                    throw new ScenarioSyntaxException(file, lineNo, "expected a title after 'title:'");
                }
                continue;
            }
            if (line.startsWith("rules:"))
            {
                requireHeader(file, lineNo, "rules:", inSetup || command != null || !steps.isEmpty());
                rules = Arrays.asList(line.substring("rules:".length()).trim().split(" "));
                if (rules.getFirst().isEmpty())
                {
                    throw new ScenarioSyntaxException(file, lineNo, "expected rule ids after 'rules:'");
                }
                continue;
            }
            if (line.equals("setup:"))
            {
                if (inSetup || command != null || !steps.isEmpty() || !setup.isEmpty())
                {
                    throw new ScenarioSyntaxException(file, lineNo, "'setup:' must come once, before the first '>' step");
                }
                inSetup = true;
                continue;
            }
            if (line.startsWith(">"))
            {
                if (command != null)
                {
                    steps.add(new Scenario.Step(commandLine, command, false, expected, expectedLines));
                }
                inSetup = false;
                command = line.substring(1).trim();
                if (command.isEmpty())
                {
                    throw new ScenarioSyntaxException(file, lineNo, "expected a command after '>'");
                }
                commandLine = lineNo;
                expected = new ArrayList<>();
                expectedLines = new ArrayList<>();
                continue;
            }
            if (line.startsWith("check ") || line.equals("check"))
            {
                if (command != null)
                {
                    steps.add(new Scenario.Step(commandLine, command, false, expected, expectedLines));
                    command = null;
                }
                inSetup = false;
                steps.add(new Scenario.Step(lineNo, line.substring("check".length()).trim(), true, List.of(), List.of()));
                continue;
            }
            if (inSetup)
            {
                setup.add(new Scenario.Step(lineNo, line, false, List.of(), List.of()));
                continue;
            }
            if (command == null)
            {
                throw new ScenarioSyntaxException(file, lineNo,
                    "expected 'title:', 'rules:', 'setup:', a '> command' or a 'check' line, but found '" + line + "'");
            }
            expected.add(line);
            expectedLines.add(lineNo);
        }
        if (command != null)
        {
            steps.add(new Scenario.Step(commandLine, command, false, expected, expectedLines));
        }
        if (title == null)
        {
            throw new ScenarioSyntaxException(file, 1, "expected a 'title:' line");
        }
        if (steps.isEmpty())
        {
            throw new ScenarioSyntaxException(file, lines.length, "expected at least one '> command' step");
        }
        return new Scenario(file, title, rules, setup, steps);
    }

    private static void requireHeader(final String file, final int line, final String what, final boolean late)
        throws ScenarioSyntaxException
    {
        if (late)
        {
            throw new ScenarioSyntaxException(file, line, "'" + what + "' belongs at the top, before 'setup:' and the steps");
        }
    }

    /** Collapse runs of whitespace, so alignment in a file never matters. */
    static String normalise(final String raw)
    {
        return raw.strip().replaceAll("\\s+", " ");
    }
}
