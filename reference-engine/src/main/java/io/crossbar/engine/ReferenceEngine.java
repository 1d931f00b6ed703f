package io.crossbar.engine;

import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.Side;
import org.agrona.DirectBuffer;

import static io.crossbar.engine.Limits.MAX_BAND_BPS;
import static io.crossbar.engine.Limits.MAX_COLLATERAL;
import static io.crossbar.engine.Limits.MAX_PRICE;
import static io.crossbar.engine.Limits.MAX_QUANTITY;

/**
 * The reference matching engine: the executable definition of what Crossbar's card does.
 * <p>
 * It consumes one 64-byte command record at a time and emits 64-byte event records, exactly as
 * the card does over its rings; docs/semantics.md is the text it implements, rule by rule, and the
 * comments below name the rules. It is a pure function of the command stream (no clock, no
 * randomness, no hash-ordered iteration), so two engines fed the same commands emit byte-identical
 * events and reach the same {@link #stateHash()}.
 * <p>
 * Data structures mirror the card's, because capacity rules are part of the semantics:
 * <ul>
 *   <li>price levels are direct-indexed: a book of {@code L} levels maps price {@code p} to slot
 *       {@code p mod L}, and every resting price lies in the instrument's window
 *       {@code [ref - L/2, ref + L/2 - 1]}, so the mapping is one-to-one;</li>
 *   <li>a two-level occupancy bitmap finds the best and next price;</li>
 *   <li>resting orders live in a pool of slots, linked per level first in first out, with a LIFO
 *       free list; the order id is the slot plus a generation count.</li>
 * </ul>
 * Nothing is allocated per command once constructed; expected outcomes are return values and
 * event records, never exceptions. Not thread-safe: one thread drives an engine.
 */
public final class ReferenceEngine implements StateView
{
    static final int NIL = -1;
    static final long NO_PRICE = 0;

    private static final int BUY = 0;
    private static final int SELL = 1;

    // Order record layout: 8 longs (one cache line) per slot.
    private static final int O_PRICE = 0;
    private static final int O_LEAVES = 1;
    private static final int O_VISIBLE = 2;
    private static final int O_DISPLAY = 3;
    private static final int O_PER_LOT = 4;
    private static final int O_LINKS = 5;      // next node in bits 0..31, previous node in 32..63
    private static final int O_ID = 6;         // the current order id: generation and slot
    private static final int O_META = 7;
    private static final int O_STRIDE = 8;
    private static final long LINK_MASK = 0xFFFF_FFFFL;

    // Account record: 4 longs per account.
    private static final int A_CREDIT = 0;
    private static final int A_RESERVED = 1;
    private static final int A_OPEN = 2;       // 1 once the account has been set
    private static final int A_STRIDE = 4;

    // Exposure record: 4 longs per account and instrument; open quantity indexed by side.
    private static final int X_POSITION = 0;
    private static final int X_OPEN = 1;       // X_OPEN + BUY: open buy, X_OPEN + SELL: open sell
    private static final int X_STRIDE = 4;

    // Level record layout: 8 longs (one cache line) per price level. The record is its queue's
    // sentinel node: its links sit at O_LINKS, where an order record keeps its own.
    private static final int L_PRICE = 0;
    private static final int L_QUANTITY = 1;   // the sum of its orders' visible quantities: 0 when empty
    private static final int L_COUNT = 2;
    private static final int L_STAMP = 3;
    private static final int L_STRIDE = O_STRIDE;

    // O_META bits: account 0..31, instrument 32..47, side 48, stp 49..50, post-only 51, live 52,
    // order type 53, time in force 54..55
    private static final int META_INSTRUMENT_SHIFT = 32;
    private static final int META_SIDE_SHIFT = 48;
    private static final int META_STP_SHIFT = 49;
    private static final long META_POST_ONLY = 1L << 51;
    private static final long META_LIVE = 1L << 52;

    private final EngineConfig config;
    private final int instrumentCount;
    private final int accountCount;
    private final int slotCount;
    private final int levels;
    private final int levelMask;
    private final int levelShift;

    // Instruments
    private final byte[] status;
    private final long[] referencePrice;
    private final int[] bandBps;
    private final long[] band;        // [instrument * 2]: lowest valid price, [instrument * 2 + 1]: highest
    private final long[] windowLow;
    private final long[] windowHigh;
    private final long[] maxOrderQuantity;
    private final long[] positionLimit;
    private final long[] margin;      // [(instrument * 2 + side) * 2]: A, [... + 1]: B, per lot A + B x price
    private final long[] lastTradeId;
    private boolean cardHalted;

    // Accounts (A_* records) and account x instrument (X_* records, see exposureRecord)
    private final long[] accounts;
    private final long[] exposure;

    // Orders and levels share one array of 8-long records, "nodes": node s < slotCount is order
    // slot s, node slotCount + level is that level's record. Each level's queue is a circular
    // list through its own record (the sentinel), linked by node number, so linking and unlinking
    // never branch on an end of the queue and touch no record but the order's, its level's and
    // its neighbours' (no separate array of links or queue heads).
    private final long[] nodes;
    private final int levelBase; // index of the first level record's first long
    private final long[] liveSlots;    // bitmap of live slots, for mass cancels in slot order
    private int freeHead = NIL;
    private int highWater;
    private int liveOrders;

    // Books: book = instrument * 2 + side; level index = book * levels + slot
    private final long[] bestPrice;
    private final OccupancyBitmap occupancy;

    // Levels touched by the current command, in first-touch order, with their state before it.
    private final int[] touchedLevel;
    private final long[] touchedQuantityBefore;
    private final int[] touchedCountBefore;
    private int touchedCount;
    private int commandStamp;

    private final EventEmitter emit = new EventEmitter();

    // The command being processed: checked once against its buffer's bounds, then read raw.
    static
    {
        if (Codes.SIDE_SELL != Codes.SIDE_BUY + 1)
        {
            throw new IllegalStateException("sideCode expects SIDE_SELL to follow SIDE_BUY");
        }
    }

    private static final boolean NATIVE_LITTLE_ENDIAN = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
    private byte[] cmdArray;
    private long cmdAddress;
    private DirectBuffer cmdBuffer;
    private int cmdOffset;
    private long commandSequence;
    private int commandKind;
    private boolean commandRejected;
    private int affectedOrders;

    public ReferenceEngine(final EngineConfig config)
    {
        this.config = config.conclude();
        instrumentCount = config.instruments();
        accountCount = config.accounts();
        slotCount = config.orderSlots();
        levels = config.levelsPerSide();
        levelMask = levels - 1;
        levelShift = Integer.numberOfTrailingZeros(levels);

        status = new byte[instrumentCount];
        referencePrice = new long[instrumentCount];
        bandBps = new int[instrumentCount];
        band = new long[instrumentCount * 2];
        windowLow = new long[instrumentCount];
        windowHigh = new long[instrumentCount];
        maxOrderQuantity = new long[instrumentCount];
        positionLimit = new long[instrumentCount];
        margin = new long[instrumentCount * 4];
        lastTradeId = new long[instrumentCount];

        accounts = new long[accountCount * A_STRIDE];
        exposure = new long[accountCount * instrumentCount * X_STRIDE];

        final int books = instrumentCount * 2;
        final int levelTotal = books * levels;
        nodes = new long[(slotCount + levelTotal) * O_STRIDE];
        levelBase = slotCount * O_STRIDE;
        liveSlots = new long[(slotCount + 63) >>> 6];

        bestPrice = new long[books];
        occupancy = new OccupancyBitmap(books, levels);
        for (int level = 0; level < levelTotal; level++)
        {
            final int sentinel = slotCount + level;
            nodes[sentinel * O_STRIDE + O_LINKS] = links(sentinel, sentinel);
        }

        touchedLevel = new int[levelTotal];
        touchedQuantityBefore = new long[levelTotal];
        touchedCountBefore = new int[levelTotal];
    }

    public EngineConfig config()
    {
        return config;
    }

    /**
     * Process one 64-byte command record.
     *
     * @param buffer holding the record.
     * @param offset of the record's first byte.
     * @param sink   receiving every event of this command, the completion record last.
     * @return the number of events emitted, completion included.
     */
    public int process(final DirectBuffer buffer, final int offset, final EventSink sink)
    {
        buffer.boundsCheck(offset, EventEmitter.RECORD_LENGTH);
        // References are stored only when they change: a reference store costs the collector's
        // write barrier, and a replay feeds one buffer command after command.
        final byte[] array = buffer.byteArray();
        if (array != cmdArray)
        {
            cmdArray = array;
        }
        if (buffer != cmdBuffer)
        {
            cmdBuffer = buffer;
        }
        cmdAddress = buffer.addressOffset() + offset;
        if (!NATIVE_LITTLE_ENDIAN)
        {
            cmdOffset = offset;
        }
        emit.begin(sink);
        commandSequence = cmdLong(CommandLayout.SEQUENCE);
        commandKind = cmdByte(CommandLayout.KIND) & 0xFF;
        // commandRejected, affectedOrders and touchedCount are zero here: each is cleared after
        // the command that set it, so the usual command stores none of them.
        if (++commandStamp == 0)
        {
            for (int level = 0; levelBase + level < nodes.length; level += L_STRIDE)
            {
                nodes[levelBase + level + L_STAMP] = 0;
            }
            commandStamp = 1;
        }

        switch (commandKind)
        {
            case Codes.CMD_NEW_ORDER -> onNewOrder();
            case Codes.CMD_MODIFY -> onModify();
            case Codes.CMD_CANCEL -> onCancel();
            case Codes.CMD_MASS_CANCEL -> onMassCancel();
            case Codes.CMD_SET_INSTRUMENT -> onSetInstrument();
            case Codes.CMD_SET_MARGIN -> onSetMargin();
            case Codes.CMD_SET_REFERENCE_PRICE -> onSetReferencePrice();
            case Codes.CMD_SET_ACCOUNT -> onSetAccount();
            case Codes.CMD_HALT -> cardHalted = true;
            case Codes.CMD_RESUME -> cardHalted = false;
            case Codes.CMD_HEARTBEAT ->
            {
            }
            default -> reject(
                Codes.UNKNOWN_COMMAND,
                cmdInt(CommandLayout.ACCOUNT),
                cmdInt(CommandLayout.INSTRUMENT),
                0);
        }

        if (touchedCount != 0)
        {
            publishTouchedLevels();
            touchedCount = 0;
        }
        final int events = emit.complete(commandKind, commandRejected, affectedOrders, commandSequence);
        if (commandRejected | affectedOrders != 0)
        {
            commandRejected = false;
            affectedOrders = 0;
        }
        return events;
    }

    // ------------------------------------------------------------------------------------------
    // New order
    // ------------------------------------------------------------------------------------------

    private long cmdLong(final int field)
    {
        return NATIVE_LITTLE_ENDIAN ? org.agrona.UnsafeApi.getLong(cmdArray, cmdAddress + field) :
            cmdBuffer.getLong(cmdOffset + field, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private int cmdInt(final int field)
    {
        return NATIVE_LITTLE_ENDIAN ? org.agrona.UnsafeApi.getInt(cmdArray, cmdAddress + field) :
            cmdBuffer.getInt(cmdOffset + field, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private byte cmdByte(final int field)
    {
        return org.agrona.UnsafeApi.getByte(cmdArray, cmdAddress + field);
    }

    private void onNewOrder()
    {
        final int account = cmdInt(CommandLayout.ACCOUNT);
        final int instrument = cmdInt(CommandLayout.INSTRUMENT);
        final int sideCode = cmdByte(CommandLayout.SIDE);
        final int typeCode = cmdByte(CommandLayout.ORDER_TYPE);
        final int tifCode = cmdByte(CommandLayout.TIME_IN_FORCE);
        final int flags = cmdByte(CommandLayout.FLAGS) & 0xFF;
        final int stp = cmdByte(CommandLayout.STP_MODE);
        final long price = cmdLong(CommandLayout.NEW_PRICE);
        final long quantity = cmdLong(CommandLayout.NEW_QUANTITY);
        final long display = cmdLong(CommandLayout.NEW_DISPLAY_QUANTITY);

        // Rule V1: the instrument, then the account, must exist.
        if (!instrumentKnown(instrument))
        {
            reject(Codes.UNKNOWN_INSTRUMENT, account, instrument, 0);
            return;
        }
        if (!accountKnown(account))
        {
            reject(Codes.UNKNOWN_ACCOUNT, account, instrument, 0);
            return;
        }

        // Rule V2: enumerations and flag combinations.
        final boolean postOnly = (flags & CommandLayout.FLAG_POST_ONLY) != 0;
        final boolean reduceOnly = (flags & CommandLayout.FLAG_REDUCE_ONLY) != 0;
        final boolean market = typeCode == Codes.TYPE_MARKET;
        final boolean gtc = tifCode == Codes.TIF_GTC;
        if ((sideCode != Codes.SIDE_BUY && sideCode != Codes.SIDE_SELL) ||
            (typeCode != Codes.TYPE_LIMIT && !market) ||
            (tifCode < Codes.TIF_GTC || tifCode > Codes.TIF_FOK) ||
            (stp < Codes.STP_CANCEL_RESTING || stp > Codes.STP_CANCEL_BOTH) ||
            (flags & ~(CommandLayout.FLAG_POST_ONLY | CommandLayout.FLAG_REDUCE_ONLY)) != 0 ||
            (market && gtc) ||
            (postOnly && (market || !gtc)) ||
            (reduceOnly && gtc) ||
            (display > 0 && !gtc))
        {
            reject(Codes.INVALID_ORDER_FLAGS, account, instrument, 0);
            return;
        }

        // Rule V3: quantities.
        if (quantity <= 0 || display < 0 || display > quantity)
        {
            reject(Codes.INVALID_QUANTITY, account, instrument, 0);
            return;
        }
        if (quantity > maxOrderQuantity[instrument])
        {
            reject(Codes.QUANTITY_OVER_MAX, account, instrument, 0);
            return;
        }

        // Rule V4: price. MARKET carries no price; LIMIT must be a valid tick count.
        if (market ? price != 0 : (price <= 0 || price > MAX_PRICE))
        {
            reject(Codes.INVALID_PRICE, account, instrument, 0);
            return;
        }

        // Rule V5: trading status (card-wide halt included).
        if (cardHalted || status[instrument] != Codes.STATUS_TRADING)
        {
            reject(Codes.INSTRUMENT_NOT_TRADING, account, instrument, 0);
            return;
        }

        // Rule V6: price band. MARKET takes the protective limit at the band's edge.
        final int side = sideCode == Codes.SIDE_BUY ? BUY : SELL;
        final long limit = market ? band[instrument * 2 + (side ^ 1)] : price;
        if (limit < band[instrument * 2] || limit > band[instrument * 2 + 1])
        {
            reject(Codes.PRICE_OUT_OF_BAND, account, instrument, 0);
            return;
        }

        final int x = exposureRecord(account, instrument);
        long perLot = 0;
        if (reduceOnly)
        {
            // Rule R1: reduce-only may only shrink the position on the opposite side.
            final long held = exposure[x + X_POSITION];
            final long reducible = -held * direction(side);
            if (quantity > reducible)
            {
                reject(Codes.REDUCE_ONLY_WOULD_INCREASE, account, instrument, 0);
                return;
            }
        }
        else
        {
            // Rule R2: position limit, counting resting orders on the same side.
            if (!withinPositionLimit(side, x, instrument, quantity))
            {
                reject(Codes.POSITION_LIMIT, account, instrument, 0);
                return;
            }

            // Rule R3: margin reservation, A + B * price per lot.
            perLot = perLot(instrument, side, limit);
            if (quantity * perLot > available(account))
            {
                reject(Codes.INSUFFICIENT_MARGIN, account, instrument, 0);
                return;
            }
        }

        // Rule M1: post-only never trades.
        if (postOnly && crosses(instrument, side, limit))
        {
            reject(Codes.POST_ONLY_WOULD_CROSS, account, instrument, 0);
            return;
        }

        // Rule M2: fill-or-kill is checked before any fill.
        if (tifCode == Codes.TIF_FOK && !fillable(instrument, side, limit, quantity, account, stp))
        {
            reject(Codes.FOK_UNFILLABLE, account, instrument, 0);
            return;
        }

        // Rule C1: every accepted order takes a slot for as long as it lives.
        final int slot = allocateSlot();
        if (slot == NIL)
        {
            reject(Codes.BOOK_FULL, account, instrument, 0);
            return;
        }

        final int o = slot * O_STRIDE;
        nodes[o + O_PRICE] = limit;
        nodes[o + O_LEAVES] = quantity;
        nodes[o + O_VISIBLE] = 0;
        nodes[o + O_DISPLAY] = display;
        nodes[o + O_PER_LOT] = perLot;
        nodes[o + O_META] = (account & 0xFFFF_FFFFL) |
            ((long)instrument << META_INSTRUMENT_SHIFT) |
            ((long)side << META_SIDE_SHIFT) |
            ((long)stp << META_STP_SHIFT) |
            (postOnly ? META_POST_ONLY : 0) |
            META_LIVE;
        accounts[account * A_STRIDE + A_RESERVED] += quantity * perLot;
        final long orderId = nodes[o + O_ID];

        emit.accepted(
            orderId, account, instrument, (byte)sideCode, (byte)typeCode, (byte)tifCode, (byte)flags, (byte)stp,
            limit, quantity, display, perLot);

        if (gtc && !crosses(instrument, side, limit))
        {
            // Nothing to trade: the order rests, and its level is the one level this command
            // changes, so it is published directly rather than through the touched-level list.
            final int level = place(slot, instrument * 2 + side, side, limit);
            exposure[x + X_OPEN + side] += quantity;
            publishLevel(level);
            return;
        }
        final long remaining = match(slot, instrument, side, limit, quantity, account, stp);
        finishAggressor(slot, instrument, side, remaining, gtc);
    }

    private boolean withinPositionLimit(final int side, final int x, final int instrument, final long addedQuantity)
    {
        final long limit = positionLimit[instrument];
        // A buy: position + open buys + added <= limit; a sell: -(position) + open sells + added <= limit.
        return exposure[x + X_POSITION] * direction(side) + exposure[x + X_OPEN + side] + addedQuantity <= limit;
    }

    private long perLot(final int instrument, final int side, final long price)
    {
        final int k = instrument * 2 + side;
        return margin[k * 2] + margin[k * 2 + 1] * price;
    }

    private boolean crosses(final int instrument, final int side, final long limit)
    {
        final long best = bestPrice[instrument * 2 + (side ^ 1)];
        return best != NO_PRICE && (limit - best) * direction(side) >= 0;
    }

    /**
     * Rule M2: the quantity an aggressor could trade within its limit, walking as the match would:
     * self-trade prevention's CANCEL_RESTING skips own orders; the other modes stop at the first
     * own order, and then an iceberg ahead of it offers only its displayed tranche (its refresh
     * would queue behind the own order).
     */
    private boolean fillable(
        final int instrument, final int side, final long limit, final long quantity, final int account, final int stp)
    {
        final int book = instrument * 2 + (side ^ 1);
        long price = bestPrice[book];
        long available = 0;
        while (price != NO_PRICE && (limit - price) * direction(side) >= 0)
        {
            final int level = book * levels + (int)(price & levelMask);
            long levelAll = 0;
            long levelVisible = 0;
            boolean stopped = false;
            final int sentinel = slotCount + level;
            for (int s = next(sentinel); s != sentinel; s = next(s))
            {
                final int o = s * O_STRIDE;
                if ((int)nodes[o + O_META] == account)
                {
                    if (stp == Codes.STP_CANCEL_RESTING)
                    {
                        continue;
                    }
                    stopped = true;
                    break;
                }
                levelAll += nodes[o + O_LEAVES];
                levelVisible += nodes[o + O_VISIBLE];
            }
            available += stopped ? levelVisible : levelAll;
            if (available >= quantity)
            {
                return true;
            }
            if (stopped)
            {
                return false;
            }
            price = nextPrice(book, instrument, side ^ 1, price);
        }
        return false;
    }

    /**
     * Walk the opposite side from the best price while the limit allows, trading first in first
     * out within each level at the resting order's price (rules M3-M6).
     *
     * @return the aggressor's remaining quantity, or -1 if self-trade prevention canceled it.
     */
    private long match(
        final int takerSlot,
        final int instrument,
        final int side,
        final long limit,
        final long quantity,
        final int account,
        final int stp)
    {
        final int book = instrument * 2 + (side ^ 1);
        final int x = exposureRecord(account, instrument);
        final long takerOrderId = nodes[takerSlot * O_STRIDE + O_ID];
        final long takerPerLot = nodes[takerSlot * O_STRIDE + O_PER_LOT];
        final byte takerSideCode = sideCode(side);
        long remaining = quantity;
        boolean stopped = false;

        long price = bestPrice[book];
        while (remaining > 0 && price != NO_PRICE && (limit - price) * direction(side) >= 0)
        {
            final int level = book * levels + (int)(price & levelMask);
            touch(level);
            final int sentinel = slotCount + level;
            int s = next(sentinel);
            while (s != sentinel && remaining > 0)
            {
                final int o = s * O_STRIDE;
                final int next = next(s);
                final int makerAccount = (int)nodes[o + O_META];
                if (makerAccount == account)
                {
                    // Rule M5: self-trade prevention, as the aggressor instructs.
                    if (stp != Codes.STP_CANCEL_AGGRESSOR)
                    {
                        cancelResting(s, Codes.SELF_TRADE);
                    }
                    if (stp != Codes.STP_CANCEL_RESTING)
                    {
                        stopped = true;
                        break;
                    }
                    s = next;
                    continue;
                }

                final long visible = nodes[o + O_VISIBLE];
                final long traded = Math.min(remaining, visible);
                remaining -= traded;
                final long tradeId = ++lastTradeId[instrument];

                // Positions, resting quantity and reservations move with the trade.
                final int makerX = exposureRecord(makerAccount, instrument);
                final long bought = traded * direction(side);
                exposure[x + X_POSITION] += bought;
                exposure[makerX + X_POSITION] -= bought;
                exposure[makerX + X_OPEN + (side ^ 1)] -= traded;
                accounts[account * A_STRIDE + A_RESERVED] -= traded * takerPerLot;
                accounts[makerAccount * A_STRIDE + A_RESERVED] -= traded * nodes[o + O_PER_LOT];

                final long leaves = nodes[o + O_LEAVES] - traded;
                nodes[o + O_LEAVES] = leaves;
                nodes[o + O_VISIBLE] = visible - traded;
                nodes[levelBase + level * L_STRIDE + L_QUANTITY] -= traded;

                emit.trade(
                    instrument, tradeId, takerSideCode, account, takerOrderId,
                    makerAccount, nodes[o + O_ID], price, traded);

                if (leaves == 0)
                {
                    unlink(level, s);
                    freeSlot(s);
                    s = next;
                }
                else if (visible == traded)
                {
                    // Rule M4: iceberg refresh, the next tranche at the back of the queue.
                    final long tranche = Math.min(nodes[o + O_DISPLAY], leaves);
                    nodes[o + O_VISIBLE] = tranche;
                    nodes[levelBase + level * L_STRIDE + L_QUANTITY] += tranche;
                    unlink(level, s);
                    append(level, s);
                    s = next != sentinel ? next : s;
                }
            }

            final long walked = price;
            if (nodes[levelBase + level * L_STRIDE + L_COUNT] == 0)
            {
                price = removeLevel(book, instrument, side ^ 1, level, walked);
            }
            if (stopped)
            {
                break;
            }
        }
        return stopped ? -1 - remaining : remaining;
    }

    /**
     * After the walk: a GTC remainder rests, an IOC or FOK remainder is canceled, and a remainder
     * that self-trade prevention stopped is canceled for that reason (rule M6).
     *
     * @param remaining as returned by {@link #match}: negative when stopped by self-trade prevention.
     */
    private void finishAggressor(
        final int slot, final int instrument, final int side, final long remaining, final boolean rests)
    {
        final int o = slot * O_STRIDE;
        final boolean stopped = remaining < 0;
        final long left = stopped ? -1 - remaining : remaining;
        nodes[o + O_LEAVES] = left;
        if (left == 0)
        {
            freeSlot(slot);
            return;
        }
        if (stopped || !rests)
        {
            final int account = (int)nodes[o + O_META];
            accounts[account * A_STRIDE + A_RESERVED] -= left * nodes[o + O_PER_LOT];
            emit.canceled(
                stopped ? Codes.SELF_TRADE : Codes.IOC_REMAINDER,
                nodes[o + O_ID], account, instrument, sideCode(side),
                nodes[o + O_PRICE], left);
            freeSlot(slot);
            return;
        }
        rest(slot, instrument, side);
    }

    /** Put a live order with its leaves set at the back of the queue at its price. */
    private void rest(final int slot, final int instrument, final int side)
    {
        final int o = slot * O_STRIDE;
        final long price = nodes[o + O_PRICE];
        final int book = instrument * 2 + side;
        touch(book * levels + (int)(price & levelMask));
        place(slot, book, side, price);

        final int x = exposureRecord((int)nodes[o + O_META], instrument);
        exposure[x + X_OPEN + side] += nodes[o + O_LEAVES];
    }

    /**
     * Queue a live order with its leaves set at the back of its price's level, opening the level
     * if it was empty: the book's side of {@link #rest}, without the account's open quantity.
     *
     * @return the level.
     */
    private int place(final int slot, final int book, final int side, final long price)
    {
        final int o = slot * O_STRIDE;
        final long leaves = nodes[o + O_LEAVES];
        final long display = nodes[o + O_DISPLAY];
        final long visible = display == 0 ? leaves : Math.min(display, leaves);
        final int levelSlot = (int)(price & levelMask);
        final int level = book * levels + levelSlot;
        final int l = level * L_STRIDE;
        // Whether or not the level was empty, without branching on it: a level holding orders
        // already has this price, its slot's bit set, and a best at least as good.
        nodes[levelBase + l + L_PRICE] = price;
        occupancy.set(book, levelSlot);
        final long best = bestPrice[book];
        if (best == NO_PRICE || (price - best) * direction(side) > 0)
        {
            bestPrice[book] = price;
        }
        nodes[o + O_VISIBLE] = visible;
        nodes[levelBase + l + L_QUANTITY] += visible;
        append(level, slot);
        return level;
    }

    /** Take a resting order out of its level: its displayed quantity and its place in the queue. */
    private void leave(final int slot, final int book, final int instrument, final int side, final int level, final long price)
    {
        nodes[levelBase + level * L_STRIDE + L_QUANTITY] -= nodes[slot * O_STRIDE + O_VISIBLE];
        unlink(level, slot);
        // Whether the level emptied is a coin toss on a busy book: its bit is cleared without a
        // branch, and only the rare emptied best level branches, to find the next best.
        final long emptied = isZero(nodes[levelBase + level * L_STRIDE + L_COUNT]);
        occupancy.clearBits(book, level - book * levels, emptied);
        if ((emptied & isZero(bestPrice[book] ^ price)) != 0)
        {
            bestPrice[book] = nextPrice(book, instrument, side, price);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Modify and cancel
    // ------------------------------------------------------------------------------------------

    private void onModify()
    {
        final int account = cmdInt(CommandLayout.ACCOUNT);
        final int instrument = cmdInt(CommandLayout.INSTRUMENT);
        final long orderId = cmdLong(CommandLayout.ORDER_ID);
        final long price = cmdLong(CommandLayout.MODIFY_PRICE);
        final long quantity = cmdLong(CommandLayout.MODIFY_QUANTITY);

        final int slot = findOrder(account, instrument, orderId);
        if (slot == NIL)
        {
            return;
        }
        if (quantity <= 0)
        {
            reject(Codes.INVALID_QUANTITY, account, instrument, orderId);
            return;
        }
        if (quantity > maxOrderQuantity[instrument])
        {
            reject(Codes.QUANTITY_OVER_MAX, account, instrument, orderId);
            return;
        }
        if (price <= 0 || price > MAX_PRICE)
        {
            reject(Codes.INVALID_PRICE, account, instrument, orderId);
            return;
        }

        final int o = slot * O_STRIDE;
        final long oldPrice = nodes[o + O_PRICE];
        final long oldLeaves = nodes[o + O_LEAVES];
        final long oldPerLot = nodes[o + O_PER_LOT];
        final long meta = nodes[o + O_META];
        final int side = (int)(meta >>> META_SIDE_SHIFT) & 1;
        final int x = exposureRecord(account, instrument);
        final boolean inPlace = price == oldPrice && quantity <= oldLeaves;

        if (inPlace)
        {
            // Rule D1: same price, no more quantity: reduced in place, priority kept; allowed
            // whatever the status because it only removes risk.
            final long reduction = oldLeaves - quantity;
            final int level = (instrument * 2 + side) * levels + (int)(price & levelMask);
            touch(level);
            final long visible = nodes[o + O_VISIBLE];
            final long newVisible = Math.min(visible, quantity);
            nodes[o + O_LEAVES] = quantity;
            nodes[o + O_VISIBLE] = newVisible;
            nodes[levelBase + level * L_STRIDE + L_QUANTITY] -= visible - newVisible;
            accounts[account * A_STRIDE + A_RESERVED] -= reduction * oldPerLot;
            exposure[x + X_OPEN + side] -= reduction;
            emit.modified(orderId, account, instrument, sideCode(side), true, price, quantity, oldPerLot);
            return;
        }

        // Rule D2: any other modify is a new entry of the same order and passes the entry checks.
        if (cardHalted || status[instrument] != Codes.STATUS_TRADING)
        {
            reject(Codes.INSTRUMENT_NOT_TRADING, account, instrument, orderId);
            return;
        }
        if (price != oldPrice && (price < band[instrument * 2] || price > band[instrument * 2 + 1]))
        {
            reject(Codes.PRICE_OUT_OF_BAND, account, instrument, orderId);
            return;
        }
        if (quantity > oldLeaves && !withinPositionLimit(side, x, instrument, quantity - oldLeaves))
        {
            reject(Codes.POSITION_LIMIT, account, instrument, orderId);
            return;
        }
        final long newPerLot = perLot(instrument, side, price);
        final long oldReservation = oldLeaves * oldPerLot;
        final long newReservation = quantity * newPerLot;
        if (newReservation > oldReservation &&
            newReservation - oldReservation > available(account))
        {
            reject(Codes.INSUFFICIENT_MARGIN, account, instrument, orderId);
            return;
        }
        if ((meta & META_POST_ONLY) != 0 && crosses(instrument, side, price))
        {
            reject(Codes.POST_ONLY_WOULD_CROSS, account, instrument, orderId);
            return;
        }

        // The checks have passed: the order's MODIFIED record is the command's first either way.
        emit.modified(orderId, account, instrument, sideCode(side), false, price, quantity, newPerLot);

        // Out of the book at the old price, back in as an aggressor at the new one.
        final int book = instrument * 2 + side;
        final int oldLevel = book * levels + (int)(oldPrice & levelMask);
        // The usual move goes to another price and trades nothing there: its two levels are
        // published directly. Anything else goes through the touched-level list.
        final boolean direct = price != oldPrice && !crosses(instrument, side, price);
        if (!direct)
        {
            touch(oldLevel);
        }
        leave(slot, book, instrument, side, oldLevel, oldPrice);
        if (newReservation != oldReservation)
        {
            accounts[account * A_STRIDE + A_RESERVED] += newReservation - oldReservation;
        }
        // Stores only what changed: a move usually keeps its quantity and, with the same margin
        // coefficients, its reservation per lot; the visible quantity is set when it rests.
        nodes[o + O_PRICE] = price;
        if (quantity != oldLeaves)
        {
            nodes[o + O_LEAVES] = quantity;
        }
        if (newPerLot != oldPerLot)
        {
            nodes[o + O_PER_LOT] = newPerLot;
        }

        if (direct)
        {
            // The old level, then the new: the order the touched-level list would give them.
            final int newLevel = place(slot, book, side, price);
            if (quantity != oldLeaves)
            {
                exposure[x + X_OPEN + side] += quantity - oldLeaves;
            }
            final int oldL = levelBase + oldLevel * L_STRIDE;
            final int newL = levelBase + newLevel * L_STRIDE;
            emit.bookLevels(instrument, sideCode(side),
                oldPrice, nodes[oldL + L_QUANTITY], (int)nodes[oldL + L_COUNT],
                price, nodes[newL + L_QUANTITY], (int)nodes[newL + L_COUNT]);
            return;
        }
        nodes[o + O_VISIBLE] = 0;
        exposure[x + X_OPEN + side] -= oldLeaves;

        final int stp = (int)(meta >>> META_STP_SHIFT) & 3;
        final long remaining = match(slot, instrument, side, price, quantity, account, stp);
        finishAggressor(slot, instrument, side, remaining, true);
    }

    private void onCancel()
    {
        final int account = cmdInt(CommandLayout.ACCOUNT);
        final int instrument = cmdInt(CommandLayout.INSTRUMENT);
        final long orderId = cmdLong(CommandLayout.ORDER_ID);

        final int slot = findOrder(account, instrument, orderId);
        if (slot != NIL)
        {
            // Rule D3: cancels work in every status. One level changes: published directly.
            publishLevel(cancel(slot, Codes.CANCELED_BY_USER, false));
        }
    }

    /**
     * Rules V1 and D4 for commands naming an order: instrument, account, the order itself (live,
     * current generation, this instrument), then its owner. Rejects and returns {@link #NIL} on
     * failure.
     */
    private int findOrder(final int account, final int instrument, final long orderId)
    {
        final long slotValue = OrderIds.slot(orderId);
        final int slot = slotValue < slotCount ? (int)slotValue : NIL;
        final long meta = slot == NIL ? 0 : nodes[slot * O_STRIDE + O_META];
        final boolean live = (meta & META_LIVE) != 0 && nodes[slot * O_STRIDE + O_ID] == orderId &&
            (int)((meta >>> META_INSTRUMENT_SHIFT) & 0xFFFF) == instrument;
        // The usual case: a live order of this instrument, owned by this account. An order lives
        // only on a known instrument for a known account, and neither is ever unset, so the
        // checks below would all pass; this way the account's record is not read.
        if (live && (int)meta == account)
        {
            return slot;
        }
        if (!instrumentKnown(instrument))
        {
            reject(Codes.UNKNOWN_INSTRUMENT, account, instrument, orderId);
            return NIL;
        }
        if (!accountKnown(account))
        {
            reject(Codes.UNKNOWN_ACCOUNT, account, instrument, orderId);
            return NIL;
        }
        reject(live ? Codes.NOT_ORDER_OWNER : Codes.UNKNOWN_ORDER, account, instrument, orderId);
        return NIL;
    }

    private void onMassCancel()
    {
        final int account = cmdInt(CommandLayout.ACCOUNT);
        final int instrument = cmdInt(CommandLayout.INSTRUMENT);
        final int scope = cmdByte(CommandLayout.MASS_CANCEL_SCOPE);

        final boolean byAccount = scope == Codes.SCOPE_ACCOUNT || scope == Codes.SCOPE_ACCOUNT_INSTRUMENT;
        final boolean byInstrument = scope == Codes.SCOPE_INSTRUMENT || scope == Codes.SCOPE_ACCOUNT_INSTRUMENT;
        if (!byAccount && !byInstrument)
        {
            reject(Codes.INVALID_PARAMETER, account, instrument, 0);
            return;
        }
        if (byInstrument && !instrumentKnown(instrument))
        {
            reject(Codes.UNKNOWN_INSTRUMENT, account, instrument, 0);
            return;
        }
        if (byAccount && !accountKnown(account))
        {
            reject(Codes.UNKNOWN_ACCOUNT, account, instrument, 0);
            return;
        }
        // Rule D5: many orders leave in ascending slot order.
        cancelWhere(byAccount, account, byInstrument, instrument, Codes.MASS_CANCEL);
    }

    /** Cancel every live order matching the filters, in ascending slot order. */
    private void cancelWhere(
        final boolean byAccount, final int account, final boolean byInstrument, final int instrument, final int reason)
    {
        for (int w = 0; w < liveSlots.length; w++)
        {
            long bits = liveSlots[w];
            while (bits != 0)
            {
                final int slot = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                final long meta = nodes[slot * O_STRIDE + O_META];
                if ((!byAccount || (int)meta == account) &&
                    (!byInstrument || (int)((meta >>> META_INSTRUMENT_SHIFT) & 0xFFFF) == instrument))
                {
                    cancelResting(slot, reason);
                    affectedOrders++;
                }
            }
        }
    }

    /** Cancel one order resting in the book; its level is published with the command's touched levels. */
    private void cancelResting(final int slot, final int reason)
    {
        cancel(slot, reason, true);
    }

    /**
     * Cancel one order resting in the book, releasing its reservation and resting quantity.
     *
     * @param touched whether the level goes on the touched-level list (else the caller publishes it).
     * @return the order's level.
     */
    private int cancel(final int slot, final int reason, final boolean touched)
    {
        final int o = slot * O_STRIDE;
        final long meta = nodes[o + O_META];
        final int account = (int)meta;
        final int instrument = (int)((meta >>> META_INSTRUMENT_SHIFT) & 0xFFFF);
        final int side = (int)(meta >>> META_SIDE_SHIFT) & 1;
        final long price = nodes[o + O_PRICE];
        final long leaves = nodes[o + O_LEAVES];
        final int book = instrument * 2 + side;
        final int level = book * levels + (int)(price & levelMask);

        if (touched)
        {
            touch(level);
        }
        leave(slot, book, instrument, side, level, price);
        final int x = exposureRecord(account, instrument);
        exposure[x + X_OPEN + side] -= leaves;
        accounts[account * A_STRIDE + A_RESERVED] -= leaves * nodes[o + O_PER_LOT];
        emit.canceled(reason, nodes[o + O_ID], account, instrument, sideCode(side), price, leaves);
        nodes[o + O_LEAVES] = 0;
        nodes[o + O_VISIBLE] = 0;
        freeSlot(slot);
        return level;
    }

    // ------------------------------------------------------------------------------------------
    // Configuration commands
    // ------------------------------------------------------------------------------------------

    private void onSetInstrument()
    {
        final int instrument = cmdInt(CommandLayout.INSTRUMENT);
        final int newStatus = cmdByte(CommandLayout.INSTRUMENT_STATUS);
        final long bps = cmdInt(CommandLayout.BAND_BPS) & 0xFFFF_FFFFL;
        final long reference = cmdLong(CommandLayout.INSTRUMENT_REFERENCE_PRICE);
        final long maxQuantity = cmdLong(CommandLayout.MAX_ORDER_QUANTITY);
        final long limit = cmdLong(CommandLayout.POSITION_LIMIT);

        if (instrument < 0 || instrument >= instrumentCount)
        {
            reject(Codes.UNKNOWN_INSTRUMENT, 0, instrument, 0);
            return;
        }
        if (reference <= 0 || reference > MAX_PRICE)
        {
            reject(Codes.INVALID_PRICE, 0, instrument, 0);
            return;
        }
        if ((newStatus != Codes.STATUS_TRADING &&
            newStatus != Codes.STATUS_HALTED &&
            newStatus != Codes.STATUS_CLOSED) ||
            bps > MAX_BAND_BPS ||
            maxQuantity <= 0 || maxQuantity > MAX_QUANTITY ||
            limit < 0 || limit > MAX_QUANTITY ||
            !Limits.reservationFits(maxQuantity, margin[instrument * 4], margin[instrument * 4 + 1]) ||
            !Limits.reservationFits(maxQuantity, margin[instrument * 4 + 2], margin[instrument * 4 + 3]))
        {
            reject(Codes.INVALID_PARAMETER, 0, instrument, 0);
            return;
        }

        status[instrument] = (byte)newStatus;
        bandBps[instrument] = (int)bps;
        maxOrderQuantity[instrument] = maxQuantity;
        positionLimit[instrument] = limit;
        if (newStatus == Codes.STATUS_CLOSED)
        {
            // Rule I2: closing cancels every resting order.
            cancelWhere(false, 0, true, instrument, Codes.INSTRUMENT_CLOSED);
        }
        recentre(instrument, reference);
    }

    private void onSetMargin()
    {
        final int instrument = cmdInt(CommandLayout.INSTRUMENT);
        final long buyA = cmdLong(CommandLayout.BUY_A);
        final long buyB = cmdLong(CommandLayout.BUY_B);
        final long sellA = cmdLong(CommandLayout.SELL_A);
        final long sellB = cmdLong(CommandLayout.SELL_B);

        if (!instrumentKnown(instrument))
        {
            reject(Codes.UNKNOWN_INSTRUMENT, 0, instrument, 0);
            return;
        }
        final long maxQuantity = maxOrderQuantity[instrument];
        if (!Limits.reservationFits(maxQuantity, buyA, buyB) || !Limits.reservationFits(maxQuantity, sellA, sellB))
        {
            reject(Codes.INVALID_PARAMETER, 0, instrument, 0);
            return;
        }
        // Rule R4: new coefficients apply to orders entered or repriced from now on.
        margin[instrument * 4] = buyA;
        margin[instrument * 4 + 1] = buyB;
        margin[instrument * 4 + 2] = sellA;
        margin[instrument * 4 + 3] = sellB;
    }

    private void onSetReferencePrice()
    {
        final int instrument = cmdInt(CommandLayout.INSTRUMENT);
        final long reference = cmdLong(CommandLayout.REFERENCE_PRICE);
        if (!instrumentKnown(instrument))
        {
            reject(Codes.UNKNOWN_INSTRUMENT, 0, instrument, 0);
            return;
        }
        if (reference <= 0 || reference > MAX_PRICE)
        {
            reject(Codes.INVALID_PRICE, 0, instrument, 0);
            return;
        }
        recentre(instrument, reference);
    }

    private void onSetAccount()
    {
        final int account = cmdInt(CommandLayout.ACCOUNT);
        final long newCredit = cmdLong(CommandLayout.CREDIT);
        if (account < 0 || account >= accountCount)
        {
            reject(Codes.UNKNOWN_ACCOUNT, account, 0, 0);
            return;
        }
        if (newCredit < -MAX_COLLATERAL || newCredit > MAX_COLLATERAL)
        {
            reject(Codes.INVALID_PARAMETER, account, 0, 0);
            return;
        }
        // Rule R5: credit may drop below what is reserved; only new risk is refused.
        accounts[account * A_STRIDE + A_OPEN] = 1;
        accounts[account * A_STRIDE + A_CREDIT] = newCredit;
    }

    /**
     * Rule I1: set the reference price, recentre the band and the price window, and cancel resting
     * orders the new window no longer holds (in ascending slot order). Orders outside the new band
     * but inside the window stay.
     */
    private void recentre(final int instrument, final long reference)
    {
        final long half = levels >>> 1;
        final long low = reference - half;
        final long high = reference + half - 1;
        final long width = reference * bandBps[instrument] / 10_000;
        referencePrice[instrument] = reference;
        windowLow[instrument] = low;
        windowHigh[instrument] = high;
        band[instrument * 2] = Math.max(Math.max(1, reference - width), low);
        band[instrument * 2 + 1] = Math.min(Math.min(MAX_PRICE, reference + width), high);

        boolean outside = false;
        for (int side = BUY; side <= SELL && !outside; side++)
        {
            final int book = instrument * 2 + side;
            int slot = occupancy.nextCircular(book, 0);
            while (slot != OccupancyBitmap.NONE)
            {
                final long price = nodes[levelBase + (book * levels + slot) * L_STRIDE + L_PRICE];
                if (price < low || price > high)
                {
                    outside = true;
                    break;
                }
                final int next = slot + 1 < levels ? occupancy.nextCircular(book, slot + 1) : OccupancyBitmap.NONE;
                slot = next > slot ? next : OccupancyBitmap.NONE;
            }
        }
        if (outside)
        {
            for (int w = 0; w < liveSlots.length; w++)
            {
                long bits = liveSlots[w];
                while (bits != 0)
                {
                    final int slot = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    final int o = slot * O_STRIDE;
                    final long meta = nodes[o + O_META];
                    final long price = nodes[o + O_PRICE];
                    if ((int)((meta >>> META_INSTRUMENT_SHIFT) & 0xFFFF) == instrument && (price < low || price > high))
                    {
                        cancelResting(slot, Codes.OUT_OF_WINDOW);
                        affectedOrders++;
                    }
                }
            }
        }
        bestPrice[instrument * 2 + BUY] = searchBest(instrument * 2 + BUY, BUY, high);
        bestPrice[instrument * 2 + SELL] = searchBest(instrument * 2 + SELL, SELL, low);
    }

    private long searchBest(final int book, final int side, final long from)
    {
        final int fromSlot = (int)(from & levelMask);
        final int slot = side == BUY ? occupancy.previousCircular(book, fromSlot) : occupancy.nextCircular(book, fromSlot);
        return slot == OccupancyBitmap.NONE ? NO_PRICE : nodes[levelBase + (book * levels + slot) * L_STRIDE + L_PRICE];
    }

    // ------------------------------------------------------------------------------------------
    // Books, levels and slots
    // ------------------------------------------------------------------------------------------

    /** The next occupied price beyond {@code price} away from the best, or {@link #NO_PRICE}. */
    private long nextPrice(final int book, final int instrument, final int side, final long price)
    {
        final long beyond = side == BUY ? price - 1 : price + 1;
        if (beyond < windowLow[instrument] || beyond > windowHigh[instrument])
        {
            return NO_PRICE;
        }
        final int from = (int)(beyond & levelMask);
        final int slot = side == BUY ? occupancy.previousCircular(book, from) : occupancy.nextCircular(book, from);
        if (slot == OccupancyBitmap.NONE)
        {
            return NO_PRICE;
        }
        final long found = nodes[levelBase + (book * levels + slot) * L_STRIDE + L_PRICE];
        // A search that wrapped round the window found a price on the wrong side: none left.
        return side == BUY ? (found < price ? found : NO_PRICE) : (found > price ? found : NO_PRICE);
    }

    /** Clear an emptied level; if it was the best, find the next best. Returns the new best. */
    private long removeLevel(final int book, final int instrument, final int side, final int level, final long price)
    {
        occupancy.clear(book, level - book * levels);
        if (bestPrice[book] == price)
        {
            bestPrice[book] = nextPrice(book, instrument, side, price);
        }
        return bestPrice[book];
    }

    /** Put an order at the back of a level's queue (the entry before the sentinel). */
    private void append(final int level, final int slot)
    {
        final int sentinel = slotCount + level;
        final int tail = (int)(nodes[sentinel * O_STRIDE + O_LINKS] >>> 32);
        nodes[slot * O_STRIDE + O_LINKS] = links(sentinel, tail);
        setNext(tail, slot);
        setPrevious(sentinel, slot);
        nodes[levelBase + level * L_STRIDE + L_COUNT]++;
    }

    private void unlink(final int level, final int slot)
    {
        final long link = nodes[slot * O_STRIDE + O_LINKS];
        final int next = (int)link;
        final int prev = (int)(link >>> 32);
        setNext(prev, next);
        setPrevious(next, prev);
        nodes[levelBase + level * L_STRIDE + L_COUNT]--;
    }

    private static long links(final int next, final int previous)
    {
        return (next & LINK_MASK) | ((long)previous << 32);
    }

    private int next(final int entry)
    {
        return (int)nodes[entry * O_STRIDE + O_LINKS];
    }

    private void setNext(final int entry, final int next)
    {
        nodes[entry * O_STRIDE + O_LINKS] = (nodes[entry * O_STRIDE + O_LINKS] & ~LINK_MASK) | (next & LINK_MASK);
    }

    private void setPrevious(final int entry, final int previous)
    {
        nodes[entry * O_STRIDE + O_LINKS] = (nodes[entry * O_STRIDE + O_LINKS] & LINK_MASK) | ((long)previous << 32);
    }

    /** Exposure records are instrument-major, so an instrument's accounts lie together. */
    private int exposureRecord(final int account, final int instrument)
    {
        return (instrument * accountCount + account) * X_STRIDE;
    }

    private long available(final int account)
    {
        final int r = account * A_STRIDE;
        return accounts[r + A_CREDIT] - accounts[r + A_RESERVED];
    }

    /** Rule C1: reuse the most recently freed slot first, else the lowest never-used slot. */
    private int allocateSlot()
    {
        final int slot;
        if (freeHead != NIL)
        {
            slot = freeHead;
            freeHead = next(slot);
        }
        else if (highWater < slotCount)
        {
            slot = highWater++;
        }
        else
        {
            return NIL;
        }
        final int o = slot * O_STRIDE;
        int g = OrderIds.generation(nodes[o + O_ID]) + 1;
        if (g == 0)
        {
            g = 1;
        }
        nodes[o + O_ID] = OrderIds.orderId(slot, g);
        liveSlots[slot >>> 6] |= 1L << slot;
        liveOrders++;
        return slot;
    }

    private void freeSlot(final int slot)
    {
        final int o = slot * O_STRIDE;
        nodes[o + O_META] &= ~META_LIVE;
        nodes[o + O_LINKS] = links(freeHead, NIL);
        freeHead = slot;
        liveSlots[slot >>> 6] &= ~(1L << slot);
        liveOrders--;
    }

    private void touch(final int level)
    {
        if (nodes[levelBase + level * L_STRIDE + L_STAMP] != commandStamp)
        {
            nodes[levelBase + level * L_STRIDE + L_STAMP] = commandStamp;
            final int i = touchedCount++;
            touchedLevel[i] = level;
            touchedQuantityBefore[i] = nodes[levelBase + level * L_STRIDE + L_QUANTITY];
            touchedCountBefore[i] = (int)nodes[levelBase + level * L_STRIDE + L_COUNT];
        }
    }

    /**
     * Results rule: one BOOK_LEVEL per touched level whose displayed state changed, in first-touch
     * order. Commands that change a single level, or a move's two, publish them directly instead
     * ({@link #publishLevel}) and touch nothing.
     */
    private void publishTouchedLevels()
    {
        for (int i = 0; i < touchedCount; i++)
        {
            final int level = touchedLevel[i];
            final long quantity = nodes[levelBase + level * L_STRIDE + L_QUANTITY];
            final int count = (int)nodes[levelBase + level * L_STRIDE + L_COUNT];
            if (quantity != touchedQuantityBefore[i] || count != touchedCountBefore[i])
            {
                publishLevel(level);
            }
        }
    }

    /** One BOOK_LEVEL record: the level's price, displayed quantity and order count now. */
    private void publishLevel(final int level)
    {
        final int l = level * L_STRIDE;
        final int book = level >>> levelShift;
        emit.bookLevel(book >>> 1, sideCode(book & 1), nodes[levelBase + l + L_PRICE],
            nodes[levelBase + l + L_QUANTITY], (int)nodes[levelBase + l + L_COUNT]);
    }

    /** 1 when {@code value} (never negative) is zero, else 0: computed without a branch. */
    private static long isZero(final long value)
    {
        return (value - 1) >>> 63;
    }

    private void reject(final int reason, final int account, final int instrument, final long orderId)
    {
        commandRejected = true;
        emit.rejected(reason, commandKind, account, instrument, orderId, commandSequence);
    }

    private boolean instrumentKnown(final int instrument)
    {
        return instrument >= 0 && instrument < instrumentCount && status[instrument] != 0;
    }

    private boolean accountKnown(final int account)
    {
        return account >= 0 && account < accountCount && accounts[account * A_STRIDE + A_OPEN] != 0;
    }

    private static byte sideCode(final int side)
    {
        return (byte)(Codes.SIDE_BUY + side); // SIDE_SELL follows SIDE_BUY
    }

    /**
     * +1 for a buy, -1 for a sell: a price difference times it is positive when the first price
     * is the better one for that side. The side of one command is a coin toss against the next's,
     * so the hot paths compare through this instead of branching on the side.
     */
    private static long direction(final int side)
    {
        return 1 - 2L * side;
    }

    // ------------------------------------------------------------------------------------------
    // Inspection (not on the hot path)
    // ------------------------------------------------------------------------------------------
    // The getters and walks that take an account or an instrument throw IllegalArgumentException for an id
    // outside this engine's counts: it comes from a person or a test, and the records lie back to
    // back, so an unchecked id would quietly answer for another instrument or account.

    public void forEachOrder(final int instrument, final Side side, final OrderVisitor visitor)
    {
        final int s = side == Side.BUY ? BUY : SELL;
        final int book = requireInstrument(instrument) * 2 + s;
        for (long price = bestPrice[book]; price != NO_PRICE; price = nextPrice(book, instrument, s, price))
        {
            final int level = book * levels + (int)(price & levelMask);
            final int sentinel = slotCount + level;
            for (int slot = next(sentinel); slot != sentinel; slot = next(slot))
            {
                final int o = slot * O_STRIDE;
                visitor.onOrder(
                    nodes[o + O_ID], (int)nodes[o + O_META], nodes[o + O_PRICE],
                    nodes[o + O_LEAVES], nodes[o + O_VISIBLE]);
            }
        }
    }

    /** Visit each non-empty level of a side, best first: price, displayed quantity, order count. */
    public void forEachLevel(final int instrument, final Side side, final LevelVisitor visitor)
    {
        final int s = side == Side.BUY ? BUY : SELL;
        final int book = requireInstrument(instrument) * 2 + s;
        for (long price = bestPrice[book]; price != NO_PRICE; price = nextPrice(book, instrument, s, price))
        {
            final int level = book * levels + (int)(price & levelMask);
            visitor.onLevel(price, nodes[levelBase + level * L_STRIDE + L_QUANTITY], (int)nodes[levelBase + level * L_STRIDE + L_COUNT]);
        }
    }

    /** Visits price levels. */
    @FunctionalInterface
    public interface LevelVisitor
    {
        void onLevel(long price, long displayedQuantity, int orderCount);
    }

    /**
     * The id, unchanged, when this engine has such an instrument.
     *
     * @throws IllegalArgumentException naming the id and the range this engine was built with.
     */
    private int requireInstrument(final int instrument)
    {
        if (instrument < 0 || instrument >= instrumentCount)
        {
            throw new IllegalArgumentException(
                "instrument " + instrument + " is outside 0.." + (instrumentCount - 1));
        }
        return instrument;
    }

    /**
     * The id, unchanged, when this engine has such an account.
     *
     * @throws IllegalArgumentException naming the id and the range this engine was built with.
     */
    private int requireAccount(final int account)
    {
        if (account < 0 || account >= accountCount)
        {
            throw new IllegalArgumentException(
                "account " + account + " is outside 0.." + (accountCount - 1));
        }
        return account;
    }

    /** Best price of a side, or 0 when the side is empty. */
    public long bestPrice(final int instrument, final Side side)
    {
        return bestPrice[requireInstrument(instrument) * 2 + (side == Side.BUY ? BUY : SELL)];
    }

    /** Trading status of an instrument. */
    public InstrumentStatus status(final int instrument)
    {
        return InstrumentStatus.get((short)status[requireInstrument(instrument)]);
    }

    /** Reference price of an instrument. */
    public long referencePrice(final int instrument)
    {
        return referencePrice[requireInstrument(instrument)];
    }

    /** Lowest price inside the band. */
    public long bandLow(final int instrument)
    {
        return band[requireInstrument(instrument) * 2];
    }

    /** Highest price inside the band. */
    public long bandHigh(final int instrument)
    {
        return band[requireInstrument(instrument) * 2 + 1];
    }

    /** Whether an account has been opened. */
    public boolean accountOpen(final int account)
    {
        return accounts[requireAccount(account) * A_STRIDE + A_OPEN] != 0;
    }

    /** Collateral credit of an account. */
    public long credit(final int account)
    {
        return accounts[requireAccount(account) * A_STRIDE + A_CREDIT];
    }

    /** Collateral reserved by an account's open orders. */
    public long reserved(final int account)
    {
        return accounts[requireAccount(account) * A_STRIDE + A_RESERVED];
    }

    /** Position in lots (long positive). */
    public long position(final int account, final int instrument)
    {
        return exposure[exposureRecord(requireAccount(account), requireInstrument(instrument)) + X_POSITION];
    }

    /** Resting quantity of an account on a side, hidden included. */
    public long openQuantity(final int account, final int instrument, final Side side)
    {
        return exposure[exposureRecord(requireAccount(account), requireInstrument(instrument)) +
            X_OPEN + (side == Side.BUY ? BUY : SELL)];
    }

    /** Id of an instrument's last trade. */
    public long lastTradeId(final int instrument)
    {
        return lastTradeId[requireInstrument(instrument)];
    }

    public int liveOrders()
    {
        return liveOrders;
    }

    public boolean halted()
    {
        return cardHalted;
    }

    /** The reservation per lot held by a live order, or -1 if the id is not live. */
    public long orderReservationPerLot(final long orderId)
    {
        final long slot = OrderIds.slot(orderId);
        if (slot >= slotCount)
        {
            return -1;
        }
        final int o = (int)slot * O_STRIDE;
        return (nodes[o + O_META] & META_LIVE) != 0 && nodes[o + O_ID] == orderId ?
            nodes[o + O_PER_LOT] : -1;
    }

    /** Sequence number the next event will carry. */
    public long nextEventSequence()
    {
        return emit.nextSequence();
    }

    /**
     * A 64-bit digest of everything that decides future output: instrument parameters, books in
     * priority order with every order's fields, accounts, positions, the slot allocator and the
     * event sequence. Two engines with equal hashes answer every future command identically.
     */
    public long stateHash()
    {
        return new StateHasher().add(contentHash()).add(emit.nextSequence()).value();
    }

    /**
     * The state hash without the event sequence: equal before and after a command that was
     * rejected, because a reject changes nothing but the count of events emitted.
     */
    public long contentHash()
    {
        final StateHasher h = new StateHasher();
        h.add(instrumentCount).add(accountCount).add(slotCount).add(levels).add(cardHalted ? 1 : 0);
        h.add(highWater).add(liveOrders);
        for (int f = freeHead; f != NIL; f = next(f))
        {
            h.add(f);
        }
        for (int slot = 0; slot < slotCount; slot++)
        {
            h.add(OrderIds.generation(nodes[slot * O_STRIDE + O_ID]));
        }
        for (int i = 0; i < instrumentCount; i++)
        {
            h.add(status[i]).add(referencePrice[i]).add(bandBps[i]).add(band[i * 2]).add(band[i * 2 + 1])
                .add(maxOrderQuantity[i]).add(positionLimit[i]).add(lastTradeId[i])
                .add(margin[i * 4]).add(margin[i * 4 + 1]).add(margin[i * 4 + 2]).add(margin[i * 4 + 3]);
            for (int s = BUY; s <= SELL; s++)
            {
                final int book = i * 2 + s;
                h.add(bestPrice[book]);
                for (long price = bestPrice[book]; price != NO_PRICE; price = nextPrice(book, i, s, price))
                {
                    final int level = book * levels + (int)(price & levelMask);
                    h.add(price).add(nodes[levelBase + level * L_STRIDE + L_QUANTITY]).add(nodes[levelBase + level * L_STRIDE + L_COUNT]);
                    final int sentinel = slotCount + level;
                    for (int slot = next(sentinel); slot != sentinel; slot = next(slot))
                    {
                        final int o = slot * O_STRIDE;
                        h.add(slot).add(OrderIds.generation(nodes[o + O_ID]));
                        h.add(nodes[o + O_PRICE]).add(nodes[o + O_LEAVES]).add(nodes[o + O_VISIBLE])
                            .add(nodes[o + O_DISPLAY]).add(nodes[o + O_PER_LOT]).add(nodes[o + O_META]);
                    }
                }
            }
        }
        for (int a = 0; a < accountCount; a++)
        {
            final int r = a * A_STRIDE;
            if (accounts[r + A_OPEN] != 0 || accounts[r + A_RESERVED] != 0)
            {
                h.add(a).add(accounts[r + A_CREDIT]).add(accounts[r + A_RESERVED]);
            }
        }
        for (int ai = 0; ai < accountCount * instrumentCount; ai++)
        {
            final int x = exposureRecord(ai / instrumentCount, ai % instrumentCount);
            if (exposure[x + X_POSITION] != 0 || exposure[x + X_OPEN + BUY] != 0 || exposure[x + X_OPEN + SELL] != 0)
            {
                h.add(ai).add(exposure[x + X_POSITION]).add(exposure[x + X_OPEN + BUY]).add(exposure[x + X_OPEN + SELL]);
            }
        }
        return h.value();
    }
}
