package io.crossbar.device;

import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.EventSink;
import io.crossbar.workload.RandomCommands;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential run itself, on the reference device and on a copy of it that alters one
 * event: it must ignore a COMPLETE record's latency, and report anything else with what is needed
 * to reproduce it.
 */
class DifferentialRunTest
{
    private static final EngineConfig CONFIG = RandomCommands.smallConfig();

    @Test
    void shouldFindTheReferenceDeviceIdenticalToTheReferenceEngine()
    {
        final DifferentialRun.Result result =
            new DifferentialRun(new ReferenceDevice(CONFIG), CONFIG, 64, 10_000_000_000L).run(11, 30_000, null);
        assertNull(result.divergence());
        assertEquals(30_000, result.commands());
    }

    @Test
    void shouldRecordExactlyTheCommandsItRanSoThatAReplayGivesTheSameEvents()
    {
        final java.io.ByteArrayOutputStream recording = new java.io.ByteArrayOutputStream();
        final CountingSink live = new CountingSink();
        final DifferentialRun.Result result = new DifferentialRun(new Altering(new ReferenceDevice(CONFIG), Long.MAX_VALUE, 0, false, live), CONFIG, 64,
            10_000_000_000L).recordCommandsTo(recording).run(5, 5_000, null);
        assertNull(result.divergence());

        final byte[] commands = recording.toByteArray();
        assertEquals(5_000 * DeviceLayout.RECORD_LENGTH, commands.length);
        final io.crossbar.engine.ReferenceEngine replay = new io.crossbar.engine.ReferenceEngine(CONFIG);
        final CountingSink replayed = new CountingSink();
        final UnsafeBuffer buffer = new UnsafeBuffer(commands);
        for (int offset = 0; offset < commands.length; offset += DeviceLayout.RECORD_LENGTH)
        {
            replay.process(buffer, offset, replayed);
        }
        assertEquals(result.events(), replayed.count);
        assertEquals(live.count, replayed.count);
        assertEquals(live.hash, replayed.hash, "the replayed events differ from those of the run");
    }

    /** Counts events and hashes their bytes, the COMPLETE record's latency left out. */
    private static final class CountingSink implements EventSink
    {
        private long count;
        private long hash = 17;

        public void onEvent(final DirectBuffer buffer, final int offset)
        {
            count++;
            for (int i = 0; i < DeviceLayout.RECORD_LENGTH; i++)
            {
                final boolean latency = buffer.getByte(offset + 8) == io.crossbar.sbe.device.EventKind.COMPLETE.value() &&
                    i >= DeviceLayout.COMPLETE_LATENCY_OFFSET && i < DeviceLayout.COMPLETE_LATENCY_OFFSET + 4;
                hash = 31 * hash + (latency ? 0 : buffer.getByte(offset + i));
            }
        }
    }

    @Test
    void shouldIgnoreTheLatencyOfACompletionRecord()
    {
        final Device device = new Altering(new ReferenceDevice(CONFIG), 5_000, DeviceLayout.COMPLETE_LATENCY_OFFSET + 3, true);
        final DifferentialRun.Result result = new DifferentialRun(device, CONFIG, 64, 10_000_000_000L).run(3, 10_000, null);
        assertNull(result.divergence(), () -> String.valueOf(result.divergence()));
    }

    @Test
    void shouldReportTheFirstDifferingEventWithSeedCommandAndBothEvents()
    {
        final Device device = new Altering(new ReferenceDevice(CONFIG), 5_000, 40, false);
        final DifferentialRun.Result result = new DifferentialRun(device, CONFIG, 64, 10_000_000_000L).run(3, 10_000, null);
        final DifferentialRun.Divergence divergence = result.divergence();
        assertNotNull(divergence);
        assertEquals(3, divergence.seed());
        assertEquals(40, divergence.byteIndex());
        final String report = divergence.toString();
        assertTrue(report.contains("seed 3") && report.contains("command index " + divergence.commandIndex()) &&
            report.contains("reproduce: crossbar diff --seed=3 --commands=" + (divergence.commandIndex() + 1)), report);
        assertTrue(report.contains("\n  reference: ") && report.contains("\n  device:    ") && report.contains("\n  command:   "), report);
        assertTrue(divergence.command().matches("([0-9a-f]{16} ){7}[0-9a-f]{16}"), divergence.command());
        assertTrue(result.commands() < 10_000);
    }

    /** Flips one byte of the n-th event (or of the first COMPLETE from then on) on its way out; may show each event to an observer. */
    private static final class Altering implements Device
    {
        private final Device device;
        private final long eventIndex;
        private final int byteIndex;
        private final boolean completeOnly;
        private final EventSink observer;
        private final UnsafeBuffer copy = new UnsafeBuffer(new byte[64]);
        private long seen;

        Altering(final Device device, final long eventIndex, final int byteIndex, final boolean completeOnly)
        {
            this(device, eventIndex, byteIndex, completeOnly, (buffer, offset) -> {});
        }

        /** Also shows every event, as passed on, to {@code observer}. */
        Altering(
            final Device device, final long eventIndex, final int byteIndex, final boolean completeOnly, final EventSink observer)
        {
            this.device = device;
            this.eventIndex = eventIndex;
            this.byteIndex = byteIndex;
            this.completeOnly = completeOnly;
            this.observer = observer;
        }

        public String name()
        {
            return "altering";
        }

        public DeviceInfo info()
        {
            return device.info();
        }

        public boolean offer(final DirectBuffer record, final int offset)
        {
            return device.offer(record, offset);
        }

        public int poll(final EventSink sink, final int limit)
        {
            return device.poll((buffer, offset) -> alter(buffer, offset, sink), limit);
        }

        /** Pass the event on, with one byte flipped if it is the chosen event. */
        private void alter(final DirectBuffer buffer, final int offset, final EventSink sink)
        {
            copy.putBytes(0, buffer, offset, 64);
            final boolean complete = copy.getByte(8) == DeviceLayout.EVENT_COMPLETE;
            if (seen++ >= eventIndex && (complete || !completeOnly))
            {
                copy.putByte(byteIndex, (byte)(copy.getByte(byteIndex) ^ 0x5A));
            }
            observer.onEvent(copy, 0);
            sink.onEvent(copy, 0);
        }

        public int outstanding()
        {
            return device.outstanding();
        }

        public DeviceHealth health()
        {
            return device.health();
        }

        public int process(final DirectBuffer record, final int offset, final EventSink sink, final long timeoutNs)
        {
            return device.process(record, offset, (buffer, at) -> alter(buffer, at, sink), timeoutNs);
        }

        public void close()
        {
            device.close();
        }
    }
}
