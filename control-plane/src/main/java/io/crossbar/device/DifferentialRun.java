package io.crossbar.device;

import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.EventSink;
import io.crossbar.engine.ReferenceEngine;
import io.crossbar.workload.RandomCommands;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.LongConsumer;

/**
 * The differential test of a device against the reference engine: a seeded
 * {@link RandomCommands} stream is generated online against the reference engine (which it must
 * see to learn order ids), and the same records go through the device, several commands in
 * flight; every event must be byte-identical to the reference's, except a COMPLETE record's
 * latency. The first divergence stops the run and is reported with the seed, the command's index
 * and bytes, and both events, decoded and in hex.
 */
public final class DifferentialRun
{
    private static final int RECORD = DeviceLayout.RECORD_LENGTH;

    /**
     * Where a device first disagreed with the reference engine.
     *
     * @param seed         the stream's seed.
     * @param commandIndex the command's index in the stream (0-based; its sequence is index + 1).
     * @param eventIndex   the event's index among that command's events.
     * @param command      the command record, hex.
     * @param expected     the reference's event, decoded and hex; "(none)" if the device had more.
     * @param actual       the device's event, decoded and hex; "(none)" if it had fewer.
     * @param byteIndex    the first differing byte, -1 when one side is missing.
     */
    public record Divergence(
        long seed, long commandIndex, int eventIndex, String command, String expected, String actual, int byteIndex,
        String stream)
    {
        public String toString()
        {
            return "divergence at seed " + seed + ", command index " + commandIndex + " (sequence " + (commandIndex + 1) +
                "), event " + eventIndex + " of that command" + (byteIndex >= 0 ? ", first differing byte " + byteIndex : "") +
                "\n  command:   " + command +
                "\n  reference: " + expected +
                "\n  device:    " + actual +
                "\n  reproduce: crossbar diff --seed=" + seed + stream + " --commands=" + (commandIndex + 1) +
                " (same device and config)";
        }
    }

    /**
     * @param seed       the stream's seed.
     * @param commands   commands sent and matched.
     * @param events     events matched.
     * @param elapsedNs  wall time of the run, generation and reference included.
     * @param deviceNs   wall time spent offering to and polling the device (its throughput).
     * @param divergence the first difference, or null when every event matched.
     * @param reasons    every reason byte the run's REJECTED and CANCELED events carried: what the
     *                   stream proved the device agrees on.
     */
    public record Result(
        long seed, long commands, long events, long elapsedNs, long deviceNs, Divergence divergence,
        java.util.BitSet reasons)
    {
        public boolean passed()
        {
            return divergence == null;
        }
    }

    private final Device device;
    private final EngineConfig config;
    private final int window;
    private final long batchTimeoutNs;
    private final IdleStrategy idle = new BackoffIdleStrategy(64, 16, 1_000L, 100_000L);
    private final UnsafeBuffer commandBatch;
    private final ExpandableArrayBuffer expected = new ExpandableArrayBuffer(RECORD * 4096);
    private final ExpandableArrayBuffer commandEventCounts = new ExpandableArrayBuffer(4 * 1024);
    private final Comparator comparator = new Comparator();
    private final Capture capture = new Capture();
    private OutputStream commandLog;
    private boolean quoting;

    /**
     * @param device         a fresh device (commands from sequence 1) with the capacities of config.
     * @param config         the capacities: the reference engine's and the stream's.
     * @param window         commands in flight at most (bounded by the device's command ring).
     * @param batchTimeoutNs how long one window of commands may take before the device is declared stuck.
     */
    public DifferentialRun(final Device device, final EngineConfig config, final int window, final long batchTimeoutNs)
    {
        if (!device.info().matches(config))
        {
            throw new IllegalArgumentException("device capacities " + device.info() + " differ from " + config);
        }
        this.device = device;
        this.config = config;
        this.window = Math.max(1, Math.min(window, device.info().commandRingSlots()));
        this.batchTimeoutNs = batchTimeoutNs;
        this.commandBatch = new UnsafeBuffer(new byte[RECORD * this.window]);
    }

    /**
     * Also write every command, as the 64-byte records the device is given, to {@code log}
     * (for the cycle-level testbench {@code hw/tb/xb_replay}); the caller closes it.
     */
    public DifferentialRun recordCommandsTo(final OutputStream log)
    {
        this.commandLog = log;
        return this;
    }

    /** Use the market maker's stream ({@link RandomCommands#quoting()}) instead of the mix of every kind. */
    public DifferentialRun quoting()
    {
        this.quoting = true;
        return this;
    }

    /**
     * Run {@code commands} commands of the stream of {@code seed}, stopping at the first divergence.
     *
     * @param progress called after every window with the commands done so far; may be null.
     * @throws DeviceException when the device faults or stops answering.
     */
    public Result run(final long seed, final long commands, final LongConsumer progress)
    {
        final ReferenceEngine reference = new ReferenceEngine(config);
        final RandomCommands stream = quoting ? new RandomCommands(seed, config).quoting() : new RandomCommands(seed, config);
        capture.reasons = new java.util.BitSet();
        final long start = System.nanoTime();
        long done = 0;
        long events = 0;
        long deviceNs = 0;
        while (done < commands)
        {
            final int batch = (int)Math.min(window, commands - done);
            int expectedEvents = 0;
            for (int i = 0; i < batch; i++)
            {
                stream.next(commandBatch, i * RECORD);
                capture.stream = stream;
                capture.count = expectedEvents;
                reference.process(commandBatch, i * RECORD, capture);
                commandEventCounts.putInt(i * 4, capture.count - expectedEvents);
                expectedEvents = capture.count;
            }
            if (commandLog != null)
            {
                try
                {
                    commandLog.write(commandBatch.byteArray(), 0, batch * RECORD);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot record the commands", ex);
                }
            }

            comparator.begin(seed, done, expectedEvents);
            final long batchStart = System.nanoTime();
            final long deadline = batchStart + batchTimeoutNs;
            int offered = 0;
            idle.reset();
            while (comparator.divergence == null && (offered < batch || device.outstanding() > 0))
            {
                boolean worked = false;
                while (offered < batch && device.offer(commandBatch, offered * RECORD))
                {
                    offered++;
                    worked = true;
                }
                if (device.poll(comparator, Integer.MAX_VALUE) > 0)
                {
                    worked = true;
                }
                if (worked)
                {
                    idle.reset();
                    continue;
                }
                idle.idle();
                if (System.nanoTime() - deadline > 0)
                {
                    throw new DeviceException(device.name() + ": seed " + seed + ", commands " + done + ".." +
                        (done + batch - 1) + " not complete after " + batchTimeoutNs / 1_000_000 + " ms; " +
                        device.outstanding() + " outstanding; device " + device.health());
                }
                final DeviceHealth health = device.health();
                if (!health.healthy())
                {
                    throw new DeviceException(device.name() + ": " + health.problem() + " (seed " + seed + ", commands " +
                        done + ".." + (done + batch - 1) + ")");
                }
            }
            deviceNs += System.nanoTime() - batchStart;
            if (comparator.divergence == null && comparator.matched < expectedEvents)
            {
                comparator.missing();
            }
            if (comparator.divergence != null)
            {
                return new Result(seed, done + comparator.commandIndex, events + comparator.matched,
                    System.nanoTime() - start, deviceNs, comparator.divergence, capture.reasons);
            }
            events += expectedEvents;
            done += batch;
            if (progress != null)
            {
                progress.accept(done);
            }
        }
        return new Result(seed, done, events, System.nanoTime() - start, deviceNs, null, capture.reasons);
    }

    /** Keeps the reference's events and shows them to the stream, which learns order ids from them. */
    private final class Capture implements EventSink
    {
        private RandomCommands stream;
        private int count;
        private java.util.BitSet reasons;

        public void onEvent(final DirectBuffer buffer, final int offset)
        {
            final int kind = buffer.getByte(offset + 8);
            if (kind == 2 || kind == 4)
            {
                reasons.set(buffer.getByte(offset + 9) & 0xFF);
            }
            expected.putBytes(count * RECORD, buffer, offset, RECORD);
            stream.onEvent(buffer, offset);
            count++;
        }
    }

    /** Matches the device's events, in order, against the reference's of the current window. */
    private final class Comparator implements EventSink
    {
        private long seed;
        private long firstCommand;
        private int expectedEvents;
        private int matched;
        private int commandIndex;
        private int eventInCommand;
        private Divergence divergence;

        void begin(final long seed, final long firstCommand, final int expectedEvents)
        {
            this.seed = seed;
            this.firstCommand = firstCommand;
            this.expectedEvents = expectedEvents;
            matched = 0;
            commandIndex = 0;
            eventInCommand = 0;
            divergence = null;
        }

        public void onEvent(final DirectBuffer buffer, final int offset)
        {
            if (divergence != null)
            {
                return;
            }
            if (matched >= expectedEvents)
            {
                divergence = new Divergence(seed, firstCommand + Math.max(0, commandIndex - 1), eventInCommand,
                    "(past the end of the window)", "(none)", show(buffer, offset), -1, streamOption());
                return;
            }
            final int at = matched * RECORD;
            final int differs = Records.firstDifference(expected, at, buffer, offset);
            if (differs >= 0)
            {
                divergence = new Divergence(seed, firstCommand + commandIndex, eventInCommand,
                    Records.hex(commandBatch, commandIndex * RECORD), show(expected, at), show(buffer, offset), differs,
                    streamOption());
                return;
            }
            matched++;
            eventInCommand++;
            if (eventInCommand == commandEventCounts.getInt(commandIndex * 4))
            {
                commandIndex++;
                eventInCommand = 0;
            }
        }

        void missing()
        {
            divergence = new Divergence(seed, firstCommand + commandIndex, eventInCommand,
                Records.hex(commandBatch, commandIndex * RECORD), show(expected, matched * RECORD), "(none)", -1,
                streamOption());
        }

        private String streamOption()
        {
            return quoting ? " --stream=quoting" : "";
        }

        private String show(final DirectBuffer buffer, final int offset)
        {
            return Records.describeEvent(buffer, offset) + "\n             " + Records.hex(buffer, offset);
        }
    }
}
