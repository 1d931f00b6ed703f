package io.crossbar.bench.e2e;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.agrona.concurrent.IdleStrategy;

/**
 * The open-loop schedule both end-to-end series share: request {@code i} is due at
 * {@code startNs + i * intervalNs} and is sent as soon as it is due (latency is measured from that
 * planned time, so a stall delays every later request and shows); between sends the answers are
 * polled. Ends when every request was answered, or {@code drainNs} after the last send.
 */
final class OpenLoop
{
    /** Sends request {@code index}, due at {@code plannedNs}; false when it could not go now. */
    @FunctionalInterface
    interface Sender
    {
        boolean send(long index, long plannedNs);
    }

    private OpenLoop()
    {
    }

    /**
     * @return the number of requests sent.
     */
    static long run(
        final long startNs,
        final long total,
        final long intervalNs,
        final long drainNs,
        final IdleStrategy idle,
        final Sender sender,
        final IntSupplier poll,
        final LongSupplier answered)
    {
        long sent = 0;
        long plannedNs = startNs;
        long drainDeadlineNs = Long.MAX_VALUE;
        while (answered.getAsLong() < total)
        {
            final long nowNs = System.nanoTime();
            int work = 0;
            if (sent < total && nowNs >= plannedNs && sender.send(sent, plannedNs))
            {
                sent++;
                plannedNs = startNs + sent * intervalNs;
                work++;
                if (sent == total)
                {
                    drainDeadlineNs = nowNs + drainNs;
                }
            }
            work += poll.getAsInt();
            if (nowNs > drainDeadlineNs)
            {
                break;
            }
            if (work == 0)
            {
                idle.idle();
            }
            else
            {
                idle.reset();
            }
        }
        return sent;
    }
}
