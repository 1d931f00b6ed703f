package io.crossbar.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's contract with a person at a terminal: exit codes and what is printed.
 */
class LauncherTest extends ReplayHarness
{

    @Test
    void shouldPassTheWholeSuiteAndPrintTheEvents()
    {
        assertEquals(ReplayCommand.PASS, replay(System.getProperty("crossbar.scenarios.dir", "../scenarios")));
        assertTrue(out().contains("> alice buy 10 BTC @ 50000 as A1"), out());
        assertTrue(out().contains("  trade #1 BTC 10 @ 50000 taker B1 bob sell maker A1 alice"), out());
        assertTrue(out().matches("(?s).*\\n(\\d+) of \\1 scenarios passed.*"), out());
    }

    @Test
    void shouldExitOneWithADiffWhenAnExpectationFails(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("wrong.scn");
        Files.writeString(file, """
            title: expects the wrong price
            setup:
              instrument BTC id=1 ref=100 band=1000 max-qty=10 position-limit=10
              account alice id=1 credit=100
            > alice buy 1 BTC @ 100 as A1
              accepted A1 alice buy 1 BTC @ 101
              level BTC bid 100 qty=1 orders=1
            """);
        assertEquals(ReplayCommand.FAIL, replay(file.toString(), "--quiet"));
        assertTrue(out().contains("FAIL " + file), out());
        assertTrue(out().contains("-   accepted A1 alice buy 1 BTC @ 101   (expected, line 6)"), out());
        assertTrue(out().contains("+   accepted A1 alice buy 1 BTC @ 100   (actual)"), out());
    }

    @Test
    void shouldExitTwoNamingFileAndLineOnASyntaxError(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("broken.scn");
        Files.writeString(file, "title: broken\n> alice buy 1 BTC @ 100\n");
        assertEquals(ReplayCommand.USAGE, replay(file.toString()));
        assertTrue(err().contains(file + ":2: expected a command or a declared account but found 'alice'"), err());
    }

    @Test
    void shouldRefuseToServeABadConfigurationNamingFileAndLine(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("exchange.conf");
        Files.writeString(file, "# venue\naccount id=1 credit=1000\naccount id=2 credit=lots\n");
        final int code = ServeCommand.run(List.of("--config=" + file, "--journal=" + dir.resolve("journal")),
            stdout(), stderr());
        assertEquals(DemoCommand.USAGE, code, err());
        assertTrue(err().contains("serve: bad config: " + file + ":3: credit: expected a whole number from 0 to " +
            "4611686018427387904, found 'lots'"), err());
    }

    @Test
    void shouldExitTwoOnUnknownOptionsAndDevices()
    {
        assertEquals(ReplayCommand.USAGE, replay("--frobnicate", "x.scn"));
        assertEquals(ReplayCommand.USAGE, replay("--device=quantum", "../scenarios"));
        assertTrue(err().contains("unknown device 'quantum'") || err().contains("quantum"), err());
    }

    @Test
    void shouldRunTheCheckAndCompareTheFinalBookWithTheModel()
    {
        final int code = CheckCommand.run(List.of("--commands=50000", "--seed=7",
                "--scenarios=" + System.getProperty("crossbar.scenarios.dir", "../scenarios")),
            stdout(), stderr());
        assertEquals(0, code, err() + out());
        assertTrue(out().contains("final books equal the independent model's, order by order"), out());
        assertTrue(out().contains("state hash "), out());
    }
}
