package io.crossbar.driver;

import java.nio.charset.StandardCharsets;

import io.crossbar.engine.Codes;
import io.crossbar.gateway.Session;
import io.crossbar.gateway.SessionRegistry;
import io.crossbar.sbe.journal.SequencedInputDecoder;
import io.crossbar.sbe.orderentry.BooleanType;
import io.crossbar.sbe.orderentry.BusinessRejectEncoder;
import io.crossbar.sbe.orderentry.CxlRejResponseTo;
import io.crossbar.sbe.orderentry.ExecType;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportModifyEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectEncoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeEncoder;
import io.crossbar.sbe.orderentry.MassActionResponse;
import io.crossbar.sbe.orderentry.MessageHeaderEncoder;
import io.crossbar.sbe.orderentry.NewOrderSingleDecoder;
import io.crossbar.sbe.orderentry.OrdStatus;
import io.crossbar.sbe.orderentry.OrderCancelRejectEncoder;
import io.crossbar.sbe.orderentry.OrderCancelReplaceRequestDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRequestDecoder;
import io.crossbar.sbe.orderentry.OrderMassActionReportEncoder;
import io.crossbar.sbe.orderentry.OrderMassActionRequestDecoder;
import io.crossbar.sbe.orderentry.Reason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes FIX-shaped execution reports (exec type, order status, cumulative and leaves quantity,
 * average price) and sends them to the owning session. Reject texts are the reason names, kept
 * as bytes so nothing is allocated per report.
 */
final class ExecutionReports
{
    private static final byte[][] REASON_TEXT = new byte[256][];
    private static final Reason[] REASONS = new Reason[256];

    static
    {
        java.util.Arrays.fill(REASONS, Reason.NULL_VAL);
        for (final Reason reason : Reason.values())
        {
            if (reason != Reason.NULL_VAL)
            {
                REASONS[reason.value()] = reason;
            }
        }
        for (int i = 0; i < REASON_TEXT.length; i++)
        {
            final Reason reason = REASONS[i];
            REASON_TEXT[i] = (reason == Reason.NULL_VAL ? "UNKNOWN" : reason.name()).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static Reason reason(final int value)
    {
        return REASONS[value & 0xFF];
    }

    private final SessionRegistry registry;
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ExecutionReportNewEncoder reportNew = new ExecutionReportNewEncoder();
    private final ExecutionReportTradeEncoder reportTrade = new ExecutionReportTradeEncoder();
    private final ExecutionReportCanceledEncoder reportCanceled = new ExecutionReportCanceledEncoder();
    private final ExecutionReportModifyEncoder reportModify = new ExecutionReportModifyEncoder();
    private final ExecutionReportRejectEncoder reportReject = new ExecutionReportRejectEncoder();
    private final OrderCancelRejectEncoder cancelReject = new OrderCancelRejectEncoder();
    private final OrderMassActionReportEncoder massReport = new OrderMassActionReportEncoder();
    private final BusinessRejectEncoder businessReject = new BusinessRejectEncoder();
    private long sendingTimeNs;
    private long reportsSent;

    ExecutionReports(final SessionRegistry registry)
    {
        this.registry = registry;
    }

    void sendingTime(final long nowNs)
    {
        this.sendingTimeNs = nowNs;
    }

    long reportsSent()
    {
        return reportsSent;
    }

    void accepted(final TrackedOrder order, final SequencedInputDecoder input)
    {
        final Session session = registry.session(order.uuid);
        if (session == null)
        {
            return;
        }
        reportNew.wrapAndApplyHeader(out, 0, header)
            .exchangeSequence(input.sequence())
            .sendingTime(sendingTimeNs)
            .transactTime(input.timestampNs())
            .clOrdId(order.clOrdId)
            .orderId(order.orderId)
            .price(order.price)
            .quantity(order.orderQty())
            .displayQuantity(order.displayQuantity)
            .cumQty(order.cumQty)
            .leavesQty(order.leavesQty)
            .account(order.account)
            .instrument(order.instrument)
            .execType(ExecType.NEW)
            .ordStatus(OrdStatus.NEW)
            .possRetrans(BooleanType.FALSE);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportNewEncoder.sideEncodingOffset(), (byte)order.side);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportNewEncoder.orderTypeEncodingOffset(),
            (byte)order.orderType);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportNewEncoder.timeInForceEncodingOffset(),
            (byte)order.timeInForce);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportNewEncoder.flagsEncodingOffset(), (byte)order.flags);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportNewEncoder.stpModeEncodingOffset(),
            (byte)order.stpMode);
        send(session, MessageHeaderEncoder.ENCODED_LENGTH + reportNew.encodedLength());
    }

    void trade(
        final TrackedOrder order,
        final SequencedInputDecoder input,
        final long tradeId,
        final long lastPrice,
        final long lastQty,
        final boolean aggressor)
    {
        final Session session = registry.session(order.uuid);
        if (session == null)
        {
            return;
        }
        reportTrade.wrapAndApplyHeader(out, 0, header)
            .exchangeSequence(input.sequence())
            .sendingTime(sendingTimeNs)
            .transactTime(input.timestampNs())
            .clOrdId(order.clOrdId)
            .orderId(order.orderId)
            .tradeId(tradeId)
            .price(order.price)
            .lastPrice(lastPrice)
            .lastQty(lastQty)
            .cumQty(order.cumQty)
            .leavesQty(order.leavesQty)
            .avgPrice(order.averagePriceE6())
            .account(order.account)
            .instrument(order.instrument)
            .execType(ExecType.TRADE)
            .ordStatus(order.leavesQty == 0 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED)
            .aggressor(aggressor ? BooleanType.TRUE : BooleanType.FALSE)
            .possRetrans(BooleanType.FALSE);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportTradeEncoder.sideEncodingOffset(), (byte)order.side);
        send(session, MessageHeaderEncoder.ENCODED_LENGTH + reportTrade.encodedLength());
    }

    /** The order left the book; {@code uuid} is the session told: the canceling one, or the owner. */
    void canceled(
        final TrackedOrder order,
        final SequencedInputDecoder input,
        final long uuid,
        final long requestClOrdId,
        final long canceledQty,
        final int reason)
    {
        final Session session = registry.session(uuid);
        if (session == null)
        {
            return;
        }
        reportCanceled.wrapAndApplyHeader(out, 0, header)
            .exchangeSequence(input.sequence())
            .sendingTime(sendingTimeNs)
            .transactTime(input.timestampNs())
            .clOrdId(requestClOrdId)
            .origClOrdId(order.clOrdId)
            .orderId(order.orderId)
            .price(order.price)
            .canceledQty(canceledQty)
            .cumQty(order.cumQty)
            .leavesQty(0)
            .account(order.account)
            .instrument(order.instrument)
            .execType(ExecType.CANCELED)
            .ordStatus(OrdStatus.CANCELED)
            .reason(reason(reason))
            .possRetrans(BooleanType.FALSE);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportCanceledEncoder.sideEncodingOffset(),
            (byte)order.side);
        send(session, MessageHeaderEncoder.ENCODED_LENGTH + reportCanceled.encodedLength());
    }

    void modified(final TrackedOrder order, final SequencedInputDecoder input, final long origClOrdId, final boolean kept)
    {
        final Session session = registry.session(order.uuid);
        if (session == null)
        {
            return;
        }
        reportModify.wrapAndApplyHeader(out, 0, header)
            .exchangeSequence(input.sequence())
            .sendingTime(sendingTimeNs)
            .transactTime(input.timestampNs())
            .clOrdId(order.clOrdId)
            .origClOrdId(origClOrdId)
            .orderId(order.orderId)
            .price(order.price)
            .quantity(order.leavesQty)
            .displayQuantity(order.displayQuantity)
            .cumQty(order.cumQty)
            .leavesQty(order.leavesQty)
            .account(order.account)
            .instrument(order.instrument)
            .execType(ExecType.REPLACED)
            .ordStatus(OrdStatus.REPLACED)
            .priorityKept(kept ? BooleanType.TRUE : BooleanType.FALSE)
            .possRetrans(BooleanType.FALSE);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportModifyEncoder.sideEncodingOffset(), (byte)order.side);
        send(session, MessageHeaderEncoder.ENCODED_LENGTH + reportModify.encodedLength());
    }

    /** A NewOrderSingle refused by the card or the gateway; the fields come from its device record. */
    void orderRejected(final SequencedInputDecoder input, final DirectBuffer command, final int reason)
    {
        final Session session = registry.session(input.uuid());
        if (session == null)
        {
            return;
        }
        reportReject.wrapAndApplyHeader(out, 0, header)
            .exchangeSequence(input.sequence())
            .sendingTime(sendingTimeNs)
            .transactTime(input.timestampNs())
            .clOrdId(input.clOrdId())
            .orderId(ExecutionReportRejectEncoder.orderIdNullValue())
            .price(command.getLong(24))
            .quantity(command.getLong(32))
            .cumQty(0)
            .leavesQty(0)
            .account(command.getInt(16) & 0xFFFF_FFFFL)
            .instrument(command.getInt(20) & 0xFFFF_FFFFL)
            .execType(ExecType.REJECTED)
            .ordStatus(OrdStatus.REJECTED)
            .reason(reason(reason))
            .possRetrans(BooleanType.FALSE);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportRejectEncoder.sideEncodingOffset(), command.getByte(9));
        reportReject.putText(REASON_TEXT[reason & 0xFF], 0, REASON_TEXT[reason & 0xFF].length);
        send(session, MessageHeaderEncoder.ENCODED_LENGTH + reportReject.encodedLength());
    }

    /** A cancel or replace refused; {@code order} is the order it named, if it is live. */
    void cancelRejected(
        final SequencedInputDecoder input, final TrackedOrder order, final long orderId, final boolean replace, final int reason)
    {
        final Session session = registry.session(input.uuid());
        if (session == null)
        {
            return;
        }
        cancelReject.wrapAndApplyHeader(out, 0, header)
            .exchangeSequence(input.sequence())
            .sendingTime(sendingTimeNs)
            .transactTime(input.timestampNs())
            .clOrdId(input.clOrdId())
            .origClOrdId(input.origClOrdId())
            .orderId(orderId == 0 ? OrderCancelRejectEncoder.orderIdNullValue() : orderId)
            .account(order == null ? 0 : order.account)
            .instrument(order == null ? 0 : order.instrument)
            .ordStatus(order == null ? OrdStatus.REJECTED : order.cumQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW)
            .cxlRejResponseTo(replace ? CxlRejResponseTo.CANCEL_REPLACE : CxlRejResponseTo.CANCEL)
            .reason(reason(reason))
            .possRetrans(BooleanType.FALSE);
        cancelReject.putText(REASON_TEXT[reason & 0xFF], 0, REASON_TEXT[reason & 0xFF].length);
        send(session, MessageHeaderEncoder.ENCODED_LENGTH + cancelReject.encodedLength());
    }

    void massActionReport(final SequencedInputDecoder input, final DirectBuffer command, final int affected, final int reason)
    {
        final Session session = registry.session(input.uuid());
        if (session == null)
        {
            return;
        }
        massReport.wrapAndApplyHeader(out, 0, header)
            .exchangeSequence(input.sequence())
            .sendingTime(sendingTimeNs)
            .transactTime(input.timestampNs())
            .clOrdId(input.clOrdId())
            .account(command.getInt(16) & 0xFFFF_FFFFL)
            .instrument(command.getInt(20) & 0xFFFF_FFFFL)
            .totalAffectedOrders(affected)
            .massActionResponse(reason == Codes.NONE ? MassActionResponse.ACCEPTED : MassActionResponse.REJECTED)
            .reason(reason(reason))
            .possRetrans(BooleanType.FALSE);
        out.putByte(MessageHeaderEncoder.ENCODED_LENGTH + OrderMassActionReportEncoder.scopeEncodingOffset(), command.getByte(9));
        send(session, MessageHeaderEncoder.ENCODED_LENGTH + massReport.encodedLength());
    }

    /** A request the gateway refused before the card, answered the way its template is. */
    void gatewayReject(final SequencedInputDecoder input, final DirectBuffer command)
    {
        final int reason = input.reasonRaw();
        // Refused before its fields were read (unreadable, a version not admitted, not authenticated,
        // out of sequence): there is no order to reject, only the message.
        if (reason == Reason.MALFORMED_MESSAGE.value() || reason == Reason.NOT_AUTHENTICATED.value() ||
            reason == Reason.SEQUENCE_GAP.value() || reason == Reason.UNSUPPORTED_VERSION.value())
        {
            businessReject(input, reason);
            return;
        }
        switch (input.refTemplateId())
        {
            case NewOrderSingleDecoder.TEMPLATE_ID -> orderRejected(input, command, reason);
            case OrderCancelReplaceRequestDecoder.TEMPLATE_ID -> cancelRejected(input, null, command.getLong(24), true, reason);
            case OrderCancelRequestDecoder.TEMPLATE_ID -> cancelRejected(input, null, command.getLong(24), false, reason);
            case OrderMassActionRequestDecoder.TEMPLATE_ID -> massActionReport(input, command, 0, reason);
            default -> businessReject(input, reason);
        }
    }

    private void businessReject(final SequencedInputDecoder input, final int reason)
    {
        final Session session = registry.session(input.uuid());
        if (session == null)
        {
            return;
        }
        businessReject.wrapAndApplyHeader(out, 0, header)
            .sendingTime(sendingTimeNs)
            .refSeqNum(input.clientSeqNum())
            .refClOrdId(input.clOrdId())
            .refTemplateId(input.refTemplateId())
            .reason(reason(reason))
            .possRetrans(BooleanType.FALSE);
        businessReject.putText(REASON_TEXT[reason & 0xFF], 0, REASON_TEXT[reason & 0xFF].length);
        send(session, MessageHeaderEncoder.ENCODED_LENGTH + businessReject.encodedLength());
    }

    private void send(final Session session, final int length)
    {
        session.sendApplication(out, 0, length, sendingTimeNs);
        reportsSent++;
    }
}
