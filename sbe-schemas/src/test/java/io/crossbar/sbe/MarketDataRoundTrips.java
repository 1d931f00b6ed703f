package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.crossbar.sbe.marketdata.BookIncrementalDecoder;
import io.crossbar.sbe.marketdata.BookIncrementalEncoder;
import io.crossbar.sbe.marketdata.InstrumentDefinitionDecoder;
import io.crossbar.sbe.marketdata.InstrumentDefinitionEncoder;
import io.crossbar.sbe.marketdata.InstrumentKind;
import io.crossbar.sbe.marketdata.InstrumentStatus;
import io.crossbar.sbe.marketdata.MdUpdateAction;
import io.crossbar.sbe.marketdata.OptionRight;
import io.crossbar.sbe.marketdata.PacketHeaderDecoder;
import io.crossbar.sbe.marketdata.PacketHeaderEncoder;
import io.crossbar.sbe.marketdata.SecurityUpdateAction;
import io.crossbar.sbe.marketdata.Side;
import io.crossbar.sbe.marketdata.SnapshotDecoder;
import io.crossbar.sbe.marketdata.SnapshotEncoder;
import io.crossbar.sbe.marketdata.StatisticsDecoder;
import io.crossbar.sbe.marketdata.StatisticsEncoder;
import io.crossbar.sbe.marketdata.StatusReason;
import io.crossbar.sbe.marketdata.TradeDecoder;
import io.crossbar.sbe.marketdata.TradeEncoder;
import io.crossbar.sbe.marketdata.TradingStatusDecoder;
import io.crossbar.sbe.marketdata.TradingStatusEncoder;

/** Round trips of every market data message. */
final class MarketDataRoundTrips
{
    static final String SCHEMA = "marketdata.xml";

    private static final long T_TRANSACT = 1_767_225_600_300_000_007L;

    private MarketDataRoundTrips()
    {
    }

    static List<RoundTrip> cases()
    {
        return List.of(
            new RoundTrip(SCHEMA, PacketHeaderDecoder.TEMPLATE_ID, MarketDataRoundTrips::packetHeader),
            new RoundTrip(SCHEMA, InstrumentDefinitionDecoder.TEMPLATE_ID, MarketDataRoundTrips::instrumentDefinition),
            new RoundTrip(SCHEMA, TradingStatusDecoder.TEMPLATE_ID, MarketDataRoundTrips::tradingStatus),
            new RoundTrip(SCHEMA, BookIncrementalDecoder.TEMPLATE_ID, MarketDataRoundTrips::bookIncremental),
            new RoundTrip(SCHEMA, TradeDecoder.TEMPLATE_ID, MarketDataRoundTrips::trade),
            new RoundTrip(SCHEMA, StatisticsDecoder.TEMPLATE_ID, MarketDataRoundTrips::statistics),
            new RoundTrip(SCHEMA, SnapshotDecoder.TEMPLATE_ID, MarketDataRoundTrips::snapshot));
    }

    static void packetHeader(final CodecHarness h)
    {
        h.encode(new PacketHeaderEncoder())
            .sequenceNumber(0x8000_0000_0000_0010L)
            .sendingTime(T_TRANSACT + 1_000)
            .channelId(65_001)
            .messageCount(12);

        final PacketHeaderDecoder d = h.decode(new PacketHeaderDecoder());
        assertEquals(0x8000_0000_0000_0010L, d.sequenceNumber());
        assertEquals(T_TRANSACT + 1_000, d.sendingTime());
        assertEquals(65_001, d.channelId());
        assertEquals(12, d.messageCount());
    }

    static void instrumentDefinition(final CodecHarness h)
    {
        h.encode(new InstrumentDefinitionEncoder())
            .expiry(1_782_460_800_000_000_000L)
            .strike(100_000L)
            .tickSize(500_000_000L)
            .tickValue(5_000L)
            .lotSize(10_000_000L)
            .minOrderQty(3L)
            .maxOrderQty(50_000L)
            .lastUpdateTime(T_TRANSACT)
            .instrument(77L)
            .underlyingInstrument(1L)
            .priceBandBps(750L)
            .totNumReports(4_000_000_000L)
            .symbol("BTC-27JUN26-100000-C")
            .kind(InstrumentKind.OPTION)
            .optionRight(OptionRight.CALL)
            .status(InstrumentStatus.HALTED)
            .updateAction(SecurityUpdateAction.MODIFY);

        final InstrumentDefinitionDecoder d = h.decode(new InstrumentDefinitionDecoder());
        assertEquals(1_782_460_800_000_000_000L, d.expiry());
        assertEquals(100_000L, d.strike());
        assertEquals(500_000_000L, d.tickSize());
        assertEquals(5_000L, d.tickValue());
        assertEquals(10_000_000L, d.lotSize());
        assertEquals(3L, d.minOrderQty());
        assertEquals(50_000L, d.maxOrderQty());
        assertEquals(T_TRANSACT, d.lastUpdateTime());
        assertEquals(77L, d.instrument());
        assertEquals(1L, d.underlyingInstrument());
        assertEquals(750L, d.priceBandBps());
        assertEquals(4_000_000_000L, d.totNumReports());
        assertEquals("BTC-27JUN26-100000-C", d.symbol());
        assertEquals(InstrumentKind.OPTION, d.kind());
        assertEquals(OptionRight.CALL, d.optionRight());
        assertEquals(InstrumentStatus.HALTED, d.status());
        assertEquals(SecurityUpdateAction.MODIFY, d.updateAction());
    }

    static void tradingStatus(final CodecHarness h)
    {
        final TradingStatusEncoder e = h.encode(new TradingStatusEncoder())
            .transactTime(T_TRANSACT)
            .rptSeq(9_999L)
            .instrument(78L)
            .status(InstrumentStatus.CLOSED)
            .reason(StatusReason.EXPIRY);
        e.matchEventIndicator().endOfEvent(true);

        final TradingStatusDecoder d = h.decode(new TradingStatusDecoder());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(9_999L, d.rptSeq());
        assertEquals(78L, d.instrument());
        assertEquals(InstrumentStatus.CLOSED, d.status());
        assertEquals(StatusReason.EXPIRY, d.reason());
        assertTrue(d.matchEventIndicator().endOfEvent());
        assertFalse(d.matchEventIndicator().lastTradeMsg());
    }

    static void bookIncremental(final CodecHarness h)
    {
        final BookIncrementalEncoder e = h.encode(new BookIncrementalEncoder()).transactTime(T_TRANSACT);
        e.matchEventIndicator().lastQuoteMsg(true).endOfEvent(true);
        final BookIncrementalEncoder.EntriesEncoder entries = e.entriesCount(3);
        entries.next().rptSeq(1_001L).price(6_543_210L).quantity(40L).instrument(42L).orderCount(3L)
            .side(Side.BUY).updateAction(MdUpdateAction.CHANGE);
        entries.next().rptSeq(1_002L).price(6_543_300L).quantity(7L).instrument(42L).orderCount(1L)
            .side(Side.SELL).updateAction(MdUpdateAction.DELETE);
        entries.next().rptSeq(5L).price(-3L).quantity(4_000_000_000_000L).instrument(4_000_000_000L)
            .orderCount(65_536L).side(Side.SELL).updateAction(MdUpdateAction.CHANGE);

        final BookIncrementalDecoder d = h.decode(new BookIncrementalDecoder());
        assertEquals(T_TRANSACT, d.transactTime());
        assertTrue(d.matchEventIndicator().lastQuoteMsg());
        assertTrue(d.matchEventIndicator().endOfEvent());
        final BookIncrementalDecoder.EntriesDecoder decoded = d.entries();
        assertEquals(3, decoded.count());

        decoded.next();
        assertEquals(1_001L, decoded.rptSeq());
        assertEquals(6_543_210L, decoded.price());
        assertEquals(40L, decoded.quantity());
        assertEquals(42L, decoded.instrument());
        assertEquals(3L, decoded.orderCount());
        assertEquals(Side.BUY, decoded.side());
        assertEquals(MdUpdateAction.CHANGE, decoded.updateAction());

        decoded.next();
        assertEquals(1_002L, decoded.rptSeq());
        assertEquals(6_543_300L, decoded.price());
        assertEquals(7L, decoded.quantity());
        assertEquals(42L, decoded.instrument());
        assertEquals(1L, decoded.orderCount());
        assertEquals(Side.SELL, decoded.side());
        assertEquals(MdUpdateAction.DELETE, decoded.updateAction());

        decoded.next();
        assertEquals(5L, decoded.rptSeq());
        assertEquals(-3L, decoded.price());
        assertEquals(4_000_000_000_000L, decoded.quantity());
        assertEquals(4_000_000_000L, decoded.instrument());
        assertEquals(65_536L, decoded.orderCount());
        assertEquals(Side.SELL, decoded.side());
        assertEquals(MdUpdateAction.CHANGE, decoded.updateAction());
        assertFalse(decoded.hasNext());
    }

    static void trade(final CodecHarness h)
    {
        final TradeEncoder e = h.encode(new TradeEncoder())
            .transactTime(T_TRANSACT)
            .rptSeq(1_003L)
            .tradeId(88_001L)
            .price(6_543_210L)
            .quantity(5L)
            .instrument(42L)
            .aggressorSide(Side.SELL);
        e.matchEventIndicator().lastTradeMsg(true);

        final TradeDecoder d = h.decode(new TradeDecoder());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(1_003L, d.rptSeq());
        assertEquals(88_001L, d.tradeId());
        assertEquals(6_543_210L, d.price());
        assertEquals(5L, d.quantity());
        assertEquals(42L, d.instrument());
        assertEquals(Side.SELL, d.aggressorSide());
        assertTrue(d.matchEventIndicator().lastTradeMsg());
        assertFalse(d.matchEventIndicator().endOfEvent());
    }

    static void statistics(final CodecHarness h)
    {
        final StatisticsEncoder e = h.encode(new StatisticsEncoder())
            .transactTime(T_TRANSACT)
            .rptSeq(1_004L)
            .markPrice(6_543_250L)
            .indexPrice(6_543_190L)
            .fundingRate(-125_000L)
            .nextFundingTime(1_767_254_400_000_000_000L)
            .openInterest(1_234_567L)
            .instrument(42L);
        e.matchEventIndicator().lastStatsMsg(true).recoveryMsg(true);

        final StatisticsDecoder d = h.decode(new StatisticsDecoder());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(1_004L, d.rptSeq());
        assertEquals(6_543_250L, d.markPrice());
        assertEquals(6_543_190L, d.indexPrice());
        assertEquals(-125_000L, d.fundingRate());
        assertEquals(1_767_254_400_000_000_000L, d.nextFundingTime());
        assertEquals(1_234_567L, d.openInterest());
        assertEquals(42L, d.instrument());
        assertTrue(d.matchEventIndicator().lastStatsMsg());
        assertTrue(d.matchEventIndicator().recoveryMsg());
    }

    static void snapshot(final CodecHarness h)
    {
        final SnapshotEncoder e = h.encode(new SnapshotEncoder())
            .lastMsgSeqNumProcessed(880_001L)
            .lastRptSeq(1_004L)
            .transactTime(T_TRANSACT)
            .instrument(42L)
            .totNumReports(3L)
            .status(InstrumentStatus.TRADING);
        final SnapshotEncoder.BidsEncoder bids = e.bidsCount(2);
        bids.next().price(6_543_210L).quantity(40L).orderCount(3L);
        bids.next().price(6_543_200L).quantity(11L).orderCount(2L);
        final SnapshotEncoder.AsksEncoder asks = e.asksCount(3);
        asks.next().price(6_543_300L).quantity(7L).orderCount(1L);
        asks.next().price(6_543_310L).quantity(8L).orderCount(4L);
        asks.next().price(6_543_320L).quantity(9L).orderCount(5L);

        final SnapshotDecoder d = h.decode(new SnapshotDecoder());
        assertEquals(880_001L, d.lastMsgSeqNumProcessed());
        assertEquals(1_004L, d.lastRptSeq());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(42L, d.instrument());
        assertEquals(3L, d.totNumReports());
        assertEquals(InstrumentStatus.TRADING, d.status());

        final SnapshotDecoder.BidsDecoder decodedBids = d.bids();
        assertEquals(2, decodedBids.count());
        decodedBids.next();
        assertEquals(6_543_210L, decodedBids.price());
        assertEquals(40L, decodedBids.quantity());
        assertEquals(3L, decodedBids.orderCount());
        decodedBids.next();
        assertEquals(6_543_200L, decodedBids.price());
        assertEquals(11L, decodedBids.quantity());
        assertEquals(2L, decodedBids.orderCount());

        final SnapshotDecoder.AsksDecoder decodedAsks = d.asks();
        assertEquals(3, decodedAsks.count());
        final long[][] expected = {{6_543_300L, 7L, 1L}, {6_543_310L, 8L, 4L}, {6_543_320L, 9L, 5L}};
        for (final long[] level : expected)
        {
            decodedAsks.next();
            assertEquals(level[0], decodedAsks.price());
            assertEquals(level[1], decodedAsks.quantity());
            assertEquals(level[2], decodedAsks.orderCount());
        }
    }
}
