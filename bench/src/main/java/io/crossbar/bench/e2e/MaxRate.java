package io.crossbar.bench.e2e;

import io.crossbar.appliance.ApplianceContext;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.client.OrderEntryListener;
import io.crossbar.sbe.orderentry.BusinessRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRejectDecoder;
import io.crossbar.sbe.orderentry.Side;
import org.agrona.concurrent.IdleStrategy;

/**
 * One session as fast as the appliance answers it: a window of requests outstanding, orders
 * resting at {@link OrderRoundTrip#PRICE} and each order's cancel sent when its ExecutionReportNew
 * arrives, so the book stays as small as the window. Counts every answered request (new, canceled
 * or a reject); the rate is over the time to the last answer. The gateway drops a report it cannot
 * offer (back-pressure) and expects a retransmit request; this client does not ask, so a run
 * ends 2 s after the last answer when some never came, and says how many. Used for the sustained rate and to write a long journal quickly.
 */
final class MaxRate implements OrderEntryListener
{
    private static final int QUEUE = 1 << 16;
    private static final int MASK = QUEUE - 1;

    private final OrderEntryClient client;
    private final long[] cancelClOrdIds = new long[QUEUE];
    private final long[] cancelOrderIds = new long[QUEUE];
    private long commands;
    private long pendingHead;
    private long pendingTail;
    private long nextClOrdId;
    private long orders;
    private long cancels;
    private long answered;
    private long rejects;
    private long gapMessages;
    private long lastAnswerNs;

    MaxRate(final OrderEntryClient client, final long firstClOrdId)
    {
        this.client = client;
        this.nextClOrdId = firstClOrdId;
    }

    long nextClOrdId()
    {
        return nextClOrdId;
    }

    /** Until {@code commands} requests were answered or {@code seconds} passed. */
    OrderRoundTrip.Result run(final String idleStrategy, final long commands, final double seconds, final int window)
    {
        this.commands = commands;
        client.listener(this);
        final IdleStrategy idle = ApplianceContext.newIdleStrategy(idleStrategy);
        final long startNs = System.nanoTime();
        final long endNs = startNs + (long)(seconds * 1e9);
        lastAnswerNs = startNs;
        long nowNs;
        while (answered < commands && (nowNs = System.nanoTime()) < endNs)
        {
            if (nowNs - lastAnswerNs > 2_000_000_000L)
            {
                break;  // answers lost to the session's back-pressure (a gap): this client does not ask for them again
            }
            int work = sendPending();
            if (orders + cancels < commands && orders + cancels - answered < window)
            {
                work += sendOrder();
            }
            work += client.poll();
            if (work == 0)
            {
                idle.idle();
            }
            else
            {
                idle.reset();
            }
        }
        if (gapMessages > 0 || answered < commands && answered < orders + cancels)
        {
            System.out.printf("  closed loop: %,d sent, %,d answered, %,d of the gateway's messages never arrived (sequence gaps)%n",
                orders + cancels, answered, gapMessages);
        }
        return new OrderRoundTrip.Result(orders + cancels, answered, rejects, lastAnswerNs - startNs);
    }

    private int sendOrder()
    {
        if (client.limitOrder(nextClOrdId, OrderRoundTrip.ACCOUNT, OrderRoundTrip.INSTRUMENT, Side.BUY, OrderRoundTrip.PRICE, 1) > 0)
        {
            nextClOrdId++;
            orders++;
            return 1;
        }
        return 0;
    }

    private int sendPending()
    {
        int work = 0;
        while (pendingHead < pendingTail && orders + cancels < commands)
        {
            final int slot = (int)(pendingHead & MASK);
            if (client.cancel(nextClOrdId, cancelClOrdIds[slot], cancelOrderIds[slot], OrderRoundTrip.ACCOUNT,
                OrderRoundTrip.INSTRUMENT, Side.BUY) <= 0)
            {
                break;
            }
            nextClOrdId++;
            cancels++;
            pendingHead++;
            work++;
        }
        return work;
    }

    public void onNew(final ExecutionReportNewDecoder report)
    {
        lastAnswerNs = System.nanoTime();
        answered++;
        if (pendingTail - pendingHead < QUEUE)
        {
            final int slot = (int)(pendingTail & MASK);
            cancelClOrdIds[slot] = report.clOrdId();
            cancelOrderIds[slot] = report.orderId();
            pendingTail++;
        }
    }

    public void onGap(final long fromSeqNum, final long toSeqNum)
    {
        gapMessages += toSeqNum - fromSeqNum;
    }

    public void onCanceled(final ExecutionReportCanceledDecoder report)
    {
        lastAnswerNs = System.nanoTime();
        answered++;
    }

    public void onRejected(final ExecutionReportRejectDecoder report)
    {
        lastAnswerNs = System.nanoTime();
        answered++;
        rejects++;
    }

    public void onCancelRejected(final OrderCancelRejectDecoder report)
    {
        lastAnswerNs = System.nanoTime();
        answered++;
        rejects++;
    }

    public void onBusinessReject(final BusinessRejectDecoder reject)
    {
        lastAnswerNs = System.nanoTime();
        answered++;
        rejects++;
    }
}
