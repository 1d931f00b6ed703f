package io.crossbar.client.samples;

import java.util.Arrays;

import io.crossbar.client.OrderEntryClient;
import io.crossbar.sbe.orderentry.BusinessRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportModifyDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRejectDecoder;
import io.crossbar.sbe.orderentry.Side;

/**
 * A sample market maker: one session that keeps {@code levels} orders of a fixed size resting on
 * each side of a reference price (bids at ref-1 .. ref-levels ticks, asks at ref+1 ..
 * ref+levels), and puts a level back as soon as it trades: a partial fill is topped up to the
 * full size by a replace, a full fill (or an unsolicited cancel) by a new order. It shows what a
 * client of the appliance has to keep: its live orders, rebuilt from nothing but the execution
 * reports, and client order ids unique for its firm.
 * <p>
 * Client order ids are {@code session << 48 | counter << 8 | slot}: the session number keeps
 * two sessions of one firm apart, the counter makes every request new, and the slot (which
 * level, which side) lets a report find its order without a map.
 * <p>
 * Non-blocking: {@link #doWork(long)} sends what is due and polls the session, so many traders
 * share one thread. Each request is timed from the moment it became due (when the level emptied)
 * to its first report (New, Modify or a reject), into {@link #stats()}. Allocates nothing after
 * {@link #connect(long)}.
 */
public final class SampleMarketMaker extends SampleTrader
{
    /** Most levels a side may have: two sides of slots must fit the id's 8 slot bits. */
    public static final int MAX_LEVELS = 64;

    private static final int EMPTY = 0;
    private static final int PENDING_NEW = 1;
    private static final int LIVE = 2;
    private static final int PENDING_REPLACE = 3;
    private static final long RETRY_AFTER_REJECT_NS = 100_000_000L;
    private static final long NONE = 0;

    private final int account;
    private final int instrument;
    private final long quantity;
    private final int slots;
    private final long[] prices;
    private final Side[] sides;
    private final int[] states;
    private final long[] clOrdIds;
    private final long[] pendingClOrdIds;
    private final long[] orderIds;
    private final long[] dueNs;
    private final boolean[] topUp;
    private long counter;
    private boolean quoting = true;
    private boolean started;

    /**
     * @param clientContext  the firm's credentials and the gateway's address.
     * @param session        0 .. 32767, unique among the sessions of the firm (and across runs on one journal).
     * @param account        an account of the firm.
     * @param instrument     what to quote.
     * @param referencePrice centre of the quotes, in ticks.
     * @param levels         orders per side, 1 .. {@link #MAX_LEVELS}.
     * @param quantity       lots per order.
     */
    public SampleMarketMaker(
        final OrderEntryClient.Context clientContext,
        final int session,
        final int account,
        final int instrument,
        final long referencePrice,
        final int levels,
        final long quantity)
    {
        if (session < 0 || session > Short.MAX_VALUE || levels < 1 || levels > MAX_LEVELS || quantity < 1 ||
            referencePrice <= levels)
        {
            throw new IllegalArgumentException("session 0..32767, levels 1.." + MAX_LEVELS +
                ", quantity >= 1 and a reference price above the levels, found session=" + session + " levels=" +
                levels + " quantity=" + quantity + " ref=" + referencePrice);
        }
        super(clientContext, session);
        this.account = account;
        this.instrument = instrument;
        this.quantity = quantity;
        this.slots = 2 * levels;
        this.prices = new long[slots];
        this.sides = new Side[slots];
        this.states = new int[slots];
        this.clOrdIds = new long[slots];
        this.pendingClOrdIds = new long[slots];
        this.orderIds = new long[slots];
        this.dueNs = new long[slots];
        this.topUp = new boolean[slots];
        for (int level = 0; level < levels; level++)
        {
            prices[level] = referencePrice - level - 1;
            sides[level] = Side.BUY;
            prices[levels + level] = referencePrice + level + 1;
            sides[levels + level] = Side.SELL;
        }
    }

    /**
     * One duty cycle: read reports, then (re)quote every level that is due.
     *
     * @return work done, 0 when idle.
     */
    public int doWork(final long nowNs)
    {
        int work = client.poll();
        if (!quoting || client.state() != OrderEntryClient.State.ESTABLISHED)
        {
            return work;
        }
        if (!started)
        {
            started = true;
            Arrays.fill(dueNs, nowNs);
        }
        for (int slot = 0; slot < slots; slot++)
        {
            final int state = states[slot];
            if (state == EMPTY && nowNs >= dueNs[slot])
            {
                final long clOrdId = nextClOrdId(slot);
                if (client.limitOrder(clOrdId, account, instrument, sides[slot], prices[slot], quantity) < 0)
                {
                    stats.backPressured++;
                    break;
                }
                clOrdIds[slot] = clOrdId;
                pendingClOrdIds[slot] = clOrdId;
                orderIds[slot] = NONE;
                states[slot] = PENDING_NEW;
                stats.sent++;
                work++;
            }
            else if (state == LIVE && topUp[slot])
            {
                final long clOrdId = nextClOrdId(slot);
                if (client.replace(clOrdId, clOrdIds[slot], orderIds[slot], account, instrument, sides[slot], prices[slot],
                    quantity) < 0)
                {
                    stats.backPressured++;
                    break;
                }
                pendingClOrdIds[slot] = clOrdId;
                states[slot] = PENDING_REPLACE;
                topUp[slot] = false;
                stats.sent++;
                work++;
            }
        }
        return work;
    }

    private long nextClOrdId(final int slot)
    {
        return idBase | (++counter << 8) | slot;
    }

    /** Stop quoting (resting orders stay until {@link #terminate()} cancels them). */
    public void stopQuoting()
    {
        quoting = false;
    }

    /** Requests sent whose first report has not arrived. */
    public int outstanding()
    {
        int outstanding = 0;
        for (int slot = 0; slot < slots; slot++)
        {
            if (states[slot] == PENDING_NEW || states[slot] == PENDING_REPLACE)
            {
                outstanding++;
            }
        }
        return outstanding;
    }

    /** Orders resting as far as the reports tell. */
    public int liveOrders()
    {
        int live = 0;
        for (int slot = 0; slot < slots; slot++)
        {
            if (states[slot] == LIVE || states[slot] == PENDING_REPLACE)
            {
                live++;
            }
        }
        return live;
    }

    // ----------------------------------------------------------------------------- reports

    private int slotOf(final long clOrdId)
    {
        final int slot = (int)(clOrdId & 0xFF);
        return (clOrdId & ~0xFFFFFFFFFFFFL) == idBase && slot < slots ? slot : -1;
    }

    private void answered(final int slot)
    {
        stats.recordRoundTrip(System.nanoTime() - dueNs[slot]);
        pendingClOrdIds[slot] = NONE;
    }

    private void empty(final int slot, final long delayNs)
    {
        states[slot] = EMPTY;
        pendingClOrdIds[slot] = NONE;
        topUp[slot] = false;
        dueNs[slot] = System.nanoTime() + delayNs;
    }

    public void onNew(final ExecutionReportNewDecoder report)
    {
        final long clOrdId = report.clOrdId();
        final int slot = slotOf(clOrdId);
        if (slot >= 0 && states[slot] == PENDING_NEW && pendingClOrdIds[slot] == clOrdId)
        {
            answered(slot);
            orderIds[slot] = report.orderId();
            states[slot] = LIVE;
            stats.acks++;
        }
    }

    public void onModified(final ExecutionReportModifyDecoder report)
    {
        final long clOrdId = report.clOrdId();
        final int slot = slotOf(clOrdId);
        if (slot >= 0 && states[slot] == PENDING_REPLACE && pendingClOrdIds[slot] == clOrdId)
        {
            answered(slot);
            clOrdIds[slot] = clOrdId;
            states[slot] = LIVE;
            stats.acks++;
        }
    }

    public void onTrade(final ExecutionReportTradeDecoder report)
    {
        stats.fills++;
        stats.filledQuantity += report.lastQty();
        final long clOrdId = report.clOrdId();
        final int slot = slotOf(clOrdId);
        if (slot < 0 || clOrdIds[slot] != clOrdId || states[slot] == EMPTY)
        {
            return;
        }
        if (report.leavesQty() == 0)
        {
            empty(slot, 0);
        }
        else if (states[slot] == LIVE && !topUp[slot])
        {
            topUp[slot] = true;
            dueNs[slot] = System.nanoTime();
        }
    }

    public void onCanceled(final ExecutionReportCanceledDecoder report)
    {
        final long origClOrdId = report.origClOrdId();
        final int slot = slotOf(origClOrdId);
        if (slot >= 0 && clOrdIds[slot] == origClOrdId && states[slot] != EMPTY)
        {
            stats.canceled++;
            empty(slot, RETRY_AFTER_REJECT_NS);
        }
    }

    public void onRejected(final ExecutionReportRejectDecoder report)
    {
        stats.reject(report.reason());
        final long clOrdId = report.clOrdId();
        final int slot = slotOf(clOrdId);
        if (slot >= 0 && states[slot] == PENDING_NEW && pendingClOrdIds[slot] == clOrdId)
        {
            answered(slot);
            empty(slot, RETRY_AFTER_REJECT_NS);
        }
    }

    public void onCancelRejected(final OrderCancelRejectDecoder report)
    {
        stats.reject(report.reason());
        final long clOrdId = report.clOrdId();
        final int slot = slotOf(clOrdId);
        if (slot >= 0 && states[slot] == PENDING_REPLACE && pendingClOrdIds[slot] == clOrdId)
        {
            // The order is unchanged; if it has gone, its last fill or cancel has emptied the slot already.
            answered(slot);
            states[slot] = LIVE;
        }
    }

    public void onBusinessReject(final BusinessRejectDecoder reject)
    {
        stats.reject(reject.reason());
        final long clOrdId = reject.refClOrdId();
        final int slot = slotOf(clOrdId);
        if (slot >= 0 && pendingClOrdIds[slot] == clOrdId)
        {
            answered(slot);
            if (states[slot] == PENDING_NEW)
            {
                empty(slot, RETRY_AFTER_REJECT_NS);
            }
            else if (states[slot] == PENDING_REPLACE)
            {
                states[slot] = LIVE;
            }
        }
    }
}
