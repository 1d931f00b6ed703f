package io.crossbar.bench;

import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.EventSink;
import io.crossbar.engine.Limits;
import io.crossbar.engine.ReferenceEngine;
import io.crossbar.sbe.device.AcceptedEventDecoder;
import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.RejectedEventDecoder;
import io.crossbar.sbe.device.Side;
import io.crossbar.sbe.device.TimeInForce;
import io.crossbar.sbe.device.TradeEventDecoder;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * A seeded order flow for one instrument, held twice: as our 64-byte command records and as
 * exchange-core {@link OrderCommand}s, equivalent command for command.
 * <p>
 * The flow follows exchange-core's own order book benchmark: a book of about
 * {@value #DEFAULT_TARGET_ORDERS} resting orders, and in steady state 9% new GTC orders, 3% IOC
 * orders, 6% cancels and 82% moves. A centre price random-walks within +-{@value #CENTRE_RANGE}
 * ticks of the reference price. Passive GTC orders and moves quote behind the touch (behind the
 * centre and the opposite best price, up to {@value #QUOTE_DEPTH} ticks deep, denser near it);
 * a small, regulated share of them is priced through the opposite best price and trades, which
 * together with the IOC orders (always marketable) removes as many orders as the GTC orders add
 * beyond the cancels, so the book stays near its target size.
 * <p>
 * The stream has four parts, each a contiguous range of records:
 * <ol>
 *   <li><b>setup</b> (our records only): the instrument, zero margin coefficients, the accounts;</li>
 *   <li><b>prefill</b>: GTC orders that build the book to its target size without trading;</li>
 *   <li><b>main</b>: the timed part, in the mix above;</li>
 *   <li><b>drain</b>: a cancel for every order still resting, which empties the book again
 *       (used by benchmarks that replay the stream in a cycle).</li>
 * </ol>
 * <p>
 * Equivalence. The two engines differ in ways the stream neutralises: buy orders come only from
 * accounts {@code [0, BUYERS)} and sell orders only from {@code [BUYERS, ACCOUNTS)}, so our
 * self-trade prevention never fires (exchange-core has none); a modify always changes the price
 * and carries the order's current leaves quantity, which is what exchange-core's move does (it
 * keeps the size and re-queues at the back of the new level). Margin coefficients are zero and
 * credit and position limits are far beyond what the stream can use. Our order ids are assigned
 * by the engine, so the generator runs both engines while it writes the stream: ours to learn the
 * id of every accepted order (a fresh engine replaying the same records assigns the same ids),
 * exchange-core to learn fills; after every command it checks that both produced the same trades
 * (maker, quantity, in order), and at the end of the main part that the books are identical.
 * Exchange-core order ids are the generator's own: 1, 2, 3, ... in order of entry.
 */
public final class PeerStream
{
    public static final int INSTRUMENT = 0;
    public static final long REFERENCE_PRICE = 100_000;
    /** Band of +-5% (+-5,000 ticks); every price the stream uses lies in the engine's window, ref +- 2,048. */
    public static final int BAND_BPS = 500;
    public static final long MAX_ORDER_QUANTITY = 1_000_000;
    public static final long POSITION_LIMIT = Limits.MAX_QUANTITY;
    public static final long CREDIT = 1_000_000_000_000_000L;
    public static final int BUYERS = 500;
    public static final int SELLERS = 500;
    public static final int ACCOUNTS = BUYERS + SELLERS;
    public static final int DEFAULT_TARGET_ORDERS = 1_000;
    /** The centre stays within this many ticks of the reference price. */
    public static final int CENTRE_RANGE = 500;
    /** Per command, the probability that the centre takes a step of one tick. */
    public static final double CENTRE_STEP_PROBABILITY = 0.125;
    /** Passive quotes lie up to this many ticks behind the touch (squared-uniform: denser near it). */
    public static final int QUOTE_DEPTH = 600;
    /** An aggressive order or move prices up to this many ticks through the opposite best price. */
    public static final int AGGRESSION = 3;
    /**
     * Share of GTC orders and moves priced through the opposite best price at the target book
     * size; the share rises by {@link #AGGRESSION_GAIN} per 100% the book is above its target and
     * falls likewise below it, which holds the book near its target.
     */
    public static final double AGGRESSIVE_SHARE = 0.02;
    public static final double AGGRESSION_GAIN = 0.5;
    /** Lowest price the stream may use: the engine's default window is ref +- 2048. */
    static final long PRICE_FLOOR = REFERENCE_PRICE - 2048;
    static final int PRICE_SPAN = 4096;

    /** The engine capacities both generation and every replay use: the card's defaults. */
    public static EngineConfig engineConfig()
    {
        return new EngineConfig().conclude();
    }

    public static long uidOf(final int account)
    {
        return account + 1L;
    }

    public static int accountOfUid(final long uid)
    {
        return (int)(uid - 1);
    }

    // ------------------------------------------------------------------------------------------

    public final long seed;
    public final int targetOrders;

    /** All our command records: setup, prefill, main, drain. Record r has sequence r + 1. */
    public final UnsafeBuffer records;
    public final int setupCount;
    public final int prefillCount;
    public final int mainCount;
    public final int drainCount;

    /**
     * Exchange-core commands for prefill, main and drain: stream index i is our record
     * {@code setupCount + i}.
     */
    public final OrderCommand[] peerCommands;

    /**
     * For each stream index: for a modify or cancel, the stream index of the new order it names;
     * -1 for new orders. Lets a cyclic replay substitute the ids a later cycle's engine assigns.
     */
    public final int[] origin;

    /** Our order id for each exchange-core order id (index), as a fresh replay assigns them. */
    public final long[] ourIdByPeerId;

    /** Our engine's {@link ReferenceEngine#stateHash()} after the main part, for replays to match. */
    public final long stateHashAfterMain;

    // Statistics of the main part
    public final int gtcCount;
    public final int iocCount;
    public final int cancelCount;
    public final int modifyCount;
    public final long tradeCount;
    public final int commandsWithTrades;
    public final int minRestingOrders;
    public final int maxRestingOrders;
    public final double meanRestingOrders;
    public final int restingOrdersAfterMain;
    public final int levelsAfterMain;
    public final long minPrice;
    public final long maxPrice;

    private PeerStream(final Generator g)
    {
        seed = g.seed;
        targetOrders = g.targetOrders;
        records = g.records;
        setupCount = g.setupCount;
        prefillCount = g.prefillCount;
        mainCount = g.mainCount;
        drainCount = g.drainCount;
        peerCommands = g.peerCommands;
        origin = g.origin;
        ourIdByPeerId = g.ourIdByPeerId;
        stateHashAfterMain = g.stateHashAfterMain;
        gtcCount = g.gtc;
        iocCount = g.ioc;
        cancelCount = g.cancels;
        modifyCount = g.modifies;
        tradeCount = g.trades;
        commandsWithTrades = g.commandsWithTrades;
        minRestingOrders = g.minResting;
        maxRestingOrders = g.maxResting;
        meanRestingOrders = g.restingSum / (double)Math.max(1, g.mainCount);
        restingOrdersAfterMain = g.restingAfterMain;
        levelsAfterMain = g.levelsAfterMain;
        minPrice = g.minPrice;
        maxPrice = g.maxPrice;
    }

    /**
     * Generate a stream.
     *
     * @param seed         of the random choices; the same seed gives the same stream.
     * @param mainCommands number of commands in the main (timed) part.
     * @param targetOrders resting orders to aim for.
     */
    public static PeerStream generate(final long seed, final int mainCommands, final int targetOrders)
    {
        if (mainCommands < 1 || targetOrders < 2)
        {
            throw new IllegalArgumentException("mainCommands >= 1 and targetOrders >= 2 required");
        }
        final Generator g = new Generator(seed, mainCommands, targetOrders);
        g.run();
        return new PeerStream(g);
    }

    /** Stream index (prefill, main and drain numbered together) of the first main command. */
    public int mainStart()
    {
        return prefillCount;
    }

    /** Stream index one past the last main command. */
    public int mainEnd()
    {
        return prefillCount + mainCount;
    }

    /** Stream index one past the last drain command. */
    public int streamEnd()
    {
        return prefillCount + mainCount + drainCount;
    }

    /** Byte offset in {@link #records} of stream index {@code i} (setup records come first). */
    public int offsetOf(final int streamIndex)
    {
        return (setupCount + streamIndex) * CommandRecords.RECORD;
    }

    /** Byte offset in {@link #records} of the first setup record. */
    public int setupOffset()
    {
        return 0;
    }

    public String describe()
    {
        final int main = Math.max(1, mainCount);
        return String.format(
            "seed %d: %,d main commands (GTC %.1f%%, IOC %.1f%%, cancel %.1f%%, modify %.1f%%), " +
            "%,d trades, %.1f%% of commands trade; resting orders min %d mean %.0f max %d (target %d); " +
            "after main %d orders on %d levels; prices %d..%d; prefill %,d, drain %,d",
            seed, mainCount,
            100.0 * gtcCount / main, 100.0 * iocCount / main, 100.0 * cancelCount / main, 100.0 * modifyCount / main,
            tradeCount, 100.0 * commandsWithTrades / main,
            minRestingOrders, meanRestingOrders, maxRestingOrders, targetOrders,
            restingOrdersAfterMain, levelsAfterMain, minPrice, maxPrice, prefillCount, drainCount);
    }

    // ------------------------------------------------------------------------------------------

    /** Collects the events of one command of our engine during generation. */
    private static final class GenerationSink implements EventSink
    {
        private static final byte ACCEPTED = (byte)EventKind.ACCEPTED.value();
        private static final byte REJECTED = (byte)EventKind.REJECTED.value();
        private static final byte TRADE = (byte)EventKind.TRADE.value();

        long acceptedId;
        int rejectReason;
        int trades;
        long[] tradeMaker = new long[1024];
        long[] tradeQuantity = new long[1024];

        void clear()
        {
            acceptedId = 0;
            rejectReason = -1;
            trades = 0;
        }

        public void onEvent(final DirectBuffer buffer, final int offset)
        {
            final byte kind = buffer.getByte(offset + 8);
            if (kind == ACCEPTED)
            {
                acceptedId = buffer.getLong(offset + AcceptedEventDecoder.orderIdEncodingOffset());
            }
            else if (kind == REJECTED)
            {
                rejectReason = buffer.getByte(offset + RejectedEventDecoder.reasonEncodingOffset()) & 0xFF;
            }
            else if (kind == TRADE)
            {
                if (trades == tradeMaker.length)
                {
                    tradeMaker = java.util.Arrays.copyOf(tradeMaker, trades * 2);
                    tradeQuantity = java.util.Arrays.copyOf(tradeQuantity, trades * 2);
                }
                tradeMaker[trades] = buffer.getLong(offset + TradeEventDecoder.makerOrderIdEncodingOffset());
                tradeQuantity[trades] = buffer.getLong(offset + TradeEventDecoder.quantityEncodingOffset());
                trades++;
            }
        }
    }

    private static final class Generator
    {
        final long seed;
        final int targetOrders;
        final int mainCount;
        final SplittableRandom random;
        final CommandRecords writer = new CommandRecords();

        final ReferenceEngine ours = new ReferenceEngine(engineConfig());
        final GenerationSink sink = new GenerationSink();
        final PeerBook peer = new PeerBook();

        UnsafeBuffer records;
        int setupCount;
        int prefillCount;
        int drainCount;
        OrderCommand[] peerCommands;
        int[] origin;
        long[] ourIdByPeerId;
        long stateHashAfterMain;

        // Model of the book, by exchange-core order id (1, 2, 3, ...)
        boolean[] buy;
        int[] account;
        long[] price;
        long[] leaves;
        int[] placedAt;
        int[] livePos;
        int[] liveBuy;
        int[] liveSell;
        int buys;
        int sells;
        int nextPeerId = 1;

        final Levels buyLevels = new Levels(true);
        final Levels sellLevels = new Levels(false);
        long centre = REFERENCE_PRICE;
        int streamIndex;
        boolean inMain;

        int gtc;
        int ioc;
        int cancels;
        int modifies;
        long trades;
        int commandsWithTrades;
        int minResting = Integer.MAX_VALUE;
        int maxResting;
        long restingSum;
        int restingAfterMain;
        int levelsAfterMain;
        long minPrice = Long.MAX_VALUE;
        long maxPrice = Long.MIN_VALUE;

        Generator(final long seed, final int mainCount, final int targetOrders)
        {
            this.seed = seed;
            this.mainCount = mainCount;
            this.targetOrders = targetOrders;
            this.random = new SplittableRandom(seed);
        }

        void run()
        {
            setupCount = 2 + ACCOUNTS;
            final int maxPrefill = targetOrders * 4;
            // Every main command adds at most one order, and the drain cancels what is left.
            final int maxOrders = maxPrefill + mainCount;
            final long maxRecords = (long)setupCount + maxPrefill + mainCount + maxOrders;
            if (maxRecords * CommandRecords.RECORD > Integer.MAX_VALUE - 64)
            {
                throw new IllegalArgumentException("stream too long for one buffer: " + mainCount + " commands");
            }
            records = new UnsafeBuffer(BufferUtil.allocateDirectAligned((int)(maxRecords * CommandRecords.RECORD), 64));
            peerCommands = new OrderCommand[(int)(maxRecords - setupCount)];
            origin = new int[peerCommands.length];
            ourIdByPeerId = new long[maxOrders + 1];
            buy = new boolean[maxOrders + 1];
            account = new int[maxOrders + 1];
            price = new long[maxOrders + 1];
            leaves = new long[maxOrders + 1];
            placedAt = new int[maxOrders + 1];
            livePos = new int[maxOrders + 1];
            java.util.Arrays.fill(livePos, -1);
            liveBuy = new int[maxOrders];
            liveSell = new int[maxOrders];

            writeSetup();

            // Prefill: alternate sides until both hold half the target, without crossing.
            final int half = targetOrders / 2;
            boolean nextBuy = true;
            while ((buys < half || sells < half) && streamIndex < maxPrefill)
            {
                final boolean isBuy = buys < half && (nextBuy || sells >= half);
                nextBuy = !nextBuy;
                newOrder(isBuy, false, price(isBuy, false), size());
            }
            prefillCount = streamIndex;

            inMain = true;
            for (int n = 0; n < mainCount; n++)
            {
                stepCentre();
                final int resting = buys + sells;
                final double aggressive = Math.max(0.0, Math.min(0.5,
                    AGGRESSIVE_SHARE + AGGRESSION_GAIN * (resting - targetOrders) / (double)targetOrders));
                final int u = random.nextInt(100);
                if (resting == 0 || u < 9)
                {
                    // Replenish the thinner side more often.
                    final boolean isBuy = buys == sells ? random.nextBoolean() : random.nextInt(4) < (buys < sells ? 3 : 1);
                    gtc++;
                    newOrder(isBuy, false, price(isBuy, random.nextDouble() < aggressive), size());
                }
                else if (u < 12)
                {
                    // Take from the thicker side more often.
                    final boolean isBuy = buys == sells ? random.nextBoolean() : random.nextInt(4) < (sells > buys ? 3 : 1);
                    ioc++;
                    newOrder(isBuy, true, price(isBuy, true), smallSize());
                }
                else if (u < 18)
                {
                    cancels++;
                    cancel(pickResting());
                }
                else
                {
                    modifies++;
                    final int id = pickResting();
                    long newPrice = price(buy[id], random.nextDouble() < aggressive);
                    if (newPrice == price[id])
                    {
                        newPrice += buy[id] ? -1 : 1;
                    }
                    modify(id, newPrice);
                }
                final int after = buys + sells;
                minResting = Math.min(minResting, after);
                maxResting = Math.max(maxResting, after);
                restingSum += after;
            }
            inMain = false;

            stateHashAfterMain = ours.stateHash();
            restingAfterMain = buys + sells;
            final BookSnapshot oursAfterMain = BookSnapshot.ofReference(ours, INSTRUMENT);
            final BookSnapshot peerAfterMain = BookSnapshot.ofPeer(peer.book(), ourIdByPeerId);
            final String difference = oursAfterMain.firstDifference(peerAfterMain);
            if (difference != null)
            {
                throw new IllegalStateException("books differ after generating the main part: " + difference);
            }
            if (oursAfterMain.orders() != restingAfterMain)
            {
                throw new IllegalStateException(
                    "generator's model holds " + restingAfterMain + " orders, the books " + oursAfterMain.orders());
            }
            levelsAfterMain = oursAfterMain.levels();

            // Drain: cancel every resting order, bids first.
            final int drainStart = streamIndex;
            while (buys + sells > 0)
            {
                final int id = buys > 0 ? liveBuy[0] : liveSell[0];
                cancel(id);
            }
            drainCount = streamIndex - drainStart;
            if (BookSnapshot.ofReference(ours, INSTRUMENT).orders() != 0 ||
                BookSnapshot.ofPeer(peer.book(), ourIdByPeerId).orders() != 0)
            {
                throw new IllegalStateException("the drain left orders resting");
            }
            peerCommands = java.util.Arrays.copyOf(peerCommands, streamIndex);
        }

        private void writeSetup()
        {
            int r = 0;
            writer.setInstrument(
                records, r * CommandRecords.RECORD, r + 1, INSTRUMENT, REFERENCE_PRICE, BAND_BPS, MAX_ORDER_QUANTITY,
                POSITION_LIMIT);
            r++;
            writer.setZeroMargin(records, r * CommandRecords.RECORD, r + 1, INSTRUMENT);
            r++;
            for (int a = 0; a < ACCOUNTS; a++)
            {
                writer.setAccount(records, r * CommandRecords.RECORD, r + 1, a, CREDIT);
                r++;
            }
            if (r != setupCount)
            {
                throw new IllegalStateException("setup has " + r + " records, expected " + setupCount);
            }
            for (int i = 0; i < setupCount; i++)
            {
                sink.clear();
                ours.process(records, i * CommandRecords.RECORD, sink);
                if (sink.rejectReason >= 0)
                {
                    throw new IllegalStateException("setup record " + i + " rejected, reason " + sink.rejectReason);
                }
            }
        }

        private void stepCentre()
        {
            if (random.nextDouble() < CENTRE_STEP_PROBABILITY)
            {
                centre += random.nextBoolean() ? 1 : -1;
                if (centre > REFERENCE_PRICE + CENTRE_RANGE)
                {
                    centre -= 2;
                }
                else if (centre < REFERENCE_PRICE - CENTRE_RANGE)
                {
                    centre += 2;
                }
            }
        }

        /**
         * A price for a buy or sell order: passive, behind both the centre and the opposite best
         * price, denser near them; or aggressive, up to {@link #AGGRESSION} ticks through the
         * opposite best price (at the centre if that side is empty).
         */
        private long price(final boolean isBuy, final boolean aggressive)
        {
            final long oppositeBest = isBuy ? sellLevels.best() : buyLevels.best();
            if (aggressive)
            {
                final long through = random.nextInt(AGGRESSION + 1);
                if (oppositeBest == NO_PRICE)
                {
                    return centre;
                }
                return isBuy ? oppositeBest + through : oppositeBest - through;
            }
            final double u = random.nextDouble();
            final long depth = 1 + (long)(u * u * QUOTE_DEPTH);
            if (isBuy)
            {
                final long touch = oppositeBest == NO_PRICE ? centre : Math.min(centre, oppositeBest);
                return touch - depth;
            }
            final long touch = oppositeBest == NO_PRICE ? centre : Math.max(centre, oppositeBest);
            return touch + depth;
        }

        /** Exchange-core's own size distribution: 1 + a*b*c with a, b, c uniform in 0..5. */
        private long size()
        {
            return 1 + (long)random.nextInt(6) * random.nextInt(6) * random.nextInt(6);
        }

        /** IOC sizes: 1 to 4 lots, so an IOC usually takes part of the best order. */
        private long smallSize()
        {
            return 1 + random.nextInt(4);
        }

        private int pickResting()
        {
            final int r = random.nextInt(buys + sells);
            return r < buys ? liveBuy[r] : liveSell[r - buys];
        }

        private int pickAccount(final boolean isBuy)
        {
            return isBuy ? random.nextInt(BUYERS) : BUYERS + random.nextInt(SELLERS);
        }

        private void newOrder(final boolean isBuy, final boolean isIoc, final long limit, final long quantity)
        {
            final int i = streamIndex++;
            final int id = nextPeerId++;
            final int acct = pickAccount(isBuy);
            final int offset = (setupCount + i) * CommandRecords.RECORD;
            writer.newOrder(
                records, offset, setupCount + i + 1L, acct, INSTRUMENT, isBuy ? Side.BUY : Side.SELL,
                isIoc ? TimeInForce.IOC : TimeInForce.GTC, limit, quantity);

            final OrderCommand cmd = new OrderCommand();
            cmd.command = OrderCommandType.PLACE_ORDER;
            cmd.orderId = id;
            cmd.symbol = INSTRUMENT;
            cmd.price = limit;
            cmd.size = quantity;
            cmd.reserveBidPrice = isBuy ? limit : 0;
            cmd.action = isBuy ? OrderAction.BID : OrderAction.ASK;
            cmd.orderType = isIoc ? OrderType.IOC : OrderType.GTC;
            cmd.uid = uidOf(acct);
            cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
            peerCommands[i] = cmd;
            origin[i] = -1;
            trackPrice(limit);

            final long filled = processBoth(i, offset, cmd);
            if (sink.acceptedId == 0)
            {
                throw new IllegalStateException("no ACCEPTED event for stream index " + i);
            }
            ourIdByPeerId[id] = sink.acceptedId;
            buy[id] = isBuy;
            account[id] = acct;
            price[id] = limit;
            leaves[id] = quantity - filled;
            placedAt[id] = i;
            if (!isIoc && leaves[id] > 0)
            {
                addLive(id);
            }
        }

        private void cancel(final int id)
        {
            final int i = streamIndex++;
            final int offset = (setupCount + i) * CommandRecords.RECORD;
            writer.cancel(records, offset, setupCount + i + 1L, account[id], INSTRUMENT, ourIdByPeerId[id]);

            final OrderCommand cmd = new OrderCommand();
            cmd.command = OrderCommandType.CANCEL_ORDER;
            cmd.orderId = id;
            cmd.symbol = INSTRUMENT;
            cmd.uid = uidOf(account[id]);
            cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
            peerCommands[i] = cmd;
            origin[i] = placedAt[id];

            processBoth(i, offset, cmd);
            removeLive(id);
        }

        private void modify(final int id, final long newPrice)
        {
            final int i = streamIndex++;
            final int offset = (setupCount + i) * CommandRecords.RECORD;
            writer.modify(
                records, offset, setupCount + i + 1L, account[id], INSTRUMENT, ourIdByPeerId[id], newPrice, leaves[id]);

            final OrderCommand cmd = new OrderCommand();
            cmd.command = OrderCommandType.MOVE_ORDER;
            cmd.orderId = id;
            cmd.symbol = INSTRUMENT;
            cmd.price = newPrice;
            cmd.uid = uidOf(account[id]);
            cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
            peerCommands[i] = cmd;
            origin[i] = placedAt[id];
            trackPrice(newPrice);

            removeLive(id);
            final long filled = processBoth(i, offset, cmd);
            price[id] = newPrice;
            leaves[id] -= filled;
            if (leaves[id] > 0)
            {
                addLive(id);
            }
        }

        /**
         * Run one command through both engines, check they traded alike, apply the fills to the
         * model's resting orders.
         *
         * @return the quantity the aggressor traded.
         */
        private long processBoth(final int i, final int offset, final OrderCommand cmd)
        {
            sink.clear();
            ours.process(records, offset, sink);
            if (sink.rejectReason >= 0)
            {
                throw new IllegalStateException(
                    "our engine rejected stream index " + i + " (reason " + sink.rejectReason + "): " + cmd);
            }
            final CommandResultCode code = peer.processKeepingEvents(cmd);
            if (code != CommandResultCode.SUCCESS)
            {
                throw new IllegalStateException("exchange-core answered " + code + " to stream index " + i + ": " + cmd);
            }

            long filled = 0;
            int t = 0;
            for (MatcherTradeEvent e = cmd.matcherEvent; e != null; e = e.nextEvent)
            {
                if (e.eventType != MatcherEventType.TRADE)
                {
                    continue;
                }
                final int maker = (int)e.matchedOrderId;
                if (t >= sink.trades || sink.tradeMaker[t] != ourIdByPeerId[maker] || sink.tradeQuantity[t] != e.size)
                {
                    throw new IllegalStateException("trades differ at stream index " + i + ", fill " + t + ": " + cmd);
                }
                t++;
                filled += e.size;
                leaves[maker] -= e.size;
                if (leaves[maker] == 0)
                {
                    if (!e.matchedOrderCompleted)
                    {
                        throw new IllegalStateException("maker " + maker + " filled but not completed");
                    }
                    removeLive(maker);
                }
            }
            cmd.matcherEvent = null;
            if (t != sink.trades)
            {
                throw new IllegalStateException(
                    "our engine traded " + sink.trades + " times, exchange-core " + t + ", at stream index " + i);
            }
            if (inMain)
            {
                trades += t;
                if (t > 0)
                {
                    commandsWithTrades++;
                }
            }
            return filled;
        }

        private void trackPrice(final long p)
        {
            minPrice = Math.min(minPrice, p);
            maxPrice = Math.max(maxPrice, p);
        }

        private void addLive(final int id)
        {
            if (buy[id])
            {
                livePos[id] = buys;
                liveBuy[buys++] = id;
                buyLevels.add(price[id]);
            }
            else
            {
                livePos[id] = sells;
                liveSell[sells++] = id;
                sellLevels.add(price[id]);
            }
        }

        private void removeLive(final int id)
        {
            final int pos = livePos[id];
            if (pos < 0)
            {
                throw new IllegalStateException("order " + id + " is not resting");
            }
            if (buy[id])
            {
                final int last = liveBuy[--buys];
                liveBuy[pos] = last;
                livePos[last] = pos;
                buyLevels.remove(price[id]);
            }
            else
            {
                final int last = liveSell[--sells];
                liveSell[pos] = last;
                livePos[last] = pos;
                sellLevels.remove(price[id]);
            }
            livePos[id] = -1;
        }
    }

    static final long NO_PRICE = 0;

    /** Orders per price on one side of the model's book, with the best price kept current. */
    private static final class Levels
    {
        final boolean buySide;
        final int[] count = new int[PRICE_SPAN];
        long best = NO_PRICE;

        Levels(final boolean buySide)
        {
            this.buySide = buySide;
        }

        long best()
        {
            return best;
        }

        void add(final long price)
        {
            final int i = index(price);
            count[i]++;
            if (best == NO_PRICE || (buySide ? price > best : price < best))
            {
                best = price;
            }
        }

        void remove(final long price)
        {
            final int i = index(price);
            if (--count[i] == 0 && price == best)
            {
                best = NO_PRICE;
                if (buySide)
                {
                    for (int j = i - 1; j >= 0; j--)
                    {
                        if (count[j] > 0)
                        {
                            best = PRICE_FLOOR + j;
                            break;
                        }
                    }
                }
                else
                {
                    for (int j = i + 1; j < PRICE_SPAN; j++)
                    {
                        if (count[j] > 0)
                        {
                            best = PRICE_FLOOR + j;
                            break;
                        }
                    }
                }
            }
        }

        private static int index(final long price)
        {
            final long i = price - PRICE_FLOOR;
            if (i < 0 || i >= PRICE_SPAN)
            {
                throw new IllegalStateException("price " + price + " outside the engine's window");
            }
            return (int)i;
        }
    }
}
