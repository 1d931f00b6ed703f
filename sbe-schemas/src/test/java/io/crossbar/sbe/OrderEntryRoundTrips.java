package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.crossbar.sbe.orderentry.BooleanType;
import io.crossbar.sbe.orderentry.BusinessRejectDecoder;
import io.crossbar.sbe.orderentry.BusinessRejectEncoder;
import io.crossbar.sbe.orderentry.CxlRejResponseTo;
import io.crossbar.sbe.orderentry.EstablishDecoder;
import io.crossbar.sbe.orderentry.EstablishEncoder;
import io.crossbar.sbe.orderentry.EstablishmentAckDecoder;
import io.crossbar.sbe.orderentry.EstablishmentAckEncoder;
import io.crossbar.sbe.orderentry.EstablishmentRejectDecoder;
import io.crossbar.sbe.orderentry.EstablishmentRejectEncoder;
import io.crossbar.sbe.orderentry.ExecType;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportModifyDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportModifyEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeEncoder;
import io.crossbar.sbe.orderentry.KeepAliveLapsed;
import io.crossbar.sbe.orderentry.ManualOrderIndicator;
import io.crossbar.sbe.orderentry.MassActionResponse;
import io.crossbar.sbe.orderentry.MassCancelScope;
import io.crossbar.sbe.orderentry.NegotiateDecoder;
import io.crossbar.sbe.orderentry.NegotiateEncoder;
import io.crossbar.sbe.orderentry.NegotiationRejectDecoder;
import io.crossbar.sbe.orderentry.NegotiationRejectEncoder;
import io.crossbar.sbe.orderentry.NegotiationResponseDecoder;
import io.crossbar.sbe.orderentry.NegotiationResponseEncoder;
import io.crossbar.sbe.orderentry.NewOrderSingleDecoder;
import io.crossbar.sbe.orderentry.NewOrderSingleEncoder;
import io.crossbar.sbe.orderentry.NotAppliedDecoder;
import io.crossbar.sbe.orderentry.NotAppliedEncoder;
import io.crossbar.sbe.orderentry.OrdStatus;
import io.crossbar.sbe.orderentry.OrderCancelRejectDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRejectEncoder;
import io.crossbar.sbe.orderentry.OrderCancelReplaceRequestDecoder;
import io.crossbar.sbe.orderentry.OrderCancelReplaceRequestEncoder;
import io.crossbar.sbe.orderentry.OrderCancelRequestDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRequestEncoder;
import io.crossbar.sbe.orderentry.OrderMassActionReportDecoder;
import io.crossbar.sbe.orderentry.OrderMassActionReportEncoder;
import io.crossbar.sbe.orderentry.OrderMassActionRequestDecoder;
import io.crossbar.sbe.orderentry.OrderMassActionRequestEncoder;
import io.crossbar.sbe.orderentry.OrderType;
import io.crossbar.sbe.orderentry.Reason;
import io.crossbar.sbe.orderentry.RetransmissionDecoder;
import io.crossbar.sbe.orderentry.RetransmissionEncoder;
import io.crossbar.sbe.orderentry.RetransmitRejectDecoder;
import io.crossbar.sbe.orderentry.RetransmitRejectEncoder;
import io.crossbar.sbe.orderentry.RetransmitRequestDecoder;
import io.crossbar.sbe.orderentry.RetransmitRequestEncoder;
import io.crossbar.sbe.orderentry.SequenceDecoder;
import io.crossbar.sbe.orderentry.SequenceEncoder;
import io.crossbar.sbe.orderentry.Side;
import io.crossbar.sbe.orderentry.StpMode;
import io.crossbar.sbe.orderentry.TerminateDecoder;
import io.crossbar.sbe.orderentry.TerminateEncoder;
import io.crossbar.sbe.orderentry.TerminationCode;
import io.crossbar.sbe.orderentry.TimeInForce;

/**
 * Round trips of every order-entry message. Values are distinctive per field (so a field written
 * at the wrong offset shows) and include unsigned values above the signed range.
 */
final class OrderEntryRoundTrips
{
    static final String SCHEMA = "orderentry.xml";

    private static final long UUID = 0xF1E2_D3C4_B5A6_9788L;
    private static final long PREVIOUS_UUID = 0x0123_4567_89AB_CDEFL;
    private static final long T_REQUEST = 1_767_225_600_123_456_789L;
    private static final long T_SENDING = 1_767_225_600_223_456_789L;
    private static final long T_TRANSACT = 1_767_225_600_200_000_001L;
    private static final long FIRM = 3_000_000_123L;
    private static final String ACCESS_KEY = "AKIDCROSSBAR00000042";
    private static final byte[] SIGNATURE = new byte[32];
    private static final String RESPONSE_CHANNEL = "aeron:udp?endpoint=127.0.0.1:40123";

    static
    {
        for (int i = 0; i < SIGNATURE.length; i++)
        {
            SIGNATURE[i] = (byte)(0xA0 + i * 3);
        }
    }

    private OrderEntryRoundTrips()
    {
    }

    static List<RoundTrip> cases()
    {
        return List.of(
            new RoundTrip(SCHEMA, NegotiateDecoder.TEMPLATE_ID, OrderEntryRoundTrips::negotiate),
            new RoundTrip(SCHEMA, NegotiationResponseDecoder.TEMPLATE_ID, OrderEntryRoundTrips::negotiationResponse),
            new RoundTrip(SCHEMA, NegotiationRejectDecoder.TEMPLATE_ID, OrderEntryRoundTrips::negotiationReject),
            new RoundTrip(SCHEMA, EstablishDecoder.TEMPLATE_ID, OrderEntryRoundTrips::establish),
            new RoundTrip(SCHEMA, EstablishmentAckDecoder.TEMPLATE_ID, OrderEntryRoundTrips::establishmentAck),
            new RoundTrip(SCHEMA, EstablishmentRejectDecoder.TEMPLATE_ID, OrderEntryRoundTrips::establishmentReject),
            new RoundTrip(SCHEMA, SequenceDecoder.TEMPLATE_ID, OrderEntryRoundTrips::sequence),
            new RoundTrip(SCHEMA, TerminateDecoder.TEMPLATE_ID, OrderEntryRoundTrips::terminate),
            new RoundTrip(SCHEMA, RetransmitRequestDecoder.TEMPLATE_ID, OrderEntryRoundTrips::retransmitRequest),
            new RoundTrip(SCHEMA, RetransmissionDecoder.TEMPLATE_ID, OrderEntryRoundTrips::retransmission),
            new RoundTrip(SCHEMA, RetransmitRejectDecoder.TEMPLATE_ID, OrderEntryRoundTrips::retransmitReject),
            new RoundTrip(SCHEMA, NotAppliedDecoder.TEMPLATE_ID, OrderEntryRoundTrips::notApplied),
            new RoundTrip(SCHEMA, NewOrderSingleDecoder.TEMPLATE_ID, OrderEntryRoundTrips::newOrderSingle),
            new RoundTrip(SCHEMA, OrderCancelReplaceRequestDecoder.TEMPLATE_ID, OrderEntryRoundTrips::cancelReplace),
            new RoundTrip(SCHEMA, OrderCancelRequestDecoder.TEMPLATE_ID, OrderEntryRoundTrips::cancel),
            new RoundTrip(SCHEMA, OrderMassActionRequestDecoder.TEMPLATE_ID, OrderEntryRoundTrips::massActionRequest),
            new RoundTrip(SCHEMA, ExecutionReportNewDecoder.TEMPLATE_ID, OrderEntryRoundTrips::executionReportNew),
            new RoundTrip(SCHEMA, ExecutionReportTradeDecoder.TEMPLATE_ID, OrderEntryRoundTrips::executionReportTrade),
            new RoundTrip(SCHEMA, ExecutionReportCanceledDecoder.TEMPLATE_ID,
                OrderEntryRoundTrips::executionReportCanceled),
            new RoundTrip(SCHEMA, ExecutionReportModifyDecoder.TEMPLATE_ID, OrderEntryRoundTrips::executionReportModify),
            new RoundTrip(SCHEMA, ExecutionReportRejectDecoder.TEMPLATE_ID, OrderEntryRoundTrips::executionReportReject),
            new RoundTrip(SCHEMA, OrderCancelRejectDecoder.TEMPLATE_ID, OrderEntryRoundTrips::orderCancelReject),
            new RoundTrip(SCHEMA, OrderMassActionReportDecoder.TEMPLATE_ID, OrderEntryRoundTrips::massActionReport),
            new RoundTrip(SCHEMA, BusinessRejectDecoder.TEMPLATE_ID, OrderEntryRoundTrips::businessReject));
    }

    // ---------------------------------------------------------------- session layer

    static void negotiate(final CodecHarness h)
    {
        final NegotiateEncoder e = h.encode(new NegotiateEncoder())
            .uuid(UUID)
            .requestTimestamp(T_REQUEST)
            .firmId(FIRM)
            .accessKeyId(ACCESS_KEY)
            .putHmacSignature(SIGNATURE, 0, SIGNATURE.length);
        e.clientFlags().cancelOnDisconnect(true).cancelOnTerminate(true);
        e.responseStreamId(1_002).responseChannel(RESPONSE_CHANNEL);

        final NegotiateDecoder d = h.decode(new NegotiateDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(FIRM, d.firmId());
        assertEquals(ACCESS_KEY, d.accessKeyId());
        final byte[] signature = new byte[NegotiateDecoder.hmacSignatureLength()];
        d.getHmacSignature(signature, 0, signature.length);
        assertArrayEquals(SIGNATURE, signature);
        assertTrue(d.clientFlags().cancelOnDisconnect());
        assertTrue(d.clientFlags().cancelOnTerminate());
        assertEquals(1_002, d.responseStreamId());
        assertEquals(RESPONSE_CHANNEL, d.responseChannel());
    }

    static void negotiationResponse(final CodecHarness h)
    {
        final NegotiationResponseEncoder e = h.encode(new NegotiationResponseEncoder())
            .uuid(UUID)
            .requestTimestamp(T_REQUEST)
            .previousUuid(PREVIOUS_UUID)
            .previousSeqNum(98_765L)
            .firmId(FIRM);
        e.acceptedFlags().cancelOnDisconnect(true);

        final NegotiationResponseDecoder d = h.decode(new NegotiationResponseDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(PREVIOUS_UUID, d.previousUuid());
        assertEquals(98_765L, d.previousSeqNum());
        assertEquals(FIRM, d.firmId());
        assertTrue(d.acceptedFlags().cancelOnDisconnect());
        assertEquals(false, d.acceptedFlags().cancelOnTerminate());
    }

    static void negotiationReject(final CodecHarness h)
    {
        h.encode(new NegotiationRejectEncoder())
            .uuid(UUID)
            .requestTimestamp(T_REQUEST)
            .reason(Reason.NOT_AUTHENTICATED)
            .text("signature does not match access key");

        final NegotiationRejectDecoder d = h.decode(new NegotiationRejectDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(Reason.NOT_AUTHENTICATED, d.reason());
        assertEquals("signature does not match access key", d.text());
    }

    static void establish(final CodecHarness h)
    {
        h.encode(new EstablishEncoder())
            .uuid(UUID)
            .requestTimestamp(T_REQUEST)
            .nextSeqNum(1_001L)
            .firmId(FIRM)
            .keepAliveIntervalMs(5_000L)
            .accessKeyId(ACCESS_KEY)
            .putHmacSignature(SIGNATURE, 0, SIGNATURE.length)
            .responseStreamId(1_003)
            .responseChannel(RESPONSE_CHANNEL);

        final EstablishDecoder d = h.decode(new EstablishDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(1_001L, d.nextSeqNum());
        assertEquals(FIRM, d.firmId());
        assertEquals(5_000L, d.keepAliveIntervalMs());
        assertEquals(ACCESS_KEY, d.accessKeyId());
        final byte[] signature = new byte[EstablishDecoder.hmacSignatureLength()];
        d.getHmacSignature(signature, 0, signature.length);
        assertArrayEquals(SIGNATURE, signature);
        assertEquals(1_003, d.responseStreamId());
        assertEquals(RESPONSE_CHANNEL, d.responseChannel());
    }

    static void establishmentAck(final CodecHarness h)
    {
        h.encode(new EstablishmentAckEncoder())
            .uuid(UUID)
            .requestTimestamp(T_REQUEST)
            .nextSeqNum(77L)
            .previousSeqNum(66_000L)
            .previousUuid(PREVIOUS_UUID)
            .keepAliveIntervalMs(2_500L);

        final EstablishmentAckDecoder d = h.decode(new EstablishmentAckDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(77L, d.nextSeqNum());
        assertEquals(66_000L, d.previousSeqNum());
        assertEquals(PREVIOUS_UUID, d.previousUuid());
        assertEquals(2_500L, d.keepAliveIntervalMs());
    }

    static void establishmentReject(final CodecHarness h)
    {
        h.encode(new EstablishmentRejectEncoder())
            .uuid(UUID)
            .requestTimestamp(T_REQUEST)
            .nextSeqNum(12L)
            .reason(Reason.UNKNOWN_SESSION)
            .text("uuid was not negotiated");

        final EstablishmentRejectDecoder d = h.decode(new EstablishmentRejectDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(12L, d.nextSeqNum());
        assertEquals(Reason.UNKNOWN_SESSION, d.reason());
        assertEquals("uuid was not negotiated", d.text());
    }

    static void sequence(final CodecHarness h)
    {
        h.encode(new SequenceEncoder())
            .uuid(UUID)
            .nextSeqNum(0x8000_0000_0000_0001L)
            .keepAliveLapsed(KeepAliveLapsed.LAPSED);

        final SequenceDecoder d = h.decode(new SequenceDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(0x8000_0000_0000_0001L, d.nextSeqNum());
        assertEquals(KeepAliveLapsed.LAPSED, d.keepAliveLapsed());
    }

    static void terminate(final CodecHarness h)
    {
        h.encode(new TerminateEncoder())
            .uuid(UUID)
            .requestTimestamp(T_REQUEST)
            .code(TerminationCode.KEEP_ALIVE_LAPSED)
            .text("no message for two keep-alive intervals");

        final TerminateDecoder d = h.decode(new TerminateDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(TerminationCode.KEEP_ALIVE_LAPSED, d.code());
        assertEquals("no message for two keep-alive intervals", d.text());
    }

    static void retransmitRequest(final CodecHarness h)
    {
        h.encode(new RetransmitRequestEncoder())
            .uuid(UUID)
            .lastUuid(PREVIOUS_UUID)
            .requestTimestamp(T_REQUEST)
            .fromSeqNum(4_000L)
            .msgCount(2_500L);

        final RetransmitRequestDecoder d = h.decode(new RetransmitRequestDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(PREVIOUS_UUID, d.lastUuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(4_000L, d.fromSeqNum());
        assertEquals(2_500L, d.msgCount());
    }

    static void retransmission(final CodecHarness h)
    {
        h.encode(new RetransmissionEncoder())
            .uuid(UUID)
            .lastUuid(PREVIOUS_UUID)
            .requestTimestamp(T_REQUEST)
            .fromSeqNum(4_001L)
            .msgCount(17L);

        final RetransmissionDecoder d = h.decode(new RetransmissionDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(PREVIOUS_UUID, d.lastUuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(4_001L, d.fromSeqNum());
        assertEquals(17L, d.msgCount());
    }

    static void retransmitReject(final CodecHarness h)
    {
        h.encode(new RetransmitRejectEncoder())
            .uuid(UUID)
            .lastUuid(PREVIOUS_UUID)
            .requestTimestamp(T_REQUEST)
            .reason(Reason.THROTTLED)
            .text("more than 2500 messages requested");

        final RetransmitRejectDecoder d = h.decode(new RetransmitRejectDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(PREVIOUS_UUID, d.lastUuid());
        assertEquals(T_REQUEST, d.requestTimestamp());
        assertEquals(Reason.THROTTLED, d.reason());
        assertEquals("more than 2500 messages requested", d.text());
    }

    static void notApplied(final CodecHarness h)
    {
        h.encode(new NotAppliedEncoder())
            .uuid(UUID)
            .fromSeqNum(301L)
            .msgCount(4_000_000_000L);

        final NotAppliedDecoder d = h.decode(new NotAppliedDecoder());
        assertEquals(UUID, d.uuid());
        assertEquals(301L, d.fromSeqNum());
        assertEquals(4_000_000_000L, d.msgCount());
    }

    // ---------------------------------------------------------------- client to gateway

    static void newOrderSingle(final CodecHarness h)
    {
        final NewOrderSingleEncoder e = h.encode(new NewOrderSingleEncoder())
            .seqNum(1_002L)
            .sendingTime(T_SENDING)
            .clOrdId(0xC1C1_0000_0000_0042L)
            .price(6_543_210L)
            .quantity(250L)
            .displayQuantity(25L)
            .account(17L)
            .instrument(4_000_000_001L)
            .side(Side.SELL)
            .orderType(OrderType.LIMIT)
            .timeInForce(TimeInForce.FOK)
            .stpMode(StpMode.CANCEL_BOTH)
            .manualOrderIndicator(ManualOrderIndicator.MANUAL);
        e.flags().postOnly(true).reduceOnly(true);

        final NewOrderSingleDecoder d = h.decode(new NewOrderSingleDecoder());
        assertEquals(NewOrderSingleDecoder.SCHEMA_VERSION, d.actingVersion());
        assertEquals(1_002L, d.seqNum());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(0xC1C1_0000_0000_0042L, d.clOrdId());
        assertEquals(6_543_210L, d.price());
        assertEquals(250L, d.quantity());
        assertEquals(25L, d.displayQuantity());
        assertEquals(17L, d.account());
        assertEquals(4_000_000_001L, d.instrument());
        assertEquals(Side.SELL, d.side());
        assertEquals(OrderType.LIMIT, d.orderType());
        assertEquals(TimeInForce.FOK, d.timeInForce());
        assertTrue(d.flags().postOnly());
        assertTrue(d.flags().reduceOnly());
        assertEquals(StpMode.CANCEL_BOTH, d.stpMode());
        assertEquals(ManualOrderIndicator.MANUAL, d.manualOrderIndicator());
    }

    static void cancelReplace(final CodecHarness h)
    {
        h.encode(new OrderCancelReplaceRequestEncoder())
            .seqNum(1_003L)
            .sendingTime(T_SENDING)
            .clOrdId(9_001L)
            .origClOrdId(9_000L)
            .orderId(0x0000_0003_0000_0815L)
            .price(-12L)
            .quantity(40L)
            .account(18L)
            .instrument(43L)
            .side(Side.BUY)
            .manualOrderIndicator(ManualOrderIndicator.MANUAL);

        final OrderCancelReplaceRequestDecoder d = h.decode(new OrderCancelReplaceRequestDecoder());
        assertEquals(1_003L, d.seqNum());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(9_001L, d.clOrdId());
        assertEquals(9_000L, d.origClOrdId());
        assertEquals(0x0000_0003_0000_0815L, d.orderId());
        assertEquals(-12L, d.price());
        assertEquals(40L, d.quantity());
        assertEquals(18L, d.account());
        assertEquals(43L, d.instrument());
        assertEquals(Side.BUY, d.side());
        assertEquals(ManualOrderIndicator.MANUAL, d.manualOrderIndicator());
    }

    static void cancel(final CodecHarness h)
    {
        h.encode(new OrderCancelRequestEncoder())
            .seqNum(1_004L)
            .sendingTime(T_SENDING)
            .clOrdId(9_002L)
            .origClOrdId(9_001L)
            .orderId(0x0000_0003_0000_0816L)
            .account(19L)
            .instrument(44L)
            .side(Side.SELL)
            .manualOrderIndicator(ManualOrderIndicator.MANUAL);

        final OrderCancelRequestDecoder d = h.decode(new OrderCancelRequestDecoder());
        assertEquals(1_004L, d.seqNum());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(9_002L, d.clOrdId());
        assertEquals(9_001L, d.origClOrdId());
        assertEquals(0x0000_0003_0000_0816L, d.orderId());
        assertEquals(19L, d.account());
        assertEquals(44L, d.instrument());
        assertEquals(Side.SELL, d.side());
        assertEquals(ManualOrderIndicator.MANUAL, d.manualOrderIndicator());
    }

    static void massActionRequest(final CodecHarness h)
    {
        h.encode(new OrderMassActionRequestEncoder())
            .seqNum(1_005L)
            .sendingTime(T_SENDING)
            .clOrdId(9_003L)
            .account(20L)
            .instrument(45L)
            .scope(MassCancelScope.ACCOUNT_INSTRUMENT)
            .manualOrderIndicator(ManualOrderIndicator.MANUAL);

        final OrderMassActionRequestDecoder d = h.decode(new OrderMassActionRequestDecoder());
        assertEquals(1_005L, d.seqNum());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(9_003L, d.clOrdId());
        assertEquals(20L, d.account());
        assertEquals(45L, d.instrument());
        assertEquals(MassCancelScope.ACCOUNT_INSTRUMENT, d.scope());
        assertEquals(ManualOrderIndicator.MANUAL, d.manualOrderIndicator());
    }

    // ---------------------------------------------------------------- gateway to client

    static void executionReportNew(final CodecHarness h)
    {
        final ExecutionReportNewEncoder e = h.encode(new ExecutionReportNewEncoder())
            .seqNum(501L)
            .exchangeSequence(7_000_001L)
            .sendingTime(T_SENDING)
            .transactTime(T_TRANSACT)
            .clOrdId(0xC1C1_0000_0000_0042L)
            .orderId(0x0000_0001_0000_0007L)
            .price(6_543_210L)
            .quantity(250L)
            .displayQuantity(25L)
            .cumQty(3L)
            .leavesQty(247L)
            .account(17L)
            .instrument(42L)
            .execType(ExecType.NEW)
            .ordStatus(OrdStatus.PARTIALLY_FILLED)
            .side(Side.SELL)
            .orderType(OrderType.MARKET)
            .timeInForce(TimeInForce.IOC)
            .stpMode(StpMode.CANCEL_AGGRESSOR)
            .possRetrans(BooleanType.TRUE);
        e.flags().reduceOnly(true);

        final ExecutionReportNewDecoder d = h.decode(new ExecutionReportNewDecoder());
        assertEquals(501L, d.seqNum());
        assertEquals(7_000_001L, d.exchangeSequence());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(0xC1C1_0000_0000_0042L, d.clOrdId());
        assertEquals(0x0000_0001_0000_0007L, d.orderId());
        assertEquals(6_543_210L, d.price());
        assertEquals(250L, d.quantity());
        assertEquals(25L, d.displayQuantity());
        assertEquals(3L, d.cumQty());
        assertEquals(247L, d.leavesQty());
        assertEquals(17L, d.account());
        assertEquals(42L, d.instrument());
        assertEquals(ExecType.NEW, d.execType());
        assertEquals((byte)'0', d.execTypeRaw());
        assertEquals(OrdStatus.PARTIALLY_FILLED, d.ordStatus());
        assertEquals(Side.SELL, d.side());
        assertEquals(OrderType.MARKET, d.orderType());
        assertEquals(TimeInForce.IOC, d.timeInForce());
        assertTrue(d.flags().reduceOnly());
        assertEquals(false, d.flags().postOnly());
        assertEquals(StpMode.CANCEL_AGGRESSOR, d.stpMode());
        assertEquals(BooleanType.TRUE, d.possRetrans());
    }

    static void executionReportTrade(final CodecHarness h)
    {
        h.encode(new ExecutionReportTradeEncoder())
            .seqNum(502L)
            .exchangeSequence(7_000_002L)
            .sendingTime(T_SENDING)
            .transactTime(T_TRANSACT)
            .clOrdId(0xC1C1_0000_0000_0043L)
            .orderId(0x0000_0001_0000_0008L)
            .tradeId(88_001L)
            .price(6_543_300L)
            .lastPrice(6_543_210L)
            .lastQty(5L)
            .cumQty(8L)
            .leavesQty(242L)
            .avgPrice(6_543_227_500_000L)
            .account(17L)
            .instrument(42L)
            .execType(ExecType.TRADE)
            .ordStatus(OrdStatus.FILLED)
            .side(Side.BUY)
            .aggressor(BooleanType.TRUE)
            .possRetrans(BooleanType.TRUE);

        final ExecutionReportTradeDecoder d = h.decode(new ExecutionReportTradeDecoder());
        assertEquals(502L, d.seqNum());
        assertEquals(7_000_002L, d.exchangeSequence());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(0xC1C1_0000_0000_0043L, d.clOrdId());
        assertEquals(0x0000_0001_0000_0008L, d.orderId());
        assertEquals(88_001L, d.tradeId());
        assertEquals(6_543_300L, d.price());
        assertEquals(6_543_210L, d.lastPrice());
        assertEquals(5L, d.lastQty());
        assertEquals(8L, d.cumQty());
        assertEquals(242L, d.leavesQty());
        assertEquals(6_543_227_500_000L, d.avgPrice());
        assertEquals(17L, d.account());
        assertEquals(42L, d.instrument());
        assertEquals(ExecType.TRADE, d.execType());
        assertEquals((byte)'F', d.execTypeRaw());
        assertEquals(OrdStatus.FILLED, d.ordStatus());
        assertEquals(Side.BUY, d.side());
        assertEquals(BooleanType.TRUE, d.aggressor());
        assertEquals(BooleanType.TRUE, d.possRetrans());
    }

    static void executionReportCanceled(final CodecHarness h)
    {
        h.encode(new ExecutionReportCanceledEncoder())
            .seqNum(503L)
            .exchangeSequence(7_000_003L)
            .sendingTime(T_SENDING)
            .transactTime(T_TRANSACT)
            .clOrdId(9_002L)
            .origClOrdId(9_001L)
            .orderId(0x0000_0001_0000_0009L)
            .price(6_500_000L)
            .canceledQty(111L)
            .cumQty(9L)
            .leavesQty(1L)
            .account(19L)
            .instrument(44L)
            .execType(ExecType.CANCELED)
            .ordStatus(OrdStatus.CANCELED)
            .side(Side.SELL)
            .reason(Reason.SELF_TRADE)
            .possRetrans(BooleanType.TRUE);

        final ExecutionReportCanceledDecoder d = h.decode(new ExecutionReportCanceledDecoder());
        assertEquals(503L, d.seqNum());
        assertEquals(7_000_003L, d.exchangeSequence());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(9_002L, d.clOrdId());
        assertEquals(9_001L, d.origClOrdId());
        assertEquals(0x0000_0001_0000_0009L, d.orderId());
        assertEquals(6_500_000L, d.price());
        assertEquals(111L, d.canceledQty());
        assertEquals(9L, d.cumQty());
        assertEquals(1L, d.leavesQty());
        assertEquals(19L, d.account());
        assertEquals(44L, d.instrument());
        assertEquals(ExecType.CANCELED, d.execType());
        assertEquals(OrdStatus.CANCELED, d.ordStatus());
        assertEquals(Side.SELL, d.side());
        assertEquals(Reason.SELF_TRADE, d.reason());
        assertEquals(BooleanType.TRUE, d.possRetrans());
    }

    static void executionReportModify(final CodecHarness h)
    {
        h.encode(new ExecutionReportModifyEncoder())
            .seqNum(504L)
            .exchangeSequence(7_000_004L)
            .sendingTime(T_SENDING)
            .transactTime(T_TRANSACT)
            .clOrdId(9_011L)
            .origClOrdId(9_010L)
            .orderId(0x0000_0001_0000_000AL)
            .price(6_400_000L)
            .quantity(60L)
            .displayQuantity(6L)
            .cumQty(4L)
            .leavesQty(60L)
            .account(21L)
            .instrument(46L)
            .execType(ExecType.REPLACED)
            .ordStatus(OrdStatus.REPLACED)
            .side(Side.BUY)
            .priorityKept(BooleanType.TRUE)
            .possRetrans(BooleanType.TRUE);

        final ExecutionReportModifyDecoder d = h.decode(new ExecutionReportModifyDecoder());
        assertEquals(504L, d.seqNum());
        assertEquals(7_000_004L, d.exchangeSequence());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(9_011L, d.clOrdId());
        assertEquals(9_010L, d.origClOrdId());
        assertEquals(0x0000_0001_0000_000AL, d.orderId());
        assertEquals(6_400_000L, d.price());
        assertEquals(60L, d.quantity());
        assertEquals(6L, d.displayQuantity());
        assertEquals(4L, d.cumQty());
        assertEquals(60L, d.leavesQty());
        assertEquals(21L, d.account());
        assertEquals(46L, d.instrument());
        assertEquals(ExecType.REPLACED, d.execType());
        assertEquals(OrdStatus.REPLACED, d.ordStatus());
        assertEquals(Side.BUY, d.side());
        assertEquals(BooleanType.TRUE, d.priorityKept());
        assertEquals(BooleanType.TRUE, d.possRetrans());
    }

    static void executionReportReject(final CodecHarness h)
    {
        h.encode(new ExecutionReportRejectEncoder())
            .seqNum(505L)
            .exchangeSequence(7_000_005L)
            .sendingTime(T_SENDING)
            .transactTime(T_TRANSACT)
            .clOrdId(9_020L)
            .orderId(0x0000_0002_0000_0001L)
            .price(1L)
            .quantity(1_000_000L)
            .cumQty(2L)
            .leavesQty(3L)
            .account(22L)
            .instrument(47L)
            .execType(ExecType.REJECTED)
            .ordStatus(OrdStatus.REJECTED)
            .side(Side.SELL)
            .reason(Reason.QUANTITY_OVER_MAX)
            .possRetrans(BooleanType.TRUE)
            .text("quantity 1000000 over the maximum 500000");

        final ExecutionReportRejectDecoder d = h.decode(new ExecutionReportRejectDecoder());
        assertEquals(505L, d.seqNum());
        assertEquals(7_000_005L, d.exchangeSequence());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(9_020L, d.clOrdId());
        assertEquals(0x0000_0002_0000_0001L, d.orderId());
        assertEquals(1L, d.price());
        assertEquals(1_000_000L, d.quantity());
        assertEquals(2L, d.cumQty());
        assertEquals(3L, d.leavesQty());
        assertEquals(22L, d.account());
        assertEquals(47L, d.instrument());
        assertEquals(ExecType.REJECTED, d.execType());
        assertEquals(OrdStatus.REJECTED, d.ordStatus());
        assertEquals(Side.SELL, d.side());
        assertEquals(Reason.QUANTITY_OVER_MAX, d.reason());
        assertEquals(BooleanType.TRUE, d.possRetrans());
        assertEquals("quantity 1000000 over the maximum 500000", d.text());
    }

    static void orderCancelReject(final CodecHarness h)
    {
        h.encode(new OrderCancelRejectEncoder())
            .seqNum(506L)
            .exchangeSequence(7_000_006L)
            .sendingTime(T_SENDING)
            .transactTime(T_TRANSACT)
            .clOrdId(9_031L)
            .origClOrdId(9_030L)
            .orderId(0x0000_0002_0000_0002L)
            .account(23L)
            .instrument(48L)
            .ordStatus(OrdStatus.NEW)
            .cxlRejResponseTo(CxlRejResponseTo.CANCEL_REPLACE)
            .reason(Reason.NOT_ORDER_OWNER)
            .possRetrans(BooleanType.TRUE)
            .text("order belongs to another account");

        final OrderCancelRejectDecoder d = h.decode(new OrderCancelRejectDecoder());
        assertEquals(506L, d.seqNum());
        assertEquals(7_000_006L, d.exchangeSequence());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(9_031L, d.clOrdId());
        assertEquals(9_030L, d.origClOrdId());
        assertEquals(0x0000_0002_0000_0002L, d.orderId());
        assertEquals(23L, d.account());
        assertEquals(48L, d.instrument());
        assertEquals(OrdStatus.NEW, d.ordStatus());
        assertEquals(CxlRejResponseTo.CANCEL_REPLACE, d.cxlRejResponseTo());
        assertEquals(Reason.NOT_ORDER_OWNER, d.reason());
        assertEquals(BooleanType.TRUE, d.possRetrans());
        assertEquals("order belongs to another account", d.text());
    }

    static void massActionReport(final CodecHarness h)
    {
        h.encode(new OrderMassActionReportEncoder())
            .seqNum(507L)
            .exchangeSequence(7_000_007L)
            .sendingTime(T_SENDING)
            .transactTime(T_TRANSACT)
            .clOrdId(9_003L)
            .account(20L)
            .instrument(45L)
            .totalAffectedOrders(1_234L)
            .scope(MassCancelScope.INSTRUMENT)
            .massActionResponse(MassActionResponse.ACCEPTED)
            .reason(Reason.MASS_CANCEL)
            .possRetrans(BooleanType.TRUE);

        final OrderMassActionReportDecoder d = h.decode(new OrderMassActionReportDecoder());
        assertEquals(507L, d.seqNum());
        assertEquals(7_000_007L, d.exchangeSequence());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(T_TRANSACT, d.transactTime());
        assertEquals(9_003L, d.clOrdId());
        assertEquals(20L, d.account());
        assertEquals(45L, d.instrument());
        assertEquals(1_234L, d.totalAffectedOrders());
        assertEquals(MassCancelScope.INSTRUMENT, d.scope());
        assertEquals(MassActionResponse.ACCEPTED, d.massActionResponse());
        assertEquals(Reason.MASS_CANCEL, d.reason());
        assertEquals(BooleanType.TRUE, d.possRetrans());
    }

    static void businessReject(final CodecHarness h)
    {
        h.encode(new BusinessRejectEncoder())
            .seqNum(508L)
            .sendingTime(T_SENDING)
            .refSeqNum(1_009L)
            .refClOrdId(9_040L)
            .refTemplateId(65_000)
            .reason(Reason.UNKNOWN_COMMAND)
            .possRetrans(BooleanType.TRUE)
            .text("template 65000 is not an order-entry message");

        final BusinessRejectDecoder d = h.decode(new BusinessRejectDecoder());
        assertEquals(508L, d.seqNum());
        assertEquals(T_SENDING, d.sendingTime());
        assertEquals(1_009L, d.refSeqNum());
        assertEquals(9_040L, d.refClOrdId());
        assertEquals(65_000, d.refTemplateId());
        assertEquals(Reason.UNKNOWN_COMMAND, d.reason());
        assertEquals(BooleanType.TRUE, d.possRetrans());
        assertEquals("template 65000 is not an order-entry message", d.text());
    }
}
