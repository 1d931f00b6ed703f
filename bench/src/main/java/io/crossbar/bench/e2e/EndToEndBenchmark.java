package io.crossbar.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.crossbar.client.LatencyPlot;
import io.crossbar.sbe.orderentry.MessageHeaderEncoder;
import io.crossbar.sbe.orderentry.NewOrderSingleEncoder;
import org.HdrHistogram.Histogram;

/**
 * The appliance's order-to-ack latency next to a bare Aeron echo, in one JVM, interleaved in
 * rounds so that the machine's noise (two shared cores) falls on all of them alike. The goal
 * (docs/performance.md) is a ratio against the echo measured in the same run: p50 within 1.25x and
 * p99 within 1.5x; with the simulated card the card's added share is reported separately.
 * <p>
 * Each round runs, one after the other and each on a freshly started driver (an idle yielding
 * thread would otherwise steal a core from the one being measured): the echo, the appliance with
 * the reference device, and with {@code --sim} the appliance with the simulated card. Each is
 * open loop at the same rate for the same time with the same warm-up discarded. After the rounds,
 * one closed-loop run per device reports the orders/s the appliance acknowledged.
 * <p>
 * Usage: {@code EndToEndBenchmark [--rounds N] [--seconds S] [--rate R] [--warmup-seconds S]
 * [--idle yielding|backoff|busy] [--sim] [--sim-device sim|sim-inproc] [--max-rate-seconds S]
 * [--out DIR]}. Writes {@code e2e-<timestamp>.txt} and {@code .svg} to DIR.
 */
public final class EndToEndBenchmark
{
    private static final int ECHO_PORT = 20_231;
    private static final int APPLIANCE_PORT = 20_221;
    private static final int MESSAGE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + NewOrderSingleEncoder.BLOCK_LENGTH;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};
    private static final String ECHO = "aeron echo";
    private static final String JOURNALED_ECHO = "journaled echo";
    private static final String REFERENCE = "appliance (reference)";

    private EndToEndBenchmark()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        int rounds = 3;
        double seconds = 10;
        int rate = 2_000;
        double warmupSeconds = 1;
        String idle = "yielding";
        boolean sim = false;
        String simDevice = "sim";
        double maxRateSeconds = 5;
        Path out = Path.of("bench", "results");
        for (final String arg : args)
        {
            final String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--rounds="))
            {
                rounds = Integer.parseInt(value);
            }
            else if (arg.startsWith("--seconds="))
            {
                seconds = Double.parseDouble(value);
            }
            else if (arg.startsWith("--rate="))
            {
                rate = Integer.parseInt(value);
            }
            else if (arg.startsWith("--warmup-seconds="))
            {
                warmupSeconds = Double.parseDouble(value);
            }
            else if (arg.startsWith("--idle="))
            {
                idle = value;
            }
            else if (arg.equals("--sim"))
            {
                sim = true;
            }
            else if (arg.startsWith("--sim-device="))
            {
                sim = true;
                simDevice = value;
            }
            else if (arg.startsWith("--max-rate-seconds="))
            {
                maxRateSeconds = Double.parseDouble(value);
            }
            else if (arg.startsWith("--out="))
            {
                out = Path.of(value);
            }
            else
            {
                System.err.println("EndToEndBenchmark: unknown argument " + arg);
                System.exit(2);
            }
        }

        final long warmup = (long)(warmupSeconds * rate);
        final List<String> names = new ArrayList<>(List.of(ECHO, JOURNALED_ECHO, REFERENCE));
        if (sim)
        {
            names.add("appliance (" + simDevice + ")");
        }
        final Map<String, Histogram> total = new LinkedHashMap<>();
        final Map<String, List<Histogram>> perRound = new LinkedHashMap<>();
        for (final String name : names)
        {
            total.put(name, newHistogram());
            perRound.put(name, new ArrayList<>());
        }
        final StringBuilder report = new StringBuilder();
        final String header = String.format(Locale.ROOT,
            "End to end over Aeron: %d rounds x %.0f s per series, open loop %,d requests/s, first %,d discarded, " +
            "idle strategy %s, message %d bytes (NewOrderSingle), %d cores, %s %s%n",
            rounds, seconds, rate, warmup, idle, MESSAGE_LENGTH, Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name"), System.getProperty("java.version"));
        report.append(header);
        System.out.print(header);

        final Path journals = Files.createTempDirectory("crossbar-e2e-");
        for (final String name : names)
        {
            System.out.printf("warm-up: %s, %.0f s, not recorded%n", name, seconds);
            measure(name, simDevice, idle, journals.resolve("warmup"), seconds, rate, warmup, newHistogram(), 0,
                new StringBuilder());
        }
        for (int round = 1; round <= rounds; round++)
        {
            for (final String name : names)
            {
                final Histogram histogram = newHistogram();
                final StringBuilder core = new StringBuilder();
                final long missing = measure(name, simDevice, idle, journals, seconds, rate, warmup, histogram, round, core);
                perRound.get(name).add(histogram);
                total.get(name).add(histogram);
                final String line = String.format(Locale.ROOT, "round %d %-24s %s%s%n%s", round, name, percentiles(histogram),
                    missing > 0 ? " UNANSWERED " + missing : "", core);
                report.append(line);
                System.out.print(line);
            }
        }

        report.append('\n').append(ratios(names, perRound, ECHO,
            "Ratios to the echo of the same round (p50 goal <= 1.25, p99 goal <= 1.5):\n"));
        report.append('\n').append(ratios(names, perRound, JOURNALED_ECHO,
            "Ratios to the journaled echo of the same round (the journal's floor: what the gateway, device and reports add):\n"));
        report.append('\n').append("All rounds pooled (us):\n").append(LatencyPlot.table(total));
        if (sim)
        {
            report.append('\n').append(simShare(names, perRound, total));
        }

        report.append('\n').append(String.format(Locale.ROOT,
            "Closed loop (window 64 and 256 requests outstanding; orders, each canceled on its ExecutionReportNew), %.0f s each:%n",
            maxRateSeconds));
        for (final String name : names)
        {
            if (name.equals(ECHO) || name.equals(JOURNALED_ECHO))
            {
                continue;
            }
            final String device = name.equals(REFERENCE) ? "reference" : simDevice;
            for (final int window : new int[] {64, 256})
            {
                try (OrderRoundTrip appliance = new OrderRoundTrip(device, idle, APPLIANCE_PORT,
                    journals.resolve(device + "-max-" + window)).start())
                {
                    appliance.maxRate(Long.MAX_VALUE, 1.0, window);
                    final OrderRoundTrip.Result result = appliance.maxRate(Long.MAX_VALUE, maxRateSeconds, window);
                    final String line = String.format(Locale.ROOT,
                        "  %-24s window %4d: %,10.0f requests/s acknowledged (%,d in %.2f s, %d rejects)%n",
                        name, window, result.perSecond(), result.answered(), result.elapsedNs() / 1e9, result.rejects());
                    report.append(line);
                    System.out.print(line);
                }
            }
        }

        try (java.util.stream.Stream<Path> paths = Files.walk(journals))
        {
            for (final Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        Files.createDirectories(out);
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        final Path text = out.resolve("e2e-" + stamp + ".txt");
        final Path svg = out.resolve("e2e-" + stamp + ".svg");
        LatencyPlot.writeSvg(svg, String.format(Locale.ROOT, "Order to first report vs bare Aeron echo, %,d/s open loop, %d x %.0f s, %s",
            rate, rounds, seconds, idle), total);
        Files.writeString(text, report.toString());
        System.out.println();
        System.out.print(report.substring(report.indexOf("\nRatios")));
        System.out.println("wrote " + text.toAbsolutePath());
        System.out.println("wrote " + svg.toAbsolutePath());
    }

    /**
     * One series for one round on a freshly started driver; returns the requests left unanswered.
     * For an appliance, a line of its core thread's step timings goes to {@code core}.
     */
    private static long measure(
        final String name,
        final String simDevice,
        final String idle,
        final Path journals,
        final double seconds,
        final int rate,
        final long warmup,
        final Histogram histogram,
        final int round,
        final StringBuilder core)
    {
        if (name.equals(ECHO) || name.equals(JOURNALED_ECHO))
        {
            final AeronEcho echo = new AeronEcho(ECHO_PORT, idle, MESSAGE_LENGTH);
            if (name.equals(JOURNALED_ECHO))
            {
                echo.journaled(journals.resolve("echo-" + round));
            }
            try (AeronEcho started = echo.start())
            {
                return started.run(seconds, rate, warmup, histogram);
            }
        }
        final String device = name.equals(REFERENCE) ? "reference" : simDevice;
        final OrderRoundTrip roundTrip = new OrderRoundTrip(device, idle, APPLIANCE_PORT,
            journals.resolve(device + "-" + round)).coreTimings(true);
        final long answered;
        try (OrderRoundTrip appliance = roundTrip.start())
        {
            answered = appliance.openLoop(seconds, rate, warmup, histogram).answered();
        }
        // after close: the core thread that owned them has ended
        core.append("        core thread per request, ").append(roundTrip.appliance().coreTimings().summary()).append('\n');
        return (long)(seconds * rate) - answered;
    }

    private static Histogram newHistogram()
    {
        return new Histogram(60_000_000_000L, 3);
    }

    private static String percentiles(final Histogram h)
    {
        return String.format(Locale.ROOT, "p50 %8.1f  p90 %8.1f  p99 %8.1f  p99.9 %8.1f  max %9.1f us  (n=%d)",
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
    }

    private static String ratios(
        final List<String> names, final Map<String, List<Histogram>> perRound, final String baseName, final String title)
    {
        final StringBuilder text = new StringBuilder(title);
        final List<Histogram> echo = perRound.get(baseName);
        for (int n = names.indexOf(baseName) + 1; n < names.size(); n++)
        {
            final List<Histogram> series = perRound.get(names.get(n));
            for (final double percentile : PERCENTILES)
            {
                final double[] ratio = new double[echo.size()];
                for (int r = 0; r < ratio.length; r++)
                {
                    ratio[r] = (double)series.get(r).getValueAtPercentile(percentile) / echo.get(r).getValueAtPercentile(percentile);
                }
                text.append(String.format(Locale.ROOT, "  %-24s %-6s per round %s  median %.2f  (min %.2f, max %.2f)%n",
                    names.get(n), label(percentile), join(ratio), median(ratio), min(ratio), max(ratio)));
            }
        }
        return text.toString();
    }

    private static String simShare(
        final List<String> names, final Map<String, List<Histogram>> perRound, final Map<String, Histogram> total)
    {
        final StringBuilder text = new StringBuilder("The simulated card's added share (sim minus reference, us):\n");
        final String simName = names.getLast();
        final List<Histogram> reference = perRound.get(REFERENCE);
        final List<Histogram> sim = perRound.get(simName);
        for (final double percentile : PERCENTILES)
        {
            final double[] delta = new double[reference.size()];
            for (int r = 0; r < delta.length; r++)
            {
                delta[r] = (sim.get(r).getValueAtPercentile(percentile) - reference.get(r).getValueAtPercentile(percentile)) / 1e3;
            }
            text.append(String.format(Locale.ROOT, "  %-6s per round %s  median %.1f  pooled %.1f%n", label(percentile),
                join(delta), median(delta), (total.get(simName).getValueAtPercentile(percentile) -
                total.get(REFERENCE).getValueAtPercentile(percentile)) / 1e3));
        }
        return text.toString();
    }

    private static String label(final double percentile)
    {
        return percentile == 100 ? "max" : "p" + (percentile == Math.rint(percentile) ? String.valueOf((int)percentile) :
            String.valueOf(percentile));
    }

    private static String join(final double[] values)
    {
        final StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++)
        {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return text.append(']').toString();
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(final double[] values)
    {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(final double[] values)
    {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
