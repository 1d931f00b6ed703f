package io.crossbar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crossbar.device.DeviceContext;
import io.crossbar.device.SimBuild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crossbar demo} end to end: the appliance with sample makers and takers over Aeron UDP,
 * a few seconds of trading, and the files it promises. Short runs: these check that it works,
 * not how fast.
 */
class DemoCommandTest
{
    private static final Pattern TAKER_FILLS = Pattern.compile("(?m)^takers .*?, ([\\d,]+) fills ");

    @TempDir
    Path out;

    @Test
    void shouldTradeOnTheReferenceDeviceAndWriteTheSummaryAndPlot() throws IOException
    {
        // '_' in a path is the path's: only numbers may group their digits with it (--duration=1_0).
        final Path runDir = out.resolve("first_run");
        final int code = Crossbar.run(List.of("demo", "--device=reference", "--duration=3", "--out=" + runDir));

        assertEquals(0, code);
        assertFilesWithFills(runDir);
        assertEquals(0, Crossbar.run(List.of("demo", "--device=reference", "--duration=1", "--out=" + runDir)),
            "a second run in the same place starts from a fresh journal");
    }

    @Test
    void shouldTradeOnTheSimulatedCard() throws IOException
    {
        assumeTrue(SimBuild.rtlPresent(new DeviceContext().conclude().home()), "no RTL to simulate");
        if (!SimBuild.verilatorPresent())
        {
            if (Boolean.getBoolean("crossbar.sim.required"))
            {
                fail("verilator is not installed: apt-get install -y verilator (or run sim/ensure-tools.sh as root)");
            }
            assumeTrue(false, "verilator is not installed (apt-get install -y verilator, or sim/ensure-tools.sh)");
        }

        final int code = Crossbar.run(List.of("demo", "--device=sim", "--duration=3", "--rate=100", "--out=" + out));

        assertEquals(0, code);
        assertFilesWithFills(out);
    }

    @Test
    void shouldRefuseBadOptions()
    {
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("demo", "--device=quantum")));
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("demo", "--makers=0")));
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("demo", "--idle=busy")));
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("demo", "--frobnicate")));
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("demo", "--out=")), "an empty path is not the current directory");
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("demo", "--duration")), "an option without its value");
        assertEquals(0, Crossbar.run(List.of("demo", "--help")), "help, before anything is built or started");
        assertEquals(0, Crossbar.run(List.of("serve", "-h")));
    }

    @Test
    void shouldNameFileAndLineOfABadServeConfig() throws IOException
    {
        final Path config = out.resolve("bad.conf");
        Files.writeString(config, "# a comment\ninstrument id=0 symbol=X\n");
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("serve", "--config", config.toString())));
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("serve", "--config=" + out.resolve("missing.conf"))));
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("serve")));
        final Path empty = out.resolve("empty.conf");
        Files.writeString(empty, "# nothing listed\n");
        assertEquals(DemoCommand.USAGE, Crossbar.run(List.of("serve", "--config", empty.toString())),
            "a configuration with no instrument and no firm");
    }

    private static void assertFilesWithFills(final Path dir) throws IOException
    {
        final Path summary = dir.resolve("summary.txt");
        assertTrue(Files.isRegularFile(summary), "no " + summary);
        assertTrue(Files.isRegularFile(dir.resolve("latency.svg")), "no latency.svg");
        final String text = Files.readString(summary);
        final Matcher fills = TAKER_FILLS.matcher(text);
        assertTrue(fills.find(), text);
        assertTrue(Long.parseLong(fills.group(1).replace(",", "")) > 0, text);
        assertTrue(text.contains("taker IOC -> first report"), text);
    }
}
