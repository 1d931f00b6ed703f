package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.crossbar.sbe.device.AcceptedEventDecoder;
import io.crossbar.sbe.device.AcceptedEventEncoder;
import io.crossbar.sbe.device.BookLevelEventDecoder;
import io.crossbar.sbe.device.BookLevelEventEncoder;
import io.crossbar.sbe.device.BooleanType;
import io.crossbar.sbe.device.CancelCommandDecoder;
import io.crossbar.sbe.device.CancelCommandEncoder;
import io.crossbar.sbe.device.CanceledEventDecoder;
import io.crossbar.sbe.device.CanceledEventEncoder;
import io.crossbar.sbe.device.CommandKind;
import io.crossbar.sbe.device.CompleteEventDecoder;
import io.crossbar.sbe.device.CompleteEventEncoder;
import io.crossbar.sbe.device.ControlCommandDecoder;
import io.crossbar.sbe.device.ControlCommandEncoder;
import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.FaultCode;
import io.crossbar.sbe.device.FaultEventDecoder;
import io.crossbar.sbe.device.FaultEventEncoder;
import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.MassCancelCommandDecoder;
import io.crossbar.sbe.device.MassCancelCommandEncoder;
import io.crossbar.sbe.device.MassCancelScope;
import io.crossbar.sbe.device.ModifiedEventDecoder;
import io.crossbar.sbe.device.ModifiedEventEncoder;
import io.crossbar.sbe.device.ModifyCommandDecoder;
import io.crossbar.sbe.device.ModifyCommandEncoder;
import io.crossbar.sbe.device.NewOrderCommandDecoder;
import io.crossbar.sbe.device.NewOrderCommandEncoder;
import io.crossbar.sbe.device.OrderType;
import io.crossbar.sbe.device.Outcome;
import io.crossbar.sbe.device.Reason;
import io.crossbar.sbe.device.RejectedEventDecoder;
import io.crossbar.sbe.device.RejectedEventEncoder;
import io.crossbar.sbe.device.SetAccountCommandDecoder;
import io.crossbar.sbe.device.SetAccountCommandEncoder;
import io.crossbar.sbe.device.SetInstrumentCommandDecoder;
import io.crossbar.sbe.device.SetInstrumentCommandEncoder;
import io.crossbar.sbe.device.SetMarginCommandDecoder;
import io.crossbar.sbe.device.SetMarginCommandEncoder;
import io.crossbar.sbe.device.SetReferencePriceCommandDecoder;
import io.crossbar.sbe.device.SetReferencePriceCommandEncoder;
import io.crossbar.sbe.device.Side;
import io.crossbar.sbe.device.StpMode;
import io.crossbar.sbe.device.TimeInForce;
import io.crossbar.sbe.device.TradeEventDecoder;
import io.crossbar.sbe.device.TradeEventEncoder;

/** Round trips of every device record, headerless at offset 0 as in a ring slot. */
final class DeviceRoundTrips
{
    static final String SCHEMA = "device.xml";

    private static final long SEQUENCE = 0x8000_0000_0000_1234L;
    private static final long COMMAND_SEQUENCE = 0x0000_0000_0BAD_CAFEL;
    private static final long ORDER_ID = 0x0000_0005_0000_0123L;

    private DeviceRoundTrips()
    {
    }

    static List<RoundTrip> cases()
    {
        return List.of(
            new RoundTrip(SCHEMA, NewOrderCommandDecoder.TEMPLATE_ID, DeviceRoundTrips::newOrder),
            new RoundTrip(SCHEMA, ModifyCommandDecoder.TEMPLATE_ID, DeviceRoundTrips::modify),
            new RoundTrip(SCHEMA, CancelCommandDecoder.TEMPLATE_ID, DeviceRoundTrips::cancel),
            new RoundTrip(SCHEMA, MassCancelCommandDecoder.TEMPLATE_ID, DeviceRoundTrips::massCancel),
            new RoundTrip(SCHEMA, SetInstrumentCommandDecoder.TEMPLATE_ID, DeviceRoundTrips::setInstrument),
            new RoundTrip(SCHEMA, SetMarginCommandDecoder.TEMPLATE_ID, DeviceRoundTrips::setMargin),
            new RoundTrip(SCHEMA, SetReferencePriceCommandDecoder.TEMPLATE_ID, DeviceRoundTrips::setReferencePrice),
            new RoundTrip(SCHEMA, SetAccountCommandDecoder.TEMPLATE_ID, DeviceRoundTrips::setAccount),
            new RoundTrip(SCHEMA, ControlCommandDecoder.TEMPLATE_ID, DeviceRoundTrips::control),
            new RoundTrip(SCHEMA, AcceptedEventDecoder.TEMPLATE_ID, DeviceRoundTrips::accepted),
            new RoundTrip(SCHEMA, RejectedEventDecoder.TEMPLATE_ID, DeviceRoundTrips::rejected),
            new RoundTrip(SCHEMA, TradeEventDecoder.TEMPLATE_ID, DeviceRoundTrips::trade),
            new RoundTrip(SCHEMA, CanceledEventDecoder.TEMPLATE_ID, DeviceRoundTrips::canceled),
            new RoundTrip(SCHEMA, ModifiedEventDecoder.TEMPLATE_ID, DeviceRoundTrips::modified),
            new RoundTrip(SCHEMA, BookLevelEventDecoder.TEMPLATE_ID, DeviceRoundTrips::bookLevel),
            new RoundTrip(SCHEMA, CompleteEventDecoder.TEMPLATE_ID, DeviceRoundTrips::complete),
            new RoundTrip(SCHEMA, FaultEventDecoder.TEMPLATE_ID, DeviceRoundTrips::fault));
    }

    private static void assertRecordLength(final CodecHarness h)
    {
        assertEquals(64, h.encodedLength(), "a device record fills exactly one 64-byte slot");
    }

    // ---------------------------------------------------------------- commands

    static void newOrder(final CodecHarness h)
    {
        final NewOrderCommandEncoder e = h.encode(new NewOrderCommandEncoder())
            .sequence(SEQUENCE)
            .kind(CommandKind.NEW_ORDER)
            .side(Side.SELL)
            .orderType(OrderType.MARKET)
            .timeInForce(TimeInForce.IOC)
            .stpMode(StpMode.CANCEL_BOTH)
            .account(3_000_000_001L)
            .instrument(42L)
            .price(-5L)
            .quantity(9_000_000_000L)
            .displayQuantity(100L);
        e.flags().reduceOnly(true);
        assertRecordLength(h);

        final NewOrderCommandDecoder d = h.decode(new NewOrderCommandDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(CommandKind.NEW_ORDER, d.kind());
        assertEquals(Side.SELL, d.side());
        assertEquals(OrderType.MARKET, d.orderType());
        assertEquals(TimeInForce.IOC, d.timeInForce());
        assertTrue(d.flags().reduceOnly());
        assertEquals(StpMode.CANCEL_BOTH, d.stpMode());
        assertEquals(3_000_000_001L, d.account());
        assertEquals(42L, d.instrument());
        assertEquals(-5L, d.price());
        assertEquals(9_000_000_000L, d.quantity());
        assertEquals(100L, d.displayQuantity());
    }

    static void modify(final CodecHarness h)
    {
        h.encode(new ModifyCommandEncoder())
            .sequence(SEQUENCE)
            .kind(CommandKind.MODIFY)
            .account(7L)
            .instrument(43L)
            .orderId(ORDER_ID)
            .price(6_500_000L)
            .quantity(12L);
        assertRecordLength(h);

        final ModifyCommandDecoder d = h.decode(new ModifyCommandDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(CommandKind.MODIFY, d.kind());
        assertEquals(7L, d.account());
        assertEquals(43L, d.instrument());
        assertEquals(ORDER_ID, d.orderId());
        assertEquals(6_500_000L, d.price());
        assertEquals(12L, d.quantity());
    }

    static void cancel(final CodecHarness h)
    {
        h.encode(new CancelCommandEncoder())
            .sequence(SEQUENCE)
            .kind(CommandKind.CANCEL)
            .account(8L)
            .instrument(44L)
            .orderId(ORDER_ID);
        assertRecordLength(h);

        final CancelCommandDecoder d = h.decode(new CancelCommandDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(CommandKind.CANCEL, d.kind());
        assertEquals(8L, d.account());
        assertEquals(44L, d.instrument());
        assertEquals(ORDER_ID, d.orderId());
    }

    static void massCancel(final CodecHarness h)
    {
        h.encode(new MassCancelCommandEncoder())
            .sequence(SEQUENCE)
            .kind(CommandKind.MASS_CANCEL)
            .scope(MassCancelScope.ACCOUNT_INSTRUMENT)
            .account(9L)
            .instrument(45L);
        assertRecordLength(h);

        final MassCancelCommandDecoder d = h.decode(new MassCancelCommandDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(CommandKind.MASS_CANCEL, d.kind());
        assertEquals(MassCancelScope.ACCOUNT_INSTRUMENT, d.scope());
        assertEquals(9L, d.account());
        assertEquals(45L, d.instrument());
    }

    static void setInstrument(final CodecHarness h)
    {
        h.encode(new SetInstrumentCommandEncoder())
            .sequence(SEQUENCE)
            .kind(CommandKind.SET_INSTRUMENT)
            .status(InstrumentStatus.TRADING)
            .bandBps(4_000_000_000L)
            .instrument(46L)
            .referencePrice(6_543_210L)
            .maxOrderQuantity(500_000L)
            .positionLimit(2_000_000L);
        assertRecordLength(h);

        final SetInstrumentCommandDecoder d = h.decode(new SetInstrumentCommandDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(CommandKind.SET_INSTRUMENT, d.kind());
        assertEquals(InstrumentStatus.TRADING, d.status());
        assertEquals(4_000_000_000L, d.bandBps());
        assertEquals(46L, d.instrument());
        assertEquals(6_543_210L, d.referencePrice());
        assertEquals(500_000L, d.maxOrderQuantity());
        assertEquals(2_000_000L, d.positionLimit());
    }

    static void setMargin(final CodecHarness h)
    {
        h.encode(new SetMarginCommandEncoder())
            .sequence(SEQUENCE)
            .kind(CommandKind.SET_MARGIN)
            .instrument(47L)
            .buyA(1_000L)
            .buyB(2_000L)
            .sellA(3_000L)
            .sellB(-4_000L);
        assertRecordLength(h);

        final SetMarginCommandDecoder d = h.decode(new SetMarginCommandDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(CommandKind.SET_MARGIN, d.kind());
        assertEquals(47L, d.instrument());
        assertEquals(1_000L, d.buyA());
        assertEquals(2_000L, d.buyB());
        assertEquals(3_000L, d.sellA());
        assertEquals(-4_000L, d.sellB());
    }

    static void setReferencePrice(final CodecHarness h)
    {
        h.encode(new SetReferencePriceCommandEncoder())
            .sequence(SEQUENCE)
            .kind(CommandKind.SET_REFERENCE_PRICE)
            .instrument(48L)
            .referencePrice(6_600_000L);
        assertRecordLength(h);

        final SetReferencePriceCommandDecoder d = h.decode(new SetReferencePriceCommandDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(CommandKind.SET_REFERENCE_PRICE, d.kind());
        assertEquals(48L, d.instrument());
        assertEquals(6_600_000L, d.referencePrice());
    }

    static void setAccount(final CodecHarness h)
    {
        h.encode(new SetAccountCommandEncoder())
            .sequence(SEQUENCE)
            .kind(CommandKind.SET_ACCOUNT)
            .account(10L)
            .credit(1_000_000_000_000L);
        assertRecordLength(h);

        final SetAccountCommandDecoder d = h.decode(new SetAccountCommandDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(CommandKind.SET_ACCOUNT, d.kind());
        assertEquals(10L, d.account());
        assertEquals(1_000_000_000_000L, d.credit());
    }

    static void control(final CodecHarness h)
    {
        h.encode(new ControlCommandEncoder())
            .sequence(SEQUENCE)
            .kind(CommandKind.HALT);
        assertRecordLength(h);

        final ControlCommandDecoder d = h.decode(new ControlCommandDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(CommandKind.HALT, d.kind());
    }

    // ---------------------------------------------------------------- events

    static void accepted(final CodecHarness h)
    {
        final AcceptedEventEncoder e = h.encode(new AcceptedEventEncoder())
            .sequence(SEQUENCE)
            .kind(EventKind.ACCEPTED)
            .side(Side.BUY)
            .orderType(OrderType.LIMIT)
            .timeInForce(TimeInForce.GTC)
            .stpMode(StpMode.CANCEL_AGGRESSOR)
            .account(11L)
            .instrument(49L)
            .orderId(ORDER_ID)
            .price(6_543_210L)
            .quantity(250L)
            .displayQuantity(25L)
            .reservationPerLot(65_432L);
        e.flags().postOnly(true);
        assertRecordLength(h);

        final AcceptedEventDecoder d = h.decode(new AcceptedEventDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(EventKind.ACCEPTED, d.kind());
        assertEquals(Side.BUY, d.side());
        assertEquals(OrderType.LIMIT, d.orderType());
        assertEquals(TimeInForce.GTC, d.timeInForce());
        assertTrue(d.flags().postOnly());
        assertEquals(StpMode.CANCEL_AGGRESSOR, d.stpMode());
        assertEquals(11L, d.account());
        assertEquals(49L, d.instrument());
        assertEquals(ORDER_ID, d.orderId());
        assertEquals(6_543_210L, d.price());
        assertEquals(250L, d.quantity());
        assertEquals(25L, d.displayQuantity());
        assertEquals(65_432L, d.reservationPerLot());
    }

    static void rejected(final CodecHarness h)
    {
        h.encode(new RejectedEventEncoder())
            .sequence(SEQUENCE)
            .kind(EventKind.REJECTED)
            .reason(Reason.PRICE_OUT_OF_BAND)
            .commandKind(CommandKind.MODIFY.value())
            .account(12L)
            .instrument(50L)
            .orderId(ORDER_ID)
            .commandSequence(COMMAND_SEQUENCE);
        assertRecordLength(h);

        final RejectedEventDecoder d = h.decode(new RejectedEventDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(EventKind.REJECTED, d.kind());
        assertEquals(Reason.PRICE_OUT_OF_BAND, d.reason());
        assertEquals(CommandKind.MODIFY, CommandKind.get(d.commandKind()));
        assertEquals(12L, d.account());
        assertEquals(50L, d.instrument());
        assertEquals(ORDER_ID, d.orderId());
        assertEquals(COMMAND_SEQUENCE, d.commandSequence());
    }

    static void trade(final CodecHarness h)
    {
        h.encode(new TradeEventEncoder())
            .sequence(SEQUENCE)
            .kind(EventKind.TRADE)
            .takerSide(Side.SELL)
            .makerAccount(13L)
            .takerAccount(14L)
            .instrument(51L)
            .tradeId(88_001L)
            .price(6_543_210L)
            .quantity(5L)
            .takerOrderId(ORDER_ID)
            .makerOrderId(ORDER_ID + 1);
        assertRecordLength(h);

        final TradeEventDecoder d = h.decode(new TradeEventDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(EventKind.TRADE, d.kind());
        assertEquals(Side.SELL, d.takerSide());
        assertEquals(13L, d.makerAccount());
        assertEquals(14L, d.takerAccount());
        assertEquals(51L, d.instrument());
        assertEquals(88_001L, d.tradeId());
        assertEquals(6_543_210L, d.price());
        assertEquals(5L, d.quantity());
        assertEquals(ORDER_ID, d.takerOrderId());
        assertEquals(ORDER_ID + 1, d.makerOrderId());
    }

    static void canceled(final CodecHarness h)
    {
        h.encode(new CanceledEventEncoder())
            .sequence(SEQUENCE)
            .kind(EventKind.CANCELED)
            .reason(Reason.IOC_REMAINDER)
            .side(Side.BUY)
            .account(15L)
            .instrument(52L)
            .orderId(ORDER_ID)
            .price(6_543_000L)
            .canceledQuantity(33L);
        assertRecordLength(h);

        final CanceledEventDecoder d = h.decode(new CanceledEventDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(EventKind.CANCELED, d.kind());
        assertEquals(Reason.IOC_REMAINDER, d.reason());
        assertEquals(Side.BUY, d.side());
        assertEquals(15L, d.account());
        assertEquals(52L, d.instrument());
        assertEquals(ORDER_ID, d.orderId());
        assertEquals(6_543_000L, d.price());
        assertEquals(33L, d.canceledQuantity());
    }

    static void modified(final CodecHarness h)
    {
        h.encode(new ModifiedEventEncoder())
            .sequence(SEQUENCE)
            .kind(EventKind.MODIFIED)
            .side(Side.SELL)
            .priorityKept(BooleanType.TRUE)
            .account(16L)
            .instrument(53L)
            .orderId(ORDER_ID)
            .price(6_543_400L)
            .quantity(19L)
            .reservationPerLot(70_000L);
        assertRecordLength(h);

        final ModifiedEventDecoder d = h.decode(new ModifiedEventDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(EventKind.MODIFIED, d.kind());
        assertEquals(Side.SELL, d.side());
        assertEquals(BooleanType.TRUE, d.priorityKept());
        assertEquals(16L, d.account());
        assertEquals(53L, d.instrument());
        assertEquals(ORDER_ID, d.orderId());
        assertEquals(6_543_400L, d.price());
        assertEquals(19L, d.quantity());
        assertEquals(70_000L, d.reservationPerLot());
    }

    static void bookLevel(final CodecHarness h)
    {
        h.encode(new BookLevelEventEncoder())
            .sequence(SEQUENCE)
            .kind(EventKind.BOOK_LEVEL)
            .side(Side.BUY)
            .orderCount(4_000_000_000L)
            .instrument(54L)
            .price(6_543_210L)
            .quantity(77L);
        assertRecordLength(h);

        final BookLevelEventDecoder d = h.decode(new BookLevelEventDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(EventKind.BOOK_LEVEL, d.kind());
        assertEquals(Side.BUY, d.side());
        assertEquals(4_000_000_000L, d.orderCount());
        assertEquals(54L, d.instrument());
        assertEquals(6_543_210L, d.price());
        assertEquals(77L, d.quantity());
    }

    static void complete(final CodecHarness h)
    {
        h.encode(new CompleteEventEncoder())
            .sequence(SEQUENCE)
            .kind(EventKind.COMPLETE)
            .commandKind(CommandKind.MASS_CANCEL.value())
            .outcome(Outcome.REJECTED)
            .eventCount(3L)
            .affectedOrders(1_000L)
            .commandSequence(COMMAND_SEQUENCE)
            .latencyCycles(123L);
        assertRecordLength(h);

        final CompleteEventDecoder d = h.decode(new CompleteEventDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(EventKind.COMPLETE, d.kind());
        assertEquals(CommandKind.MASS_CANCEL, CommandKind.get(d.commandKind()));
        assertEquals(Outcome.REJECTED, d.outcome());
        assertEquals(3L, d.eventCount());
        assertEquals(1_000L, d.affectedOrders());
        assertEquals(COMMAND_SEQUENCE, d.commandSequence());
        assertEquals(123L, d.latencyCycles());
    }

    static void fault(final CodecHarness h)
    {
        h.encode(new FaultEventEncoder())
            .sequence(SEQUENCE)
            .kind(EventKind.FAULT)
            .faultCode(FaultCode.EVENT_RING_STALL)
            .commandSequence(COMMAND_SEQUENCE)
            .detail(0xDEAD_BEEF_0000_0001L);
        assertRecordLength(h);

        final FaultEventDecoder d = h.decode(new FaultEventDecoder());
        assertEquals(SEQUENCE, d.sequence());
        assertEquals(EventKind.FAULT, d.kind());
        assertEquals(FaultCode.EVENT_RING_STALL, d.faultCode());
        assertEquals(COMMAND_SEQUENCE, d.commandSequence());
        assertEquals(0xDEAD_BEEF_0000_0001L, d.detail());
    }
}
