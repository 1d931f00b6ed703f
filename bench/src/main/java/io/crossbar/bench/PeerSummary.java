package io.crossbar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pools the rounds of several {@link PeerComparison} result files (one per JVM) and reports the
 * ratio's median, minimum and maximum over all of them, and per JVM.
 * <p>
 * Usage: {@code PeerSummary [--out FILE] RESULT...}. Exits 1 if any run saw differing books.
 */
public final class PeerSummary
{
    private PeerSummary()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        Path out = null;
        final List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            if ("--out".equals(args[i]))
            {
                out = Path.of(args[++i]);
            }
            else
            {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty())
        {
            System.err.println("usage: PeerSummary [--out FILE] RESULT...");
            System.exit(2);
        }

        final List<Double> ours = new ArrayList<>();
        final List<Double> peer = new ArrayList<>();
        final List<Double> ratio = new ArrayList<>();
        final StringBuilder perJvm = new StringBuilder();
        boolean identical = true;
        double oursBytesMax = 0;
        final List<Double> peerBytes = new ArrayList<>();
        String stream = "";
        String environment = "";
        int jvm = 0;
        for (final Path input : inputs)
        {
            jvm++;
            final List<Double> jvmRatio = new ArrayList<>();
            for (final String line : Files.readAllLines(input, StandardCharsets.UTF_8))
            {
                if (line.startsWith("# JVM:") || line.startsWith("# machine:"))
                {
                    if (jvm == 1)
                    {
                        environment += line.substring(2) + "\n";
                    }
                    continue;
                }
                final int eq = line.indexOf('=');
                if (line.startsWith("#") || eq < 0)
                {
                    continue;
                }
                final String key = line.substring(0, eq);
                final String value = line.substring(eq + 1);
                if (key.startsWith("round."))
                {
                    final String[] f = value.split(" ");
                    ours.add(Double.parseDouble(f[0]));
                    peer.add(Double.parseDouble(f[1]));
                    ratio.add(Double.parseDouble(f[2]));
                    jvmRatio.add(Double.parseDouble(f[2]));
                }
                else if (key.equals("books.identical") && !Boolean.parseBoolean(value))
                {
                    identical = false;
                }
                else if (key.equals("ours.bytesPerCommand.max"))
                {
                    oursBytesMax = Math.max(oursBytesMax, Double.parseDouble(value));
                }
                else if (key.equals("exchangeCore.bytesPerCommand.median"))
                {
                    peerBytes.add(Double.parseDouble(value));
                }
                else if (key.equals("stream") && jvm == 1)
                {
                    stream = value;
                }
            }
            final double[] r = toArray(jvmRatio);
            perJvm.append(String.format(Locale.ROOT, "jvm.%d.ratio=%.3f %.3f %.3f %d%n",
                jvm, PeerComparison.median(r), PeerComparison.min(r), PeerComparison.max(r), r.length));
        }

        final double[] o = toArray(ours);
        final double[] p = toArray(peer);
        final double[] r = toArray(ratio);
        final StringBuilder s = new StringBuilder();
        s.append("# Reference engine vs exchange-core 0.5.3, pooled over ").append(inputs.size()).append(" JVMs, ")
            .append(r.length).append(" rounds\n");
        s.append("# ").append(environment.strip().replace("\n", "\n# ")).append('\n');
        s.append("stream=").append(stream).append('\n');
        s.append("jvms=").append(inputs.size()).append('\n');
        s.append("rounds=").append(r.length).append('\n');
        s.append(spread("ours.opsPerSecond", o, "%.0f"));
        s.append(spread("exchangeCore.opsPerSecond", p, "%.0f"));
        s.append(spread("ratio", r, "%.3f"));
        s.append("# per JVM: median min max rounds\n").append(perJvm);
        s.append(String.format(Locale.ROOT, "ours.bytesPerCommand.max=%.3f%n", oursBytesMax));
        s.append(String.format(Locale.ROOT, "exchangeCore.bytesPerCommand.median=%.3f%n",
            PeerComparison.median(toArray(peerBytes))));
        s.append("books.identical=").append(identical).append('\n');

        System.out.println();
        System.out.println("== Summary over " + inputs.size() + " JVMs, " + r.length + " rounds");
        System.out.printf(Locale.ROOT, "ours           ops/s median %,.0f  min %,.0f  max %,.0f%n",
            PeerComparison.median(o), PeerComparison.min(o), PeerComparison.max(o));
        System.out.printf(Locale.ROOT, "exchange-core  ops/s median %,.0f  min %,.0f  max %,.0f%n",
            PeerComparison.median(p), PeerComparison.min(p), PeerComparison.max(p));
        System.out.printf(Locale.ROOT, "ratio (ours / exchange-core) median %.2f  min %.2f  max %.2f%n",
            PeerComparison.median(r), PeerComparison.min(r), PeerComparison.max(r));
        System.out.print(perJvm);
        System.out.printf(Locale.ROOT, "allocated per command: ours max %.3f bytes, exchange-core median %.1f bytes%n",
            oursBytesMax, PeerComparison.median(toArray(peerBytes)));
        System.out.println(identical ?
            "final books identical in every replay" : "FINAL BOOKS DIFFERED in at least one replay");
        if (out != null)
        {
            final Path parent = out.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.writeString(out, s.toString(), StandardCharsets.UTF_8);
            System.out.println("summary written to " + out.toAbsolutePath());
        }
        if (!identical)
        {
            System.exit(1);
        }
    }

    private static String spread(final String key, final double[] v, final String format)
    {
        return key + ".median=" + String.format(Locale.ROOT, format, PeerComparison.median(v)) + '\n' +
            key + ".min=" + String.format(Locale.ROOT, format, PeerComparison.min(v)) + '\n' +
            key + ".max=" + String.format(Locale.ROOT, format, PeerComparison.max(v)) + '\n';
    }

    private static double[] toArray(final List<Double> values)
    {
        final double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++)
        {
            a[i] = values.get(i);
        }
        return a;
    }
}
