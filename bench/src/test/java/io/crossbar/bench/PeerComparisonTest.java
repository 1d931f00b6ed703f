package io.crossbar.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeerComparisonTest
{
    @Test
    void cpuIsTheFirstProcessorsNameFamilyAndModel()
    {
        final List<String> cpuinfo = List.of(
            "processor\t: 0",
            "vendor_id\t: AuthenticAMD",
            "cpu family\t: 26",
            "model\t\t: 2",
            "model name\t: AMD EPYC",
            "stepping\t: 1",
            "",
            "processor\t: 1",
            "cpu family\t: 25",
            "model\t\t: 1",
            "model name\t: Another");

        assertEquals("AMD EPYC (family 26, model 2)", PeerComparison.cpu(cpuinfo));
    }

    @Test
    void cpuWithoutFamilyOrModelIsItsNameAndWithoutANameUnknown()
    {
        assertEquals("Some CPU", PeerComparison.cpu(List.of("model name : Some CPU", "cpu family : 6")));
        assertEquals("unknown CPU", PeerComparison.cpu(List.of("processor : 0", "cpu family : 6", "model : 85")));
    }
}
