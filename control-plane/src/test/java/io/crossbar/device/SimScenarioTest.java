package io.crossbar.device;

import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.EventSink;
import io.crossbar.engine.StateView;
import io.crossbar.scenario.Scenario;
import io.crossbar.scenario.ScenarioParser;
import io.crossbar.scenario.ScenarioRunner;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario of scenarios/ on the simulated card, in-process and as a process on shared
 * memory: each must pass (its check lines left out, as the card cannot be inspected) and every
 * event must be byte-identical to the reference engine's, except a COMPLETE record's latency.
 */
class SimScenarioTest
{
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sim-inproc", "sim"})
    void everyScenarioShouldGiveTheReferenceEngineEventsOnTheCard(final String spec) throws Exception
    {
        SimSupport.assumeCardRtl();
        final EngineConfig config = new EngineConfig();
        final List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(System.getProperty("crossbar.scenarios.dir", "../scenarios"))))
        {
            files = list.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no scenarios found");

        final List<String> failures = new ArrayList<>();
        for (final Path file : files)
        {
            final Scenario scenario = ScenarioChecks.withoutChecks(ScenarioParser.parse(file));
            final Recording expected = new Recording(new DeviceTarget(new ReferenceDevice(config), Device.DEFAULT_COMMAND_TIMEOUT_NS));
            new ScenarioRunner().run(scenario, expected);
            try (Device device = Devices.open(spec, SimSupport.context(config)))
            {
                final Recording actual = new Recording(new DeviceTarget(device, Device.DEFAULT_COMMAND_TIMEOUT_NS));
                final ScenarioRunner.Result result = new ScenarioRunner().run(scenario, actual);
                if (!result.passed())
                {
                    failures.add("FAIL " + file + "\n" + String.join("\n", result.failures()));
                }
                final String difference = expected.compare(actual);
                if (difference != null)
                {
                    failures.add(file + ": " + difference);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + files.size() + " scenarios differ on " + spec + ":\n" +
            String.join("\n", failures));
    }

    /** A target that keeps every event it produced. */
    private static final class Recording implements ScenarioRunner.Target
    {
        private final ScenarioRunner.Target target;
        private final List<byte[]> events = new ArrayList<>();
        private final List<byte[]> commands = new ArrayList<>();
        private final List<Integer> commandOfEvent = new ArrayList<>();

        Recording(final ScenarioRunner.Target target)
        {
            this.target = target;
        }

        public String name()
        {
            return target.name();
        }

        public void process(final DirectBuffer buffer, final int offset, final EventSink sink)
        {
            final byte[] command = new byte[DeviceLayout.RECORD_LENGTH];
            buffer.getBytes(offset, command);
            commands.add(command);
            target.process(buffer, offset, (b, o) ->
            {
                final byte[] event = new byte[DeviceLayout.RECORD_LENGTH];
                b.getBytes(o, event);
                events.add(event);
                commandOfEvent.add(commands.size() - 1);
                sink.onEvent(b, o);
            });
        }

        public StateView state()
        {
            return null;
        }

        /** Null when the other's events equal these, else the first difference. */
        String compare(final Recording other)
        {
            final int n = Math.min(events.size(), other.events.size());
            for (int i = 0; i < n; i++)
            {
                final UnsafeBuffer a = new UnsafeBuffer(events.get(i));
                final UnsafeBuffer b = new UnsafeBuffer(other.events.get(i));
                final int at = Records.firstDifference(a, 0, b, 0);
                if (at >= 0)
                {
                    return "event " + i + " differs at byte " + at + "\n  command:   " +
                        Records.hex(new UnsafeBuffer(commands.get(commandOfEvent.get(i))), 0) +
                        "\n  reference: " + Records.describeEvent(a, 0) + "\n             " + Records.hex(a, 0) +
                        "\n  card:      " + Records.describeEvent(b, 0) + "\n             " + Records.hex(b, 0);
                }
            }
            return events.size() == other.events.size() ? null :
                "the reference gave " + events.size() + " events, the card " + other.events.size();
        }
    }
}
