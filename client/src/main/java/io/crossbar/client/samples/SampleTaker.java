package io.crossbar.client.samples;

import java.util.SplittableRandom;

import io.crossbar.client.OrderEntryClient;
import io.crossbar.sbe.orderentry.BusinessRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeDecoder;
import io.crossbar.sbe.orderentry.OrderType;
import io.crossbar.sbe.orderentry.Side;
import io.crossbar.sbe.orderentry.StpMode;
import io.crossbar.sbe.orderentry.TimeInForce;

/**
 * A sample taker: one session that sends immediate-or-cancel orders at a fixed rate, each on a
 * random side (seeded, so a run can be repeated) for a random 1 .. {@code maxQuantity} lots,
 * priced {@code reach} ticks through the reference price so that it crosses market makers
 * quoting that many levels around it.
 * <p>
 * The schedule is open loop: order k is due at {@code start + k / rate} whatever happened to
 * order k-1, and its round trip is timed from that planned time to its first report (New, a
 * fill, a cancel or a reject). When the thread, the gateway or the card falls behind, the delay
 * shows in the latency rather than quietly lowering the rate (no coordinated omission).
 * <p>
 * Non-blocking: {@link #doWork(long)} sends what is due and polls the session. Allocates nothing
 * after {@link #connect(long)}. Client order ids are {@code session << 48 | counter}.
 */
public final class SampleTaker extends SampleTrader
{
    /** Orders in flight the taker can time; older unanswered ones are dropped from the timing. */
    private static final int WINDOW = 1 << 14;
    private static final int MASK = WINDOW - 1;
    private static final int MAX_SENDS_PER_CYCLE = 64;

    private final SplittableRandom random;
    private final int account;
    private final int instrument;
    private final long buyPrice;
    private final long sellPrice;
    private final long maxQuantity;
    private final long intervalNs;
    private final long[] inFlightClOrdIds = new long[WINDOW];
    private final long[] plannedNs = new long[WINDOW];
    private long counter;
    private long nextSendNs;
    private boolean drawn;
    private Side nextSide;
    private long nextQuantity;
    private boolean sending;
    private int outstanding;

    /**
     * @param clientContext  the firm's credentials and the gateway's address.
     * @param session        0 .. 32767, unique among the sessions of the firm (and across runs on one journal).
     * @param account        an account of the firm.
     * @param instrument     what to trade.
     * @param referencePrice in ticks.
     * @param reach          ticks through the reference price each order is priced (buys above, sells below).
     * @param maxQuantity    largest order, lots.
     * @param ratePerSecond  orders a second.
     * @param seed           for the sides and quantities.
     */
    public SampleTaker(
        final OrderEntryClient.Context clientContext,
        final int session,
        final int account,
        final int instrument,
        final long referencePrice,
        final int reach,
        final long maxQuantity,
        final double ratePerSecond,
        final long seed)
    {
        if (session < 0 || session > Short.MAX_VALUE || maxQuantity < 1 || reach < 0 || referencePrice <= reach ||
            !(ratePerSecond > 0 && ratePerSecond <= 1_000_000))
        {
            throw new IllegalArgumentException("session 0..32767, quantity >= 1, reach >= 0 below the reference price " +
                "and a rate of 0 < r <= 1,000,000 a second, found session=" + session + " quantity=" + maxQuantity +
                " reach=" + reach + " rate=" + ratePerSecond);
        }
        super(clientContext, session);
        this.random = new SplittableRandom(seed);
        this.account = account;
        this.instrument = instrument;
        this.buyPrice = referencePrice + reach;
        this.sellPrice = referencePrice - reach;
        this.maxQuantity = maxQuantity;
        this.intervalNs = Math.max(1, Math.round(1e9 / ratePerSecond));
    }

    /** Begin the schedule: the first order is due at {@code nowNs}. */
    public void start(final long nowNs)
    {
        nextSendNs = nowNs;
        sending = true;
    }

    /** Stop sending; reports still arrive through {@link #doWork(long)}. */
    public void stop()
    {
        sending = false;
    }

    /**
     * One duty cycle: read reports, then send every order whose planned time has come (a bounded
     * number per cycle, so one late taker does not starve the others on the thread).
     *
     * @return work done, 0 when idle.
     */
    public int doWork(final long nowNs)
    {
        int work = client.poll();
        if (!sending || client.state() != OrderEntryClient.State.ESTABLISHED)
        {
            return work;
        }
        for (int i = 0; i < MAX_SENDS_PER_CYCLE && nowNs - nextSendNs >= 0; i++)
        {
            if (!drawn)
            {
                nextSide = random.nextBoolean() ? Side.BUY : Side.SELL;
                nextQuantity = 1 + random.nextLong(maxQuantity);
                drawn = true;
            }
            final long clOrdId = idBase | (counter + 1);
            final long result = client.newOrder(clOrdId, account, instrument, nextSide, OrderType.LIMIT, TimeInForce.IOC,
                nextSide == Side.BUY ? buyPrice : sellPrice, nextQuantity, 0, 0, StpMode.CANCEL_AGGRESSOR);
            if (result < 0)
            {
                stats.backPressured++;
                break;
            }
            counter++;
            final int index = (int)(counter & MASK);
            if (inFlightClOrdIds[index] != 0)
            {
                outstanding--;   // unanswered for a whole window: no longer timed
            }
            inFlightClOrdIds[index] = clOrdId;
            plannedNs[index] = nextSendNs;
            outstanding++;
            nextSendNs += intervalNs;
            drawn = false;
            stats.sent++;
            work++;
        }
        return work;
    }

    /** Orders sent whose first report has not arrived. */
    public int outstanding()
    {
        return outstanding;
    }

    // ----------------------------------------------------------------------------- reports

    /** The first report of an order stops its clock; later ones do not. */
    private void firstReport(final long clOrdId)
    {
        if ((clOrdId & ~0xFFFFFFFFFFFFL) != idBase)
        {
            return;
        }
        final int index = (int)(clOrdId & MASK);
        if (inFlightClOrdIds[index] == clOrdId)
        {
            stats.recordRoundTrip(System.nanoTime() - plannedNs[index]);
            inFlightClOrdIds[index] = 0;
            outstanding--;
        }
    }

    public void onNew(final ExecutionReportNewDecoder report)
    {
        stats.acks++;
        firstReport(report.clOrdId());
    }

    public void onTrade(final ExecutionReportTradeDecoder report)
    {
        stats.fills++;
        stats.filledQuantity += report.lastQty();
        firstReport(report.clOrdId());
    }

    public void onCanceled(final ExecutionReportCanceledDecoder report)
    {
        stats.canceled++;
        firstReport(report.origClOrdId());
    }

    public void onRejected(final ExecutionReportRejectDecoder report)
    {
        stats.reject(report.reason());
        firstReport(report.clOrdId());
    }

    public void onBusinessReject(final BusinessRejectDecoder reject)
    {
        stats.reject(reject.reason());
        firstReport(reject.refClOrdId());
    }
}
