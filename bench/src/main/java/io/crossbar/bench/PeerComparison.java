package io.crossbar.bench;

import io.crossbar.engine.EventSink;
import io.crossbar.engine.ReferenceEngine;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Our reference engine against exchange-core 0.5.3's {@code OrderBookDirectImpl} on the same
 * {@link PeerStream}, in one JVM, interleaved.
 * <p>
 * Method: generate the stream (which already checks, command by command, that both engines
 * trade alike); warm both engines up with full replays; then for each round replay the stream
 * once through a fresh instance of each engine, alternating which goes first. A replay runs the
 * setup and prefill untimed, collects garbage, then times the main part. After each replay the
 * two final books are compared order by order (ids, accounts, prices, leaves, priority order per
 * side), and our engine's state hash against the one seen while generating. The ratio is taken
 * per round (our ops/s over exchange-core's in the same round), and reported as its median,
 * minimum and maximum. Each timed replay is timed in chunks as well, for the {@link QuietLevel}
 * of each engine over the rounds and the ratio of the two.
 * <p>
 * Usage: {@code PeerComparison [--rounds N] [--commands N] [--orders N] [--seed N] [--warmup N]
 * [--out FILE]}. Exits 1 if the books differ or a command failed in either engine, 2 on bad
 * arguments.
 */
public final class PeerComparison
{
    private PeerComparison()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        int rounds = 15;
        int commands = 3_000_000;
        int orders = PeerStream.DEFAULT_TARGET_ORDERS;
        long seed = 20_240_917L;
        int warmup = 3;
        Path out = Path.of("target", "peer-comparison.txt");
        try
        {
            for (int i = 0; i < args.length; i++)
            {
                switch (args[i])
                {
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--commands" -> commands = Integer.parseInt(args[++i]);
                    case "--orders" -> orders = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (rounds < 1 || commands < 1 || warmup < 0)
            {
                throw new IllegalArgumentException("--rounds and --commands must be positive, --warmup not negative");
            }
        }
        catch (final RuntimeException ex)
        {
            System.err.println("PeerComparison: " + ex.getMessage());
            System.err.println(
                "usage: PeerComparison [--rounds N] [--commands N] [--orders N] [--seed N] [--warmup N] [--out FILE]");
            System.exit(2);
            return;
        }

        final PrintStream log = System.out;
        log.println("Reference engine vs exchange-core 0.5.3 OrderBookDirectImpl, same stream, same JVM");
        log.println(environment());

        final long g0 = System.nanoTime();
        final PeerStream stream = PeerStream.generate(seed, commands, orders);
        log.printf(Locale.ROOT, "stream generated and cross-checked in %.1f s: %s%n",
            (System.nanoTime() - g0) / 1e9, stream.describe());

        final Runner runner = new Runner(stream);
        for (int w = 0; w < warmup; w++)
        {
            runner.runOurs(false);
            runner.runPeer(false);
            runner.check();
            log.printf(Locale.ROOT, "warm-up %d: ours %,.0f ops/s, exchange-core %,.0f ops/s%n",
                w + 1, runner.oursOpsPerSecond(), runner.peerOpsPerSecond());
        }

        final double[] ours = new double[rounds];
        final double[] peer = new double[rounds];
        final double[] ratio = new double[rounds];
        final double[] oursBytes = new double[rounds];
        final double[] peerBytes = new double[rounds];
        boolean identical = true;
        String firstProblem = null;
        log.printf("%5s %16s %16s %7s %s%n", "round", "ours ops/s", "exch-core ops/s", "ratio", "first");
        for (int r = 0; r < rounds; r++)
        {
            final boolean oursFirst = (r & 1) == 0;
            if (oursFirst)
            {
                runner.runOurs(true);
                runner.runPeer(true);
            }
            else
            {
                runner.runPeer(true);
                runner.runOurs(true);
            }
            final String problem = runner.check();
            if (problem != null)
            {
                identical = false;
                if (firstProblem == null)
                {
                    firstProblem = "round " + (r + 1) + ": " + problem;
                }
            }
            ours[r] = runner.oursOpsPerSecond();
            peer[r] = runner.peerOpsPerSecond();
            ratio[r] = ours[r] / peer[r];
            oursBytes[r] = runner.oursAllocated / (double)commands;
            peerBytes[r] = runner.peerAllocated / (double)commands;
            log.printf(Locale.ROOT, "%5d %,16.0f %,16.0f %7.2f %s%s%n",
                r + 1, ours[r], peer[r], ratio[r], oursFirst ? "ours" : "exchange-core",
                problem == null ? "" : "  BOOKS DIFFER");
        }

        final StringBuilder result = new StringBuilder();
        result.append("# Reference engine vs exchange-core 0.5.3 OrderBookDirectImpl: same stream, same JVM, interleaved\n");
        result.append("# ").append(environment().replace("\n", "\n# ")).append('\n');
        result.append("stream=").append(stream.describe()).append('\n');
        result.append("seed=").append(seed).append('\n');
        result.append("commands=").append(commands).append('\n');
        result.append("targetOrders=").append(orders).append('\n');
        result.append("warmup=").append(warmup).append('\n');
        result.append("rounds=").append(rounds).append('\n');
        result.append("eventsPerCommand.ours=").append(fmt(runner.oursEvents / (double)commands)).append('\n');
        result.append("eventsPerCommand.exchangeCore=").append(fmt(runner.peerEvents / (double)commands)).append('\n');
        for (int r = 0; r < rounds; r++)
        {
            result.append("round.").append(r + 1).append('=')
                .append(fmt0(ours[r])).append(' ').append(fmt0(peer[r])).append(' ').append(fmt(ratio[r]))
                .append(' ').append((r & 1) == 0 ? "ours-first" : "exchange-core-first").append('\n');
        }
        result.append(summary("ours.opsPerSecond", ours, true));
        result.append(summary("exchangeCore.opsPerSecond", peer, true));
        result.append(summary("ratio", ratio, false));
        final double oursQuiet = runner.oursQuiet.opsPerSecond();
        final double peerQuiet = runner.peerQuiet.opsPerSecond();
        result.append("quiet.ours.opsPerSecond=").append(fmt0(oursQuiet)).append('\n');
        result.append("quiet.exchangeCore.opsPerSecond=").append(fmt0(peerQuiet)).append('\n');
        result.append("quiet.ratio=").append(fmt(oursQuiet / peerQuiet)).append('\n');
        result.append("ours.bytesAllocated.max=").append(fmt0(max(oursBytes) * commands)).append('\n');
        result.append("ours.bytesPerCommand.max=").append(fmt(max(oursBytes))).append('\n');
        result.append("exchangeCore.bytesPerCommand.median=").append(fmt(median(peerBytes))).append('\n');
        result.append("books.identical=").append(identical).append('\n');
        if (firstProblem != null)
        {
            result.append("books.firstDifference=").append(firstProblem).append('\n');
        }

        log.print(readable("ours ops/s", ours, true));
        log.print(readable("exchange-core ops/s", peer, true));
        log.print(readable("ratio (ours / exchange-core)", ratio, false));
        log.printf(Locale.ROOT,
            "quiet level (fastest time of each %,d-command chunk over the rounds, summed): ours %,.0f ops/s, " +
            "exchange-core %,.0f ops/s, ratio %.2f%n", QuietLevel.CHUNK, oursQuiet, peerQuiet, oursQuiet / peerQuiet);
        log.printf(Locale.ROOT,
            "allocated per command in the timed part: ours max %.3f bytes, exchange-core median %.1f bytes%n",
            max(oursBytes), median(peerBytes));
        log.println(identical ?
            "final books identical in every replay (orders, accounts, prices, leaves, priority order)" :
            "FINAL BOOKS DIFFER: " + firstProblem);

        write(out, result.toString());
        log.println("result written to " + out.toAbsolutePath());
        if (!identical)
        {
            System.exit(1);
        }
    }

    /** Runs the replays and keeps the last replay's state of each engine for the check. */
    private static final class Runner
    {
        final PeerStream stream;
        final CountingSink sink = new CountingSink();
        final PeerBook peer = new PeerBook();
        ReferenceEngine engine;
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long oursNanos;
        long peerNanos;
        long oursAllocated;
        long peerAllocated;
        long oursEvents;
        long peerEvents;
        final QuietLevel oursQuiet;
        final QuietLevel peerQuiet;

        Runner(final PeerStream stream)
        {
            this.stream = stream;
            this.oursQuiet = new QuietLevel(stream.mainCount);
            this.peerQuiet = new QuietLevel(stream.mainCount);
        }

        /** Replays the timed part in {@link QuietLevel} chunks; measured rounds feed the quiet level. */
        void runOurs(final boolean measured)
        {
            final ReferenceEngine engine = preparedEngine(stream, sink);
            final int base = stream.offsetOf(stream.mainStart());
            final QuietLevel.Chunk chunk =
                (first, count) -> replay(engine, stream.records, base + first * CommandRecords.RECORD, count, sink);
            final long a0 = threads.getCurrentThreadAllocatedBytes();
            oursNanos = oursQuiet.time(chunk, measured);
            oursAllocated = threads.getCurrentThreadAllocatedBytes() - a0;
            oursEvents = sink.events;
            this.engine = engine;
        }

        void runPeer(final boolean measured)
        {
            peer.reset();
            peer.replay(stream.peerCommands, 0, stream.mainStart());
            System.gc();
            peer.events = 0;
            final int base = stream.mainStart();
            final QuietLevel.Chunk chunk = (first, count) -> peer.replay(stream.peerCommands, base + first, base + first + count);
            final long a0 = threads.getCurrentThreadAllocatedBytes();
            peerNanos = peerQuiet.time(chunk, measured);
            peerAllocated = threads.getCurrentThreadAllocatedBytes() - a0;
            peerEvents = peer.events;
        }

        double oursOpsPerSecond()
        {
            return stream.mainCount * 1e9 / oursNanos;
        }

        double peerOpsPerSecond()
        {
            return stream.mainCount * 1e9 / peerNanos;
        }

        /** @return null if both engines ended identically and nothing failed, else what differs. */
        String check()
        {
            if (sink.rejects != 0)
            {
                return "our engine rejected " + sink.rejects + " commands";
            }
            if (peer.failures != 0)
            {
                return "exchange-core failed " + peer.failures + " commands";
            }
            final long hash = engine.stateHash();
            if (hash != stream.stateHashAfterMain)
            {
                return "our engine's state hash " + Long.toHexString(hash) + " differs from the generator's " +
                    Long.toHexString(stream.stateHashAfterMain);
            }
            final BookSnapshot ours = BookSnapshot.ofReference(engine, PeerStream.INSTRUMENT);
            final BookSnapshot theirs = BookSnapshot.ofPeer(peer.book(), stream.ourIdByPeerId);
            final String difference = ours.firstDifference(theirs);
            if (difference != null)
            {
                return difference;
            }
            if (ours.orders() != stream.restingOrdersAfterMain)
            {
                return "books hold " + ours.orders() + " orders, the generator expected " + stream.restingOrdersAfterMain;
            }
            return null;
        }
    }

    /**
     * A fresh engine of the stream's configuration with the stream's setup and prefill replayed
     * (untimed), garbage collected, and the sink cleared: ready for the timed main part.
     */
    static ReferenceEngine preparedEngine(final PeerStream stream, final CountingSink sink)
    {
        final ReferenceEngine engine = new ReferenceEngine(PeerStream.engineConfig());
        replay(engine, stream.records, 0, stream.setupCount + stream.prefillCount, sink);
        System.gc();
        sink.clear();
        return engine;
    }

    /** Write a text file, creating its directory first. */
    static void write(final Path file, final String text) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Process {@code count} consecutive 64-byte records starting at {@code offset}. */
    static void replay(
        final ReferenceEngine engine, final DirectBuffer buffer, final int offset, final int count, final EventSink sink)
    {
        int o = offset;
        for (int i = 0; i < count; i++)
        {
            engine.process(buffer, o, sink);
            o += CommandRecords.RECORD;
        }
    }

    static double median(final double[] values)
    {
        final double[] v = values.clone();
        Arrays.sort(v);
        final int n = v.length;
        return (n & 1) == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double min(final double[] values)
    {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(final double[] values)
    {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static String summary(final String key, final double[] v, final boolean integer)
    {
        return key + ".median=" + (integer ? fmt0(median(v)) : fmt(median(v))) + '\n' +
            key + ".min=" + (integer ? fmt0(min(v)) : fmt(min(v))) + '\n' +
            key + ".max=" + (integer ? fmt0(max(v)) : fmt(max(v))) + '\n';
    }

    private static String readable(final String label, final double[] v, final boolean integer)
    {
        return integer ?
            String.format(Locale.ROOT, "%-30s median %,.0f  min %,.0f  max %,.0f%n", label, median(v), min(v), max(v)) :
            String.format(Locale.ROOT, "%-30s median %.2f  min %.2f  max %.2f%n", label, median(v), min(v), max(v));
    }

    private static String fmt(final double v)
    {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String fmt0(final double v)
    {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** JVM, heap, collector, processor count and CPU model, for the record. */
    static String environment()
    {
        final Runtime rt = Runtime.getRuntime();
        final List<String> gcs = new ArrayList<>();
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            gcs.add(gc.getName());
        }
        final String cpu = cpu();
        return String.format(Locale.ROOT,
            "JVM: %s %s (%s); heap max %d MiB; GC: %s%nmachine: %d processors available, %s, %s %s",
            System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
            System.getProperty("java.vm.vendor"), rt.maxMemory() >> 20, String.join(", ", gcs),
            rt.availableProcessors(), cpu, System.getProperty("os.name"), System.getProperty("os.version"));
    }

    /**
     * The processor's name with its family and model numbers, which tell its generation where a
     * virtual machine reports only a vendor's generic name ("AMD EPYC"): results from different
     * hosts differ by generation, and the ratio with them (docs/performance.md).
     */
    static String cpu()
    {
        try
        {
            return cpu(Files.readAllLines(Path.of("/proc/cpuinfo")));
        }
        catch (final IOException | RuntimeException ignore)
        {
            return "unknown CPU"; // not Linux
        }
    }

    /** {@link #cpu()} from the lines of {@code /proc/cpuinfo}: the first processor's block. */
    static String cpu(final List<String> cpuinfo)
    {
        String name = null;
        String family = null;
        String model = null;
        for (final String line : cpuinfo)
        {
            final int colon = line.indexOf(':');
            if (colon < 0)
            {
                if (name != null)
                {
                    break; // the first processor's block has ended
                }
                continue;
            }
            final String value = line.substring(colon + 1).trim();
            switch (line.substring(0, colon).trim())
            {
                case "model name" -> name = value;
                case "cpu family" -> family = value;
                case "model" -> model = value;
                default ->
                {
                }
            }
        }
        if (name == null)
        {
            return "unknown CPU";
        }
        return family == null || model == null ? name : name + " (family " + family + ", model " + model + ")";
    }
}
