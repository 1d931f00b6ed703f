package io.crossbar.marketdata;

import java.util.List;

import io.aeron.Aeron;
import io.crossbar.client.marketdata.PriceLevels;
import io.crossbar.driver.MarketDataSink;
import io.aeron.ExclusivePublication;
import io.crossbar.appliance.InstrumentSpec;
import io.crossbar.sbe.marketdata.BookIncrementalEncoder;
import io.crossbar.sbe.marketdata.InstrumentDefinitionEncoder;
import io.crossbar.sbe.marketdata.InstrumentKind;
import io.crossbar.sbe.marketdata.InstrumentStatus;
import io.crossbar.sbe.marketdata.MatchEventIndicatorEncoder;
import io.crossbar.sbe.marketdata.MdUpdateAction;
import io.crossbar.sbe.marketdata.OptionRight;
import io.crossbar.sbe.marketdata.SecurityUpdateAction;
import io.crossbar.sbe.marketdata.Side;
import io.crossbar.sbe.marketdata.SnapshotEncoder;
import io.crossbar.sbe.marketdata.StatisticsEncoder;
import io.crossbar.sbe.marketdata.StatusReason;
import io.crossbar.sbe.marketdata.TradeEncoder;
import io.crossbar.sbe.marketdata.TradingStatusEncoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * Publishes the market data of one channel (marketdata.xml, MDP 3.0 style) from the updates the
 * core thread reports while it processes the journal: an incremental feed of book, trade, status
 * and statistics messages, a snapshot loop and an instrument definition loop, each on its own
 * Aeron stream of {@link MarketDataContext#channel()}.
 *
 * <p><b>Threading and cost.</b> Everything runs on the core thread, in journal order, without
 * locks. Updates are encoded straight into the packet buffer with reused flyweights; the
 * publisher's own book (needed for snapshots) is kept in sorted primitive arrays
 * ({@link PriceLevels}); nothing is allocated per update once the books have reached their
 * depth.
 *
 * <p><b>Events and packets.</b> The updates of one command form one event: they are appended
 * to the current packet, the last message gets {@code matchEventIndicator.endOfEvent} and
 * {@link #endOfCommand()} sends the packet. An event that does not fit one packet is split at
 * message boundaries (a BookIncremental is closed and a new one opened in the next packet), so
 * no packet exceeds the maximum length and no message spans packets.
 *
 * <p><b>Sequence numbers.</b> Every incremental update of an instrument (book entry, trade,
 * status, statistics) takes the next rptSeq of that instrument. Each feed numbers its packets
 * from 1. Book entries, trades and status changes are a function of the journal alone, so a
 * restart that replays the journal with {@link #live(boolean) live(false)} reproduces them;
 * Statistics are driven by the clock and only sent (and numbered) while live.
 *
 * <p><b>Failures.</b> An offer that fails (no subscriber, back pressure, ...) is counted and
 * the packet dropped, never retried in a loop and never thrown: a consumer that loses
 * packets sees a gap in rptSeq and recovers from the snapshot loop, by design.
 *
 * <p><b>Statistics.</b> Until a risk engine provides them, the mark and index prices published
 * are both the last trade price of the instrument (its reference price before the first
 * trade), the funding rate and next funding time are 0, and open interest is the last value
 * given to {@link #onOpenInterest(int, long)} (0 if never given).
 */
public final class MarketDataPublisher implements MarketDataSink, AutoCloseable
{
    /** Side codes of {@link #onBookLevel} and {@link #onTrade}, as in marketdata.xml. */
    public static final int BUY = 1;
    public static final int SELL = 2;

    private static final int BOOK_ENTRY_LENGTH = BookIncrementalEncoder.EntriesEncoder.sbeBlockLength();
    private static final int BOOK_MESSAGE_FIXED =
        FeedWriter.FRAME_OVERHEAD + BookIncrementalEncoder.BLOCK_LENGTH + FeedWriter.GROUP_HEADER_LENGTH;
    private static final int MAX_GROUP_COUNT = 65534;
    private static final int TRADE_LENGTH = FeedWriter.FRAME_OVERHEAD + TradeEncoder.BLOCK_LENGTH;
    private static final int STATUS_LENGTH = FeedWriter.FRAME_OVERHEAD + TradingStatusEncoder.BLOCK_LENGTH;
    private static final int STATISTICS_LENGTH = FeedWriter.FRAME_OVERHEAD + StatisticsEncoder.BLOCK_LENGTH;
    private static final int DEFINITION_LENGTH = FeedWriter.FRAME_OVERHEAD + InstrumentDefinitionEncoder.BLOCK_LENGTH;
    private static final InstrumentStatus[] STATUSES =
        {InstrumentStatus.UNCONFIGURED, InstrumentStatus.TRADING, InstrumentStatus.HALTED, InstrumentStatus.CLOSED};
    private static final StatusReason[] REASONS = {StatusReason.NONE, StatusReason.OPERATOR,
        StatusReason.KILL_SWITCH, StatusReason.EXPIRY, StatusReason.LISTED, StatusReason.RECOVERY};

    private final MarketDataContext context;
    private final AutoCloseable[] resources;
    private final FeedWriter incremental;
    private final FeedWriter snapshots;
    private final FeedWriter definitions;
    private final int maxLevelsPerSide;

    // Instruments, indexed by id; ids holds the listed ones in configuration order.
    private final int[] ids;
    private final InstrumentSpec[] specs;
    private final PriceLevels[] bids;
    private final PriceLevels[] asks;
    private final long[] rptSeqs;
    private final long[] lastTransactTimesNs;
    private final long[] lastTradePrices;
    private final long[] openInterests;
    private final byte[] statuses;

    private final BookIncrementalEncoder bookEncoder = new BookIncrementalEncoder();
    private final TradeEncoder tradeEncoder = new TradeEncoder();
    private final TradingStatusEncoder statusEncoder = new TradingStatusEncoder();
    private final StatisticsEncoder statisticsEncoder = new StatisticsEncoder();
    private final SnapshotEncoder snapshotEncoder = new SnapshotEncoder();
    private final InstrumentDefinitionEncoder definitionEncoder = new InstrumentDefinitionEncoder();
    private BookIncrementalEncoder.EntriesEncoder entries;

    private boolean live;
    private boolean loopsStarted;
    private long nextSnapshotNs;
    private long nextDefinitionNs;
    private long nextStatisticsNs;
    private final long definitionTimeNs;

    // The event being assembled on the incremental feed.
    private boolean bookOpen;
    private int bookEntries;
    private int bookEntryLimit;
    private long bookTransactTimeNs;
    private int lastIndicatorOffset = -1;
    private int eventBytesSent;

    private long rejectedUpdates;
    private long unknownLevelDeletes;
    private long snapshotsSent;
    private long definitionsSent;
    private long statisticsSent;

    /**
     * Adds the three publications to {@code aeron} and prepares the books of {@code instruments}.
     *
     * @param aeron       client of the media driver the feeds are published through.
     * @param context     channel, streams and cadences; concluded here if it was not.
     * @param instruments the listed instruments (ids need not be dense).
     */
    public MarketDataPublisher(final Aeron aeron, final MarketDataContext context, final List<InstrumentSpec> instruments)
    {
        this(
            context.conclude(),
            instruments,
            aeron.addExclusivePublication(context.channel(), context.incrementalStreamId()),
            aeron.addExclusivePublication(context.channel(), context.snapshotStreamId()),
            aeron.addExclusivePublication(context.channel(), context.definitionStreamId()));
    }

    private MarketDataPublisher(
        final MarketDataContext context,
        final List<InstrumentSpec> instruments,
        final ExclusivePublication incremental,
        final ExclusivePublication snapshot,
        final ExclusivePublication definition)
    {
        this(
            context,
            instruments,
            incremental::offer,
            snapshot::offer,
            definition::offer,
            Math.min(context.maxPacketLength(), Math.min(incremental.maxPayloadLength(),
                Math.min(snapshot.maxPayloadLength(), definition.maxPayloadLength()))),
            incremental, snapshot, definition);
    }

    /** For tests: packets go to the given sinks instead of Aeron publications. */
    MarketDataPublisher(
        final MarketDataContext context,
        final List<InstrumentSpec> instruments,
        final PacketSink incrementalSink,
        final PacketSink snapshotSink,
        final PacketSink definitionSink,
        final int maxPacketLength,
        final AutoCloseable... resources)
    {
        context.conclude();
        if (FeedWriter.snapshotLength(context.maxLevelsPerSide(), context.maxLevelsPerSide()) >
            maxPacketLength - FeedWriter.PACKET_HEADER_LENGTH)
        {
            CloseHelper.closeAll(resources);
            throw new IllegalStateException("a Snapshot of " + context.maxLevelsPerSide() + " levels per side does " +
                "not fit the publication's packets of " + maxPacketLength + " bytes; at most " +
                FeedWriter.maxSnapshotLevelsPerSide(maxPacketLength));
        }
        this.context = context;
        this.resources = resources;
        this.maxLevelsPerSide = context.maxLevelsPerSide();
        this.incremental = new FeedWriter(incrementalSink, maxPacketLength, context.channelId(), context.clock());
        this.snapshots = new FeedWriter(snapshotSink, maxPacketLength, context.channelId(), context.clock());
        this.definitions = new FeedWriter(definitionSink, maxPacketLength, context.channelId(), context.clock());
        this.definitionTimeNs = context.clock().nanoTime();

        int maxId = -1;
        for (final InstrumentSpec spec : instruments)
        {
            maxId = Math.max(maxId, spec.id());
        }
        final int slots = maxId + 1;
        ids = new int[instruments.size()];
        specs = new InstrumentSpec[slots];
        bids = new PriceLevels[slots];
        asks = new PriceLevels[slots];
        rptSeqs = new long[slots];
        lastTransactTimesNs = new long[slots];
        lastTradePrices = new long[slots];
        openInterests = new long[slots];
        statuses = new byte[slots];
        for (int i = 0; i < instruments.size(); i++)
        {
            final InstrumentSpec spec = instruments.get(i);
            final int id = spec.id();
            if (specs[id] != null)
            {
                CloseHelper.closeAll(resources);
                throw new IllegalArgumentException("instrument id " + id + " listed twice");
            }
            ids[i] = id;
            specs[id] = spec;
            bids[id] = new PriceLevels(true, context.initialLevelCapacity());
            asks[id] = new PriceLevels(false, context.initialLevelCapacity());
            lastTradePrices[id] = spec.referencePrice();
            statuses[id] = (byte)InstrumentStatus.TRADING.value();
        }
    }

    /**
     * While false (the start-up replay of the journal) updates change the books and counters
     * but nothing is sent; true starts publishing, and the loops send at once.
     */
    public void live(final boolean live)
    {
        if (!live)
        {
            incremental.abort();
            bookOpen = false;
            lastIndicatorOffset = -1;
            eventBytesSent = 0;
            loopsStarted = false;
        }
        this.live = live;
    }

    public boolean isLive()
    {
        return live;
    }

    /**
     * A price level's displayed state after the command: a BookIncremental entry with action
     * NEW (the level did not exist), CHANGE, or DELETE ({@code quantity} 0).
     *
     * @param instrument     the instrument id.
     * @param side           {@link #BUY} or {@link #SELL}.
     * @param price          the level's price in ticks.
     * @param quantity       displayed lots at the level now; 0: the level is gone.
     * @param orderCount     orders at the level now.
     * @param transactTimeNs the command's time.
     */
    public void onBookLevel(
        final int instrument,
        final int side,
        final long price,
        final long quantity,
        final int orderCount,
        final long transactTimeNs)
    {
        if (!isListed(instrument) || (side != BUY && side != SELL) || quantity < 0)
        {
            rejectedUpdates++;
            return;
        }

        final PriceLevels levels = side == BUY ? bids[instrument] : asks[instrument];
        final int index = levels.find(price);
        final MdUpdateAction action;
        if (quantity == 0)
        {
            action = MdUpdateAction.DELETE;
            if (index >= 0)
            {
                levels.remove(index);
            }
            else
            {
                unknownLevelDeletes++;
            }
        }
        else if (index >= 0)
        {
            action = MdUpdateAction.CHANGE;
            levels.set(index, quantity, orderCount);
        }
        else
        {
            action = MdUpdateAction.NEW;
            levels.insert(-index - 1, price, quantity, orderCount);
        }

        final long rptSeq = ++rptSeqs[instrument];
        lastTransactTimesNs[instrument] = transactTimeNs;
        if (live)
        {
            if (bookOpen && (bookEntries == bookEntryLimit || transactTimeNs != bookTransactTimeNs))
            {
                closeBookMessage();
            }
            if (!bookOpen)
            {
                openBookMessage(transactTimeNs);
            }
            entries.next()
                .rptSeq(rptSeq)
                .price(price)
                .quantity(quantity)
                .instrument(instrument)
                .orderCount(orderCount)
                .side(side == BUY ? Side.BUY : Side.SELL)
                .updateAction(action);
            bookEntries++;
        }
    }

    /**
     * One fill: a Trade message. Its price becomes the instrument's mark and index price in
     * Statistics (see the class comment).
     */
    public void onTrade(
        final int instrument,
        final long tradeId,
        final long price,
        final long quantity,
        final int aggressorSide,
        final long transactTimeNs)
    {
        if (!isListed(instrument) || (aggressorSide != BUY && aggressorSide != SELL))
        {
            rejectedUpdates++;
            return;
        }

        final long rptSeq = ++rptSeqs[instrument];
        lastTransactTimesNs[instrument] = transactTimeNs;
        lastTradePrices[instrument] = price;
        if (live)
        {
            final int body = beginIncrementalMessage(tradeEncoder, TRADE_LENGTH);
            tradeEncoder.wrap(incremental.buffer(), body)
                .transactTime(transactTimeNs)
                .rptSeq(rptSeq)
                .tradeId(tradeId)
                .price(price)
                .quantity(quantity)
                .instrument(instrument)
                .aggressorSide(aggressorSide == BUY ? Side.BUY : Side.SELL);
            tradeEncoder.matchEventIndicator().clear().lastTradeMsg(true);
            lastIndicatorOffset = body + TradeEncoder.matchEventIndicatorEncodingOffset();
            incremental.endMessage(tradeEncoder.encodedLength());
        }
    }

    /**
     * The instrument's status changed: a TradingStatus message; the status also goes into
     * snapshots and definitions.
     *
     * @param status an InstrumentStatus value (0 unconfigured, 1 trading, 2 halted, 3 closed).
     * @param reason a StatusReason value.
     */
    public void onTradingStatus(final int instrument, final int status, final int reason, final long transactTimeNs)
    {
        if (!isListed(instrument) || status < 0 || status >= STATUSES.length || reason < 0 || reason >= REASONS.length)
        {
            rejectedUpdates++;
            return;
        }

        final long rptSeq = ++rptSeqs[instrument];
        lastTransactTimesNs[instrument] = transactTimeNs;
        statuses[instrument] = (byte)status;
        if (live)
        {
            final int body = beginIncrementalMessage(statusEncoder, STATUS_LENGTH);
            statusEncoder.wrap(incremental.buffer(), body)
                .transactTime(transactTimeNs)
                .rptSeq(rptSeq)
                .instrument(instrument)
                .status(STATUSES[status])
                .reason(REASONS[reason]);
            statusEncoder.matchEventIndicator().clear();
            lastIndicatorOffset = body + TradingStatusEncoder.matchEventIndicatorEncodingOffset();
            incremental.endMessage(statusEncoder.encodedLength());
        }
    }

    /** Lots held long (= short) in the instrument, for the next Statistics. Publishes nothing itself. */
    public void onOpenInterest(final int instrument, final long lots)
    {
        if (!isListed(instrument))
        {
            rejectedUpdates++;
            return;
        }
        openInterests[instrument] = lots;
    }

    /**
     * The command's updates are complete: marks the last message as the end of the event and
     * sends the packet.
     *
     * @return bytes the incremental publication accepted for this command (all its packets);
     * 0 when nothing was sent, not live, or the packets were dropped.
     */
    public int endOfCommand()
    {
        if (!live)
        {
            return 0;
        }
        endEvent();
        final int sent = eventBytesSent + incremental.flush();
        eventBytesSent = 0;

        return sent;
    }

    /**
     * The periodic loops: a Snapshot of every instrument each snapshot interval, an
     * InstrumentDefinition of every instrument each definition interval, and Statistics of
     * every instrument on the incremental feed each statistics interval. Call it between
     * commands (the loops wait while an event is being assembled). Sends nothing unless live.
     *
     * @param nowNs the caller's monotonic clock (e.g. {@link System#nanoTime()}).
     * @return messages sent.
     */
    public int doWork(final long nowNs)
    {
        if (!live)
        {
            return 0;
        }
        if (!loopsStarted)
        {
            loopsStarted = true;
            nextSnapshotNs = nowNs;
            nextDefinitionNs = nowNs;
            nextStatisticsNs = nowNs + context.statisticsIntervalNs();
        }

        int work = 0;
        if (nowNs - nextSnapshotNs >= 0)
        {
            nextSnapshotNs = nowNs + context.snapshotIntervalNs();
            work += sendSnapshots();
        }
        if (nowNs - nextDefinitionNs >= 0)
        {
            nextDefinitionNs = nowNs + context.definitionIntervalNs();
            work += sendDefinitions(nowNs);
        }
        if (nowNs - nextStatisticsNs >= 0 && !bookOpen && incremental.isEmpty())
        {
            nextStatisticsNs = nowNs + context.statisticsIntervalNs();
            work += sendStatistics();
        }

        return work;
    }

    /** Sends one round of Snapshots now, whatever the interval. */
    public int sendSnapshots()
    {
        if (!live)
        {
            return 0;
        }
        final long lastPacket = incremental.sequenceNumber();
        final UnsafeBuffer buffer = snapshots.buffer();
        for (final int id : ids)
        {
            final PriceLevels bidLevels = bids[id];
            final PriceLevels askLevels = asks[id];
            final int bidCount = Math.min(bidLevels.size(), maxLevelsPerSide);
            final int askCount = Math.min(askLevels.size(), maxLevelsPerSide);
            if (snapshots.remaining() < FeedWriter.snapshotLength(bidCount, askCount))
            {
                snapshots.flush();
            }

            final int body = snapshots.beginMessage(snapshotEncoder);
            snapshotEncoder.wrap(buffer, body)
                .lastMsgSeqNumProcessed(lastPacket)
                .lastRptSeq(rptSeqs[id])
                .transactTime(lastTransactTimesNs[id])
                .instrument(id)
                .totNumReports(ids.length)
                .status(STATUSES[statuses[id]]);
            final SnapshotEncoder.BidsEncoder bidsEncoder = snapshotEncoder.bidsCount(bidCount);
            for (int depth = 0; depth < bidCount; depth++)
            {
                bidsEncoder.next()
                    .price(bidLevels.price(depth))
                    .quantity(bidLevels.quantity(depth))
                    .orderCount(bidLevels.orderCount(depth));
            }
            final SnapshotEncoder.AsksEncoder asksEncoder = snapshotEncoder.asksCount(askCount);
            for (int depth = 0; depth < askCount; depth++)
            {
                asksEncoder.next()
                    .price(askLevels.price(depth))
                    .quantity(askLevels.quantity(depth))
                    .orderCount(askLevels.orderCount(depth));
            }
            snapshots.endMessage(snapshotEncoder.encodedLength());
            snapshotsSent++;
        }
        snapshots.flush();

        return ids.length;
    }

    private int sendDefinitions(final long nowNs)
    {
        final UnsafeBuffer buffer = definitions.buffer();
        for (final int id : ids)
        {
            if (definitions.remaining() < DEFINITION_LENGTH)
            {
                definitions.flush();
            }
            final InstrumentSpec spec = specs[id];
            final int body = definitions.beginMessage(definitionEncoder);
            definitionEncoder.wrap(buffer, body)
                .expiry(spec.expiryNs())
                .strike(spec.strikeTicks())
                .tickSize(spec.tickSizeE9())
                .tickValue(spec.tickValue())
                .lotSize(spec.lotSizeE9())
                .minOrderQty(1)
                .maxOrderQty(spec.maxOrderQuantity())
                .lastUpdateTime(definitionTimeNs)
                .instrument(id)
                .underlyingInstrument(spec.underlying())
                .priceBandBps(spec.bandBps())
                .totNumReports(ids.length)
                .symbol(spec.symbol())
                .kind(spec.option() ? InstrumentKind.OPTION : InstrumentKind.PERPETUAL)
                .optionRight(spec.option() ? (spec.call() ? OptionRight.CALL : OptionRight.PUT) : OptionRight.NONE)
                .status(STATUSES[statuses[id]])
                .updateAction(SecurityUpdateAction.ADD);
            definitions.endMessage(definitionEncoder.encodedLength());
            definitionsSent++;
        }
        definitions.flush();

        return ids.length;
    }

    private int sendStatistics()
    {
        final long transactTimeNs = context.clock().nanoTime();
        for (final int id : ids)
        {
            final int body = beginIncrementalMessage(statisticsEncoder, STATISTICS_LENGTH);
            statisticsEncoder.wrap(incremental.buffer(), body)
                .transactTime(transactTimeNs)
                .rptSeq(++rptSeqs[id])
                .markPrice(lastTradePrices[id])
                .indexPrice(lastTradePrices[id])
                .fundingRate(0)
                .nextFundingTime(0)
                .openInterest(openInterests[id])
                .instrument(id);
            statisticsEncoder.matchEventIndicator().clear().lastStatsMsg(true);
            lastTransactTimesNs[id] = transactTimeNs;
            lastIndicatorOffset = body + StatisticsEncoder.matchEventIndicatorEncodingOffset();
            incremental.endMessage(statisticsEncoder.encodedLength());
            statisticsSent++;
        }
        endEvent();
        incremental.flush();
        eventBytesSent = 0;

        return ids.length;
    }

    private void endEvent()
    {
        if (bookOpen)
        {
            closeBookMessage();
        }
        if (lastIndicatorOffset >= 0)
        {
            final UnsafeBuffer buffer = incremental.buffer();
            buffer.putByte(lastIndicatorOffset,
                MatchEventIndicatorEncoder.endOfEvent(buffer.getByte(lastIndicatorOffset), true));
            lastIndicatorOffset = -1;
        }
    }

    /** Closes an open BookIncremental, makes room for a message of {@code length} bytes, writes its header. */
    private int beginIncrementalMessage(final MessageEncoderFlyweight encoder, final int length)
    {
        if (bookOpen)
        {
            closeBookMessage();
        }
        if (incremental.remaining() < length)
        {
            eventBytesSent += incremental.flush();
        }

        return incremental.beginMessage(encoder);
    }

    private void openBookMessage(final long transactTimeNs)
    {
        if (incremental.remaining() < BOOK_MESSAGE_FIXED + BOOK_ENTRY_LENGTH)
        {
            eventBytesSent += incremental.flush();
        }
        final int body = incremental.beginMessage(bookEncoder);
        bookEncoder.wrap(incremental.buffer(), body).transactTime(transactTimeNs).matchEventIndicator().clear();
        bookEntryLimit = Math.min(MAX_GROUP_COUNT, (incremental.remaining() - BOOK_MESSAGE_FIXED) / BOOK_ENTRY_LENGTH);
        entries = bookEncoder.entriesCount(bookEntryLimit);
        lastIndicatorOffset = body + BookIncrementalEncoder.matchEventIndicatorEncodingOffset();
        bookOpen = true;
        bookEntries = 0;
        bookTransactTimeNs = transactTimeNs;
    }

    private void closeBookMessage()
    {
        entries.resetCountToIndex();
        incremental.endMessage(bookEncoder.encodedLength());
        bookOpen = false;
    }

    private boolean isListed(final int instrument)
    {
        return instrument >= 0 && instrument < specs.length && specs[instrument] != null;
    }

    /** Test hook: the next {@code count} incremental packets take their sequence numbers (and their
     * updates their rptSeqs) but are not sent, as if the network had lost them. */
    void dropNextIncrementalPackets(final int count)
    {
        incremental.suppressPackets(count);
    }

    /** The largest packet this publisher writes, after the publication's limit. */
    public int maxPacketLength()
    {
        return incremental.maxPacketLength();
    }

    /** Levels on a side of the publisher's book of an instrument. */
    public int levelCount(final int instrument, final int side)
    {
        return (side == BUY ? bids[instrument] : asks[instrument]).size();
    }

    /** Price of the level {@code depth} from the best (0) on a side. */
    public long levelPrice(final int instrument, final int side, final int depth)
    {
        return (side == BUY ? bids[instrument] : asks[instrument]).price(depth);
    }

    public long levelQuantity(final int instrument, final int side, final int depth)
    {
        return (side == BUY ? bids[instrument] : asks[instrument]).quantity(depth);
    }

    public int levelOrderCount(final int instrument, final int side, final int depth)
    {
        return (side == BUY ? bids[instrument] : asks[instrument]).orderCount(depth);
    }

    /** The rptSeq of the instrument's last incremental update; 0 if none yet. */
    public long rptSeq(final int instrument)
    {
        return rptSeqs[instrument];
    }

    /** The instrument's InstrumentStatus value. */
    public int status(final int instrument)
    {
        return statuses[instrument];
    }

    /** Sequence number of the last incremental packet (sent or dropped). */
    public long incrementalSequenceNumber()
    {
        return incremental.sequenceNumber();
    }

    public long incrementalPacketsSent()
    {
        return incremental.packetsSent();
    }

    public long snapshotPacketsSent()
    {
        return snapshots.packetsSent();
    }

    public long definitionPacketsSent()
    {
        return definitions.packetsSent();
    }

    /** Messages (PacketHeaders not counted) in packets accepted by the publications, all feeds. */
    public long messagesSent()
    {
        return incremental.messagesSent() + snapshots.messagesSent() + definitions.messagesSent();
    }

    /** Bytes of packets accepted by the publications, all feeds. */
    public long bytesSent()
    {
        return incremental.bytesSent() + snapshots.bytesSent() + definitions.bytesSent();
    }

    /** Packets dropped because no subscriber was connected (normal while nobody listens), all feeds. */
    public long notConnectedDrops()
    {
        return incremental.notConnectedDrops() + snapshots.notConnectedDrops() + definitions.notConnectedDrops();
    }

    /** Packets dropped under back pressure, all feeds; consumers recover from snapshots. */
    public long backPressureDrops()
    {
        return incremental.backPressureDrops() + snapshots.backPressureDrops() + definitions.backPressureDrops();
    }

    /** Packets dropped for any other offer failure (publication closed, max position, admin action). */
    public long otherDrops()
    {
        return incremental.otherDrops() + snapshots.otherDrops() + definitions.otherDrops();
    }

    /** Packets not sent because of the test hook. */
    long suppressedPackets()
    {
        return incremental.suppressedPackets();
    }

    /** Calls ignored: unknown instrument, bad side, status or reason, negative quantity. */
    public long rejectedUpdates()
    {
        return rejectedUpdates;
    }

    /** DELETEs of levels the publisher's book did not hold (published anyway). */
    public long unknownLevelDeletes()
    {
        return unknownLevelDeletes;
    }

    public long snapshotsSent()
    {
        return snapshotsSent;
    }

    public long definitionsSent()
    {
        return definitionsSent;
    }

    public long statisticsSent()
    {
        return statisticsSent;
    }

    /** Closes the publications. */
    public void close()
    {
        CloseHelper.closeAll(resources);
    }
}
