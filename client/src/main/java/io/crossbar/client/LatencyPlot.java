package io.crossbar.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Writes latency percentile plots a person can open in a browser: an SVG with one line per
 * series, latency (microseconds) against percentile on the usual "nines" axis (50%, 90%, 99%,
 * 99.9%, ...), as HdrHistogram's plotter draws them. Also a plain-text table of the same points.
 */
public final class LatencyPlot
{
    private static final double[] PERCENTILES = {
        0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 97.5, 98, 98.5, 99, 99.25, 99.5, 99.75, 99.9,
        99.95, 99.99, 99.999};
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int WIDTH = 860;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 180;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private LatencyPlot()
    {
    }

    /** Plot {@code series} (name to histogram of nanoseconds) into {@code file}. */
    public static void writeSvg(final Path file, final String title, final Map<String, Histogram> series) throws IOException
    {
        double maxUs = 1;
        for (final Histogram histogram : series.values())
        {
            maxUs = Math.max(maxUs, histogram.getValueAtPercentile(99.999) / 1000.0);
        }
        final double yMax = niceCeiling(maxUs);
        final double xMax = x(99.999);
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
            "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>%n",
            WIDTH, HEIGHT));
        svg.append("<rect width='100%' height='100%' fill='white'/>\n");
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='22' font-size='15'>%s</text>%n", LEFT, escape(title)));
        final int plotW = WIDTH - LEFT - RIGHT;
        final int plotH = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 5; i++)
        {
            final double value = yMax * i / 5;
            final double y = TOP + plotH - plotH * i / 5.0;
            svg.append(String.format(Locale.ROOT,
                "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/><text x='%d' y='%.1f' text-anchor='end'>%s</text>%n",
                LEFT, y, LEFT + plotW, y, LEFT - 6, y + 4, trim(value)));
        }
        final double[] ticks = {0, 90, 99, 99.9, 99.99, 99.999};
        for (final double tick : ticks)
        {
            final double xPos = LEFT + plotW * x(tick) / xMax;
            svg.append(String.format(Locale.ROOT,
                "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#ddd'/><text x='%.1f' y='%d' text-anchor='middle'>%s%%</text>%n",
                xPos, TOP, xPos, TOP + plotH, xPos, TOP + plotH + 16, percentLabel(tick)));
        }
        svg.append(String.format(Locale.ROOT,
            "<text x='%d' y='%d' text-anchor='middle'>percentile</text>%n", LEFT + plotW / 2, HEIGHT - 18));
        svg.append(String.format(Locale.ROOT,
            "<text x='18' y='%d' transform='rotate(-90 18 %d)' text-anchor='middle'>latency (us)</text>%n",
            TOP + plotH / 2, TOP + plotH / 2));
        int index = 0;
        for (final Map.Entry<String, Histogram> entry : series.entrySet())
        {
            final String colour = COLOURS[index % COLOURS.length];
            final StringBuilder points = new StringBuilder();
            for (final double percentile : PERCENTILES)
            {
                final double us = entry.getValue().getValueAtPercentile(percentile) / 1000.0;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                    LEFT + plotW * x(percentile) / xMax, TOP + plotH - plotH * Math.min(us, yMax) / yMax));
            }
            svg.append(String.format(Locale.ROOT,
                "<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>%n", colour, points.toString().trim()));
            final int legendY = TOP + 10 + index * 36;
            svg.append(String.format(Locale.ROOT,
                "<rect x='%d' y='%d' width='14' height='4' fill='%s'/><text x='%d' y='%d'>%s</text>%n",
                LEFT + plotW + 12, legendY, colour, LEFT + plotW + 32, legendY + 6, escape(entry.getKey())));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='#555'>p50 %s p99 %s us</text>%n",
                LEFT + plotW + 32, legendY + 20, trim(entry.getValue().getValueAtPercentile(50) / 1000.0),
                trim(entry.getValue().getValueAtPercentile(99) / 1000.0)));
            index++;
        }
        svg.append("</svg>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, svg.toString());
    }

    /** The percentiles of each series as a text table, microseconds. */
    public static String table(final Map<String, Histogram> series)
    {
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-28s %9s %9s %9s %9s %9s %9s%n",
            "series (us)", "count", "p50", "p90", "p99", "p99.9", "max"));
        for (final Map.Entry<String, Histogram> entry : series.entrySet())
        {
            final Histogram h = entry.getValue();
            text.append(String.format(Locale.ROOT, "%-28s %9d %9.1f %9.1f %9.1f %9.1f %9.1f%n", entry.getKey(),
                h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0));
        }
        return text.toString();
    }

    private static double x(final double percentile)
    {
        return Math.log10(100.0 / (100.0 - Math.min(percentile, 99.999)));
    }

    private static double niceCeiling(final double value)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (final double step : new double[] {1, 2, 2.5, 5, 10})
        {
            if (value <= step * magnitude)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** A number as people write it: 12, 3.5, 1,250, 99.99 (no exponent, no trailing zeros). */
    private static String trim(final double value)
    {
        if (value >= 100)
        {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(value >= 10 ? 3 : 2))
            .stripTrailingZeros().toPlainString();
    }

    private static String percentLabel(final double percentile)
    {
        return java.math.BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
