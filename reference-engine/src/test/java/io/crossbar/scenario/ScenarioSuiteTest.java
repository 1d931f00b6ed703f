package io.crossbar.scenario;

import io.crossbar.engine.EngineConfig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario file in scenarios/ passes on the reference engine, there are at least 40, and
 * every rule id defined in docs/semantics.md is exercised by at least one of them.
 */
class ScenarioSuiteTest
{
    private static final Path ROOT = Path.of(System.getProperty("crossbar.scenarios.dir", "../scenarios"));
    private static final Path SEMANTICS = ROOT.resolveSibling("docs").resolve("semantics.md");
    private static final Pattern RULE_DEFINITION = Pattern.compile("\\*\\*([A-Z][0-9])(?:\\*\\*|\\.)|\\(([A-Z][0-9])\\)");

    static List<Path> files() throws IOException
    {
        try (Stream<Path> list = Files.list(ROOT))
        {
            return list.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioPassesOnTheReferenceEngine() throws IOException
    {
        return files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () ->
        {
            final Scenario scenario = ScenarioParser.parse(file);
            final ScenarioRunner.Result result = new ScenarioRunner().run(scenario, new ReferenceTarget(new EngineConfig()));
            assertTrue(result.passed(), () -> String.join("\n", result.failures()));
        }));
    }

    @Test
    void thereAreAtLeastFortyScenariosAndEveryRuleHasOne() throws IOException, ScenarioSyntaxException
    {
        final List<Path> files = files();
        assertTrue(files.size() >= 40, "only " + files.size() + " scenario files");

        final Set<String> defined = new TreeSet<>();
        final Matcher m = RULE_DEFINITION.matcher(Files.readString(SEMANTICS));
        while (m.find())
        {
            defined.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertTrue(defined.size() >= 30, "rule ids found in docs/semantics.md: " + defined);

        final Set<String> covered = new TreeSet<>();
        for (final Path file : files)
        {
            covered.addAll(ScenarioParser.parse(file).rules());
        }
        final Set<String> uncovered = new TreeSet<>(defined);
        uncovered.removeAll(covered);
        assertEquals(Set.of(), uncovered, "rules of docs/semantics.md without a scenario");
        final Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(defined);
        assertEquals(Set.of(), unknown, "scenarios name rules docs/semantics.md does not define");
    }

    @Test
    void aSyntaxErrorNamesTheFileTheLineAndWhatWasExpected()
    {
        final String text = """
            title: broken
            setup:
              instrument BTC id=1 ref=100 band=100 max-qty=10 position-limit=10
              account alice id=1 credit=100
            > alice buy ten BTC @ 100
            """;
        final ScenarioSyntaxException ex = assertThrows(ScenarioSyntaxException.class,
            () -> new ScenarioRunner().run(ScenarioParser.parse("broken.scn", text), new ReferenceTarget(new EngineConfig())));
        assertEquals("broken.scn", ex.file());
        assertEquals(5, ex.line());
        assertTrue(ex.getMessage().contains("expected a number but found 'ten'"), ex.getMessage());

        final ScenarioSyntaxException noTitle = assertThrows(ScenarioSyntaxException.class,
            () -> ScenarioParser.parse("t.scn", "> halt\n"));
        assertTrue(noTitle.getMessage().contains("expected a 'title:' line"), noTitle.getMessage());

        final ScenarioSyntaxException stray = assertThrows(ScenarioSyntaxException.class,
            () -> ScenarioParser.parse("t.scn", "title: x\naccepted A1\n> halt\n"));
        assertEquals(2, stray.line());

        final ScenarioSyntaxException label = assertThrows(ScenarioSyntaxException.class,
            () -> new ScenarioRunner().run(ScenarioParser.parse("l.scn", "title: x\n> #1 cancel NOPE\n"),
                new ReferenceTarget(new EngineConfig())));
        assertTrue(label.getMessage().contains("unknown order label 'NOPE'"), label.getMessage());
    }

    @Test
    void aWrongExpectationFailsWithADiffNamingTheLine() throws ScenarioSyntaxException
    {
        final String text = """
            title: wrong on purpose
            setup:
              instrument BTC id=1 ref=100 band=1000 max-qty=10 position-limit=10
              account alice id=1 credit=100
            > alice buy 1 BTC @ 100 as A1
              accepted A1 alice buy 2 BTC @ 100
              level BTC bid 100 qty=1 orders=1
            check position alice BTC = 1
            """;
        final ScenarioRunner.Result result =
            new ScenarioRunner().run(ScenarioParser.parse("wrong.scn", text), new ReferenceTarget(new EngineConfig()));
        assertFalse(result.passed());
        assertEquals(2, result.failures().size(), result.failures().toString());
        final String diff = result.failures().get(0);
        assertTrue(diff.startsWith("wrong.scn:5:"), diff);
        assertTrue(diff.contains("-   accepted A1 alice buy 2 BTC @ 100   (expected, line 6)"), diff);
        assertTrue(diff.contains("+   accepted A1 alice buy 1 BTC @ 100   (actual)"), diff);
        assertTrue(result.failures().get(1).startsWith("wrong.scn:8: check failed"), result.failures().get(1));
        final List<String> transcript = new ArrayList<>(result.transcript());
        assertTrue(transcript.contains("  level BTC bid 100 qty=1 orders=1"), transcript.toString());
    }
}
