package io.crossbar.client.samples;

import io.crossbar.sbe.orderentry.Reason;
import org.HdrHistogram.Histogram;

/**
 * What one sample trader counts and measures: requests sent, acknowledgements, fills, rejects by
 * reason, and the round trip from an order's planned send time to its first report. Two
 * histograms hold the round trip: one for the whole run and one since the last
 * {@link #takeInterval(Histogram)}, so a progress line can show the last second without a second
 * recorder.
 * <p>
 * Written and read by the one thread that runs the trader; recording allocates nothing.
 */
public final class TraderStats
{
    /** Round trips above this (a minute) are recorded as this: a stalled run must not throw. */
    public static final long HIGHEST_TRACKABLE_NS = 60_000_000_000L;

    private final Histogram roundTrip = newHistogram();
    private final Histogram interval = newHistogram();
    private final long[] rejectsByReason = new long[256];
    long sent;
    long acks;
    long fills;
    long filledQuantity;
    long rejects;
    long canceled;
    long backPressured;

    /** A histogram of nanoseconds with the range and precision the samples use. */
    public static Histogram newHistogram()
    {
        return new Histogram(HIGHEST_TRACKABLE_NS, 3);
    }

    void recordRoundTrip(final long ns)
    {
        final long value = Math.min(Math.max(ns, 0), HIGHEST_TRACKABLE_NS);
        roundTrip.recordValue(value);
        interval.recordValue(value);
    }

    void reject(final Reason reason)
    {
        rejects++;
        rejectsByReason[reason == null || reason == Reason.NULL_VAL ? 255 : reason.value()]++;
    }

    /** Orders, replaces and cancels handed to the gateway (accepted by Aeron). */
    public long sent()
    {
        return sent;
    }

    /** ExecutionReportNew and ExecutionReportModify received. */
    public long acks()
    {
        return acks;
    }

    /** ExecutionReportTrade received (one per fill). */
    public long fills()
    {
        return fills;
    }

    /** Lots filled. */
    public long filledQuantity()
    {
        return filledQuantity;
    }

    /** Order rejects, cancel/replace rejects and business rejects. */
    public long rejects()
    {
        return rejects;
    }

    /** Rejects with the given reason. */
    public long rejects(final Reason reason)
    {
        return rejectsByReason[reason.value()];
    }

    /** Orders canceled without asking (IOC remainders, self-trade prevention, ...). */
    public long canceled()
    {
        return canceled;
    }

    /** Sends Aeron refused (back-pressure or not connected); retried on the next duty cycle. */
    public long backPressured()
    {
        return backPressured;
    }

    /** Round trips of the whole run, nanoseconds. */
    public Histogram roundTrip()
    {
        return roundTrip;
    }

    /** Add the round trips since the last call to {@code into}, and start a new interval. */
    public void takeInterval(final Histogram into)
    {
        into.add(interval);
        interval.reset();
    }

    /** Add this trader's counts to {@code total}, for a summary over many traders. */
    public void addTo(final TraderStats total)
    {
        total.sent += sent;
        total.acks += acks;
        total.fills += fills;
        total.filledQuantity += filledQuantity;
        total.rejects += rejects;
        total.canceled += canceled;
        total.backPressured += backPressured;
        for (int i = 0; i < rejectsByReason.length; i++)
        {
            total.rejectsByReason[i] += rejectsByReason[i];
        }
        total.roundTrip.add(roundTrip);
    }

    /** Rejects by reason as {@code REASON=n, ...}; empty when there were none. Allocates: for reports. */
    public String rejectsByReason()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < rejectsByReason.length; i++)
        {
            if (rejectsByReason[i] != 0)
            {
                final Reason reason = i == 255 ? null : Reason.get((short)i);
                text.append(text.isEmpty() ? "" : ", ").append(reason == null ? "UNKNOWN" : reason.name())
                    .append('=').append(rejectsByReason[i]);
            }
        }
        return text.toString();
    }
}
