package io.crossbar.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code crossbar replay} with inputs that are not all good: each bad one is reported in words,
 * the rest still run, and the exit status is the worst of them.
 */
class ReplayCommandTest extends ReplayHarness
{
    private static final String PASSING = "title: passes\n> heartbeat\n";
    private static final String FAILING = """
        title: expects an event that does not come
        > heartbeat
          rejected UNKNOWN_ACCOUNT
        """;
    private static final String BROKEN = "title: broken\n> alice buy 1 BTC @ 100\n";


    private static String write(final Path dir, final String name, final String text) throws IOException
    {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void shouldReportABadFileAndGoOnWithTheRest(@TempDir final Path dir) throws IOException
    {
        final String a = write(dir, "a.scn", PASSING);
        final String bad = write(dir, "bad.scn", BROKEN);
        final String c = write(dir, "c.scn", PASSING);

        assertEquals(ReplayCommand.USAGE, replay(a, bad, c, "--quiet"), err());
        assertTrue(err().contains("syntax error: " + bad + ":2: expected a command or a declared account but found 'alice'"),
            err());
        assertTrue(out().contains("PASS " + a + " (1 commands)"), out());
        assertTrue(out().contains("ERROR " + bad + " (syntax error at line 2)"), out());
        assertTrue(out().contains("PASS " + c + " (1 commands)"), out());
        assertTrue(out().contains("2 of 3 scenarios passed, 1 error, 2 commands on device reference"), out());
    }

    @Test
    void shouldGoOnPastAFileItCannotRead(@TempDir final Path dir) throws IOException
    {
        final String a = write(dir, "a.scn", PASSING);
        final String missing = dir.resolve("missing.scn").toString();

        assertEquals(ReplayCommand.USAGE, replay(missing, a, "--quiet"), err());
        assertTrue(err().contains("replay: cannot read " + missing + ": no such file"), err());
        assertTrue(out().contains("ERROR " + missing + " (cannot read it)"), out());
        assertTrue(out().contains("PASS " + a), out());
        assertTrue(out().contains("1 of 2 scenarios passed, 1 error,"), out());
    }

    @Test
    void shouldExitWithTheWorstOutcomeOfAnyFile(@TempDir final Path dir) throws IOException
    {
        final String a = write(dir, "a.scn", PASSING);
        final String wrong = write(dir, "wrong.scn", FAILING);
        final String bad = write(dir, "bad.scn", BROKEN);

        assertEquals(ReplayCommand.FAIL, replay(a, wrong, "--quiet"), out());
        assertEquals(ReplayCommand.USAGE, replay(bad, wrong, a, "--quiet"), out());
        assertEquals(ReplayCommand.USAGE, replay(wrong, bad, "--quiet"), out());
        assertTrue(out().contains("FAIL " + wrong), out());
        assertTrue(out().contains("0 of 2 scenarios passed, 1 error,"), out());
    }

    @Test
    void shouldSayAFileIsMissingAndWhatItsPathIsRelativeTo()
    {
        final String missing = Path.of("no-such-dir", "empty.scn").toString();
        assertEquals(ReplayCommand.USAGE, replay(missing));
        assertTrue(err().contains("replay: cannot read " + missing + ": no such file (paths are relative to " +
            Path.of("").toAbsolutePath() + ")"), err());
        assertFalse(err().contains(missing + ": " + missing), err());
    }

    @Test
    void shouldSayAFileIsNotUtf8(@TempDir final Path dir) throws IOException
    {
        final Path latin1 = dir.resolve("latin1.scn");
        Files.write(latin1, "title: caf\u00e9\n> heartbeat\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(ReplayCommand.USAGE, replay(latin1.toString()));
        assertTrue(err().contains("replay: cannot read " + latin1 + ": not valid UTF-8 text"), err());
    }

    @Test
    void shouldNameADirectoryWithNoScenarios(@TempDir final Path dir) throws IOException
    {
        final Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals(ReplayCommand.USAGE, replay(empty.toString()));
        assertTrue(err().contains("replay: no .scn files in " + empty), err());
        assertFalse(err().contains("no scenario files given"), err());

        final String a = write(dir, "a.scn", PASSING);
        assertEquals(ReplayCommand.USAGE, replay(empty.toString(), a, "--quiet"));
        assertTrue(out().contains("PASS " + a), out());
        assertTrue(out().contains("1 of 1 scenarios passed, 1 error,"), out());
    }

    @Test
    void shouldRefuseAnOptionWithAnEmptyValue(@TempDir final Path dir) throws IOException
    {
        final String a = write(dir, "a.scn", PASSING);
        assertEquals(ReplayCommand.USAGE, replay("--trace-dir=", a));
        assertTrue(err().contains("replay: --trace-dir needs a value (--trace-dir=DIR)"), err());
        assertEquals(ReplayCommand.USAGE, replay("--device=", a));
        assertTrue(err().contains("replay: --device needs a value (--device=SPEC)"), err());
        assertEquals(ReplayCommand.USAGE, replay(a, "--device"));
        assertEquals("", out());
    }
}
