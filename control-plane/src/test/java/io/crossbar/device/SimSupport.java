package io.crossbar.device;

import io.crossbar.engine.EngineConfig;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * When the simulated-card tests can run: the RTL must exist (hw/rtl/files.f, or the list named
 * by -Dcrossbar.sim.files) and verilator must be installed. A missing verilator skips them,
 * unless -Dcrossbar.sim.required=true (./crossbar test, once sim/ensure-tools.sh has run) makes
 * it a failure.
 */
public final class SimSupport
{
    private SimSupport()
    {
    }

    /** The RTL file list under test when it is not hw/rtl/files.f; null for the card's own. */
    public static Path customFileList()
    {
        final String files = System.getProperty("crossbar.sim.files", "");
        return files.isBlank() ? null : Path.of(files);
    }

    /** Skip (or fail, when required) unless a simulated card can be built. */
    public static void assumeSimulator()
    {
        final Path fileList = customFileList() != null ? customFileList() :
            DeviceContext.findHome().resolve("hw").resolve("rtl").resolve("files.f");
        assumeTrue(Files.isRegularFile(fileList), "no RTL to simulate yet: " + fileList + " does not exist");
        if (!SimBuild.verilatorPresent())
        {
            if (Boolean.getBoolean("crossbar.sim.required"))
            {
                fail("verilator is not installed: apt-get install -y verilator (or run sim/ensure-tools.sh as root)");
            }
            assumeTrue(false, "verilator is not installed (apt-get install -y verilator, or sim/ensure-tools.sh)");
        }
    }

    /** As {@link #assumeSimulator()}, and the RTL must be the card's own: results are compared with the reference. */
    public static void assumeCardRtl()
    {
        assumeTrue(customFileList() == null, "comparisons with the reference need the card's RTL, not " + customFileList());
        assumeSimulator();
    }

    public static DeviceContext context(final EngineConfig config)
    {
        return new DeviceContext().engineConfig(config).rtlFileList(customFileList());
    }
}
