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
 * With {@code --svg FILE} it also plots every round: our ops/s against exchange-core's, one colour
 * per JVM, with the lines of equal speed, of the 2x goal and of the median ratio.
 * <p>
 * Usage: {@code PeerSummary [--out FILE] [--svg FILE] RESULT...}. Exits 1 if any run saw differing
 * books.
 */
public final class PeerSummary
{
    private PeerSummary()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        Path out = null;
        Path svg = null;
        final List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            if ("--out".equals(args[i]))
            {
                out = Path.of(args[++i]);
            }
            else if ("--svg".equals(args[i]))
            {
                svg = Path.of(args[++i]);
            }
            else
            {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty())
        {
            System.err.println("usage: PeerSummary [--out FILE] [--svg FILE] RESULT...");
            System.exit(2);
        }

        final List<Double> ours = new ArrayList<>();
        final List<Double> peer = new ArrayList<>();
        final List<Double> ratio = new ArrayList<>();
        final List<Integer> roundJvm = new ArrayList<>();
        final StringBuilder perJvm = new StringBuilder();
        boolean identical = true;
        double oursBytesMax = 0;
        final List<Double> peerBytes = new ArrayList<>();
        final List<Double> quietRatio = new ArrayList<>();
        final List<Double> quietOurs = new ArrayList<>();
        final List<Double> quietPeer = new ArrayList<>();
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
                    roundJvm.add(jvm);
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
                else if (key.equals("quiet.ratio"))
                {
                    quietRatio.add(Double.parseDouble(value));
                }
                else if (key.equals("quiet.ours.opsPerSecond"))
                {
                    quietOurs.add(Double.parseDouble(value));
                }
                else if (key.equals("quiet.exchangeCore.opsPerSecond"))
                {
                    quietPeer.add(Double.parseDouble(value));
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
        final double[] q = toArray(quietRatio);
        if (q.length > 0)
        {
            s.append("# quiet level per JVM (QuietLevel): the fastest time of each chunk over the JVM's rounds, summed\n");
            s.append(spread("quiet.ours.opsPerSecond", toArray(quietOurs), "%.0f"));
            s.append(spread("quiet.exchangeCore.opsPerSecond", toArray(quietPeer), "%.0f"));
            s.append(spread("quiet.ratio", q, "%.3f"));
        }
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
        if (q.length > 0)
        {
            System.out.printf(Locale.ROOT, "quiet-level ratio over %d JVMs: median %.2f  min %.2f  max %.2f%n",
                q.length, PeerComparison.median(q), PeerComparison.min(q), PeerComparison.max(q));
        }
        System.out.printf(Locale.ROOT, "allocated per command: ours max %.3f bytes, exchange-core median %.1f bytes%n",
            oursBytesMax, PeerComparison.median(toArray(peerBytes)));
        System.out.println(identical ?
            "final books identical in every replay" : "FINAL BOOKS DIFFERED in at least one replay");
        if (out != null)
        {
            PeerComparison.write(out, s.toString());
            System.out.println("summary written to " + out.toAbsolutePath());
        }
        if (svg != null)
        {
            PeerComparison.write(svg, plot(o, p, roundJvm, PeerComparison.median(r), inputs.size()));
            System.out.println("plot written to " + svg.toAbsolutePath());
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

    /** Every round as a point (exchange-core's ops/s across, ours up), in millions. */
    static String plot(
        final double[] ours, final double[] peer, final List<Integer> jvmOfRound, final double medianRatio, final int jvms)
    {
        final int w = 640;
        final int h = 480;
        final int left = 60;
        final int bottom = 50;
        final int top = 40;
        final int right = 20;
        double xMax = 0;
        double yMax = 0;
        for (int i = 0; i < ours.length; i++)
        {
            xMax = Math.max(xMax, peer[i] / 1e6);
            yMax = Math.max(yMax, ours[i] / 1e6);
        }
        xMax = Math.ceil(xMax * 1.15);
        yMax = Math.ceil(Math.max(yMax * 1.1, 2 * xMax * 0.9));
        final double sx = (w - left - right) / xMax;
        final double sy = (h - top - bottom) / yMax;
        final String[] colours = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        b.append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"22\" font-size=\"14\">Reference engine vs exchange-core, same stream, same JVM: %d rounds in %d JVMs</text>%n",
            left, ours.length, jvms));
        for (int t = 0; t <= xMax; t += 2)
        {
            final double x = left + t * sx;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n", x, top, x, h - bottom));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, h - bottom + 16, t));
        }
        for (int t = 0; t <= yMax; t += 2)
        {
            final double y = h - bottom - t * sy;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n", left, y, w - right, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n", left - 6, y + 4, t));
        }
        b.append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">exchange-core, M commands/s</text>%n", (left + w - right) / 2, h - 12));
        b.append(String.format(Locale.ROOT,
            "<text transform=\"rotate(-90)\" x=\"%d\" y=\"16\" text-anchor=\"middle\">ours, M commands/s</text>%n", -(top + h - bottom) / 2));
        final double[][] rays = {{1, 0}, {2, 1}, {medianRatio, 2}};
        final String[] rayStyle = {"stroke=\"#999\" stroke-dasharray=\"4 4\"", "stroke=\"#000\" stroke-dasharray=\"8 4\"", "stroke=\"#444\""};
        final String[] rayLabel = {"equal", "goal 2x", String.format(Locale.ROOT, "median %.2fx", medianRatio)};
        for (int k = 0; k < rays.length; k++)
        {
            final double ratio = rays[k][0];
            final double xEnd = Math.min(xMax, yMax / ratio);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" %s/>%n",
                left, h - bottom, left + xEnd * sx, h - bottom - xEnd * ratio * sy, rayStyle[k]));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n",
                left + xEnd * sx - 70, h - bottom - xEnd * ratio * sy + (k == 1 ? 14 : -6), rayLabel[k]));
        }
        for (int i = 0; i < ours.length; i++)
        {
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" fill-opacity=\"0.75\"/>%n",
                left + peer[i] / 1e6 * sx, h - bottom - ours[i] / 1e6 * sy, colours[(jvmOfRound.get(i) - 1) % colours.length]));
        }
        for (int j = 1; j <= jvms; j++)
        {
            final int y = top + 10 + 16 * j;
            b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>%n", left + 16, y - 4, colours[(j - 1) % colours.length]));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">JVM %d</text>%n", left + 26, y, j));
        }
        b.append("</svg>\n");
        return b.toString();
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
