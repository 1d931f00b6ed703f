package io.crossbar.scenario;

import java.util.List;

/**
 * A parsed scenario file: a title, the rules of docs/semantics.md it exercises, setup commands
 * that must succeed silently, and steps, each a command with the events it must produce or a
 * check of the resulting state.
 *
 * @param file  where it came from, for messages.
 * @param title one line saying what the scenario shows.
 * @param rules rule ids from docs/semantics.md.
 * @param setup commands run before the steps; any reject is an error.
 * @param steps commands with expected events, and checks.
 */
public record Scenario(String file, String title, List<String> rules, List<Step> setup, List<Step> steps)
{
    /**
     * One line of input and what it expects.
     *
     * @param line     the line number of the command or check.
     * @param text     the command or check as written, without the leading marker.
     * @param check    true for a {@code check} line, false for a command.
     * @param expected the expected event lines (commands only), whitespace-normalised.
     * @param expectedLines the line number of each expected event line.
     */
    public record Step(int line, String text, boolean check, List<String> expected, List<Integer> expectedLines)
    {
    }
}
