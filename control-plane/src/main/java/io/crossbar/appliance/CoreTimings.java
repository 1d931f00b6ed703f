package io.crossbar.appliance;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * Where the core thread's time goes on a request, for measurement: when enabled
 * ({@link ApplianceContext#coreTimings(boolean)}), every duty cycle in which the gateway had work
 * (a request read, a session timer) records how long each step of the order path took, in ns:
 * <ol>
 *     <li>{@link #GATEWAY}: the gateway's poll: decode, session and throttle checks, validation,
 *     the sequencer's append to the journal publication;</li>
 *     <li>{@link #RECORD}: Aeron Archive's duty cycle on this thread, which writes the appended
 *     inputs to the recording (a file write);</li>
 *     <li>{@link #DEVICE}: the recorded inputs handed to the device (the reference engine runs
 *     the command here; a card is written its command);</li>
 *     <li>{@link #EVENTS}: the device's events polled and turned into execution reports (offered
 *     as they are built) and market data;</li>
 *     <li>{@link #CYCLE}: the four together, from the gateway's poll to the last report offered;</li>
 *     <li>{@link #IDLE}: a whole duty cycle in which the gateway had no work (the archive's, the
 *     device's, market data's and the housekeeping's polls): how long a request that arrives
 *     meanwhile waits, at most, before the gateway polls again.</li>
 * </ol>
 * Recording allocates nothing (values past an hour are clamped). Off by default: a disabled
 * instance is never created and the duty cycle reads no clock for it. The histograms belong to
 * the core thread while the appliance runs; read them after {@link Appliance#close()}.
 */
public final class CoreTimings
{
    public static final int GATEWAY = 0;
    public static final int RECORD = 1;
    public static final int DEVICE = 2;
    public static final int EVENTS = 3;
    public static final int CYCLE = 4;
    public static final int IDLE = 5;

    private static final String[] NAMES = {"gateway", "journal record", "device", "reports", "duty cycle", "idle cycle"};
    private static final long HIGHEST_NS = 3_600_000_000_000L;

    private final Histogram[] histograms = new Histogram[NAMES.length];

    public CoreTimings()
    {
        for (int i = 0; i < histograms.length; i++)
        {
            histograms[i] = new Histogram(HIGHEST_NS, 3);
        }
    }

    /** One duty cycle's clock readings: before the gateway, the archive, the device, the events, and after. */
    void record(final long gatewayNs, final long recordNs, final long deviceNs, final long eventsNs, final long endNs)
    {
        add(GATEWAY, recordNs - gatewayNs);
        add(RECORD, deviceNs - recordNs);
        add(DEVICE, eventsNs - deviceNs);
        add(EVENTS, endNs - eventsNs);
        add(CYCLE, endNs - gatewayNs);
    }

    /** One duty cycle without gateway work, from before the gateway's poll to the cycle's end. */
    void recordIdle(final long startNs, final long endNs)
    {
        add(IDLE, endNs - startNs);
    }

    private void add(final int step, final long ns)
    {
        histograms[step].recordValue(Math.max(0, Math.min(ns, HIGHEST_NS)));
    }

    /** The histogram of one step (ns), {@link #GATEWAY} .. {@link #IDLE}. */
    public Histogram histogram(final int step)
    {
        return histograms[step];
    }

    /** The name of one step as {@link #summary} prints it. */
    public static String name(final int step)
    {
        return NAMES[step];
    }

    /** One line: each step's p50 and p99 in microseconds, and the number of duty cycles. */
    public String summary()
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < histograms.length; i++)
        {
            line.append(String.format(Locale.ROOT, "%s%s %.2f/%.2f", i == 0 ? "" : ", ", NAMES[i],
                histograms[i].getValueAtPercentile(50) / 1e3, histograms[i].getValueAtPercentile(99) / 1e3));
        }
        return line.append(String.format(Locale.ROOT, " us (p50/p99 of %,d duty cycles with gateway work, %,d without)",
            histograms[CYCLE].getTotalCount(), histograms[IDLE].getTotalCount())).toString();
    }
}
