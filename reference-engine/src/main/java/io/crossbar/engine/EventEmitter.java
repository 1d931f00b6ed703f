package io.crossbar.engine;

import io.crossbar.sbe.device.AcceptedEventEncoder;
import io.crossbar.sbe.device.BookLevelEventEncoder;
import io.crossbar.sbe.device.CanceledEventEncoder;
import io.crossbar.sbe.device.CompleteEventEncoder;
import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.ModifiedEventEncoder;
import io.crossbar.sbe.device.RejectedEventEncoder;
import io.crossbar.sbe.device.TradeEventEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes event records into one 64-byte scratch line and hands each to the sink. Reserved bytes
 * are zeroed before every record so that two engines given the same commands emit the same bytes.
 * The event sequence numbers start at 1 and never repeat.
 */
final class EventEmitter
{
    static final int RECORD_LENGTH = 64;

    private final UnsafeBuffer line = new UnsafeBuffer(new byte[RECORD_LENGTH]);
    private final AcceptedEventEncoder accepted = new AcceptedEventEncoder();
    private final RejectedEventEncoder rejected = new RejectedEventEncoder();
    private final TradeEventEncoder trade = new TradeEventEncoder();
    private final CanceledEventEncoder canceled = new CanceledEventEncoder();
    private final ModifiedEventEncoder modified = new ModifiedEventEncoder();
    private final BookLevelEventEncoder bookLevel = new BookLevelEventEncoder();
    private final CompleteEventEncoder complete = new CompleteEventEncoder();

    private EventSink sink;
    private long nextSequence = 1;
    private int count;

    EventEmitter()
    {
        accepted.wrap(line, 0);
        rejected.wrap(line, 0);
        trade.wrap(line, 0);
        canceled.wrap(line, 0);
        modified.wrap(line, 0);
        bookLevel.wrap(line, 0);
        complete.wrap(line, 0);
    }

    void begin(final EventSink sink)
    {
        this.sink = sink;
        this.count = 0;
    }

    int count()
    {
        return count;
    }

    long nextSequence()
    {
        return nextSequence;
    }

    private void clear(final EventKind kind)
    {
        line.putLong(0, nextSequence++);
        line.putLong(8, kind.value() & 0xFFL);
        line.putLong(16, 0);
        line.putLong(24, 0);
        line.putLong(32, 0);
        line.putLong(40, 0);
        line.putLong(48, 0);
        line.putLong(56, 0);
    }

    private void publish()
    {
        count++;
        sink.onEvent(line, 0);
    }

    void accepted(
        final long orderId,
        final int account,
        final int instrument,
        final byte side,
        final byte orderType,
        final byte timeInForce,
        final byte flags,
        final byte stpMode,
        final long price,
        final long quantity,
        final long displayQuantity,
        final long perLot)
    {
        clear(EventKind.ACCEPTED);
        line.putByte(AcceptedEventEncoder.sideEncodingOffset(), side);
        line.putByte(AcceptedEventEncoder.orderTypeEncodingOffset(), orderType);
        line.putByte(AcceptedEventEncoder.timeInForceEncodingOffset(), timeInForce);
        line.putByte(AcceptedEventEncoder.flagsEncodingOffset(), flags);
        line.putByte(AcceptedEventEncoder.stpModeEncodingOffset(), stpMode);
        accepted
            .account(account)
            .instrument(instrument)
            .orderId(orderId)
            .price(price)
            .quantity(quantity)
            .displayQuantity(displayQuantity)
            .reservationPerLot(perLot);
        publish();
    }

    void rejected(
        final int reason,
        final int commandKind,
        final int account,
        final int instrument,
        final long orderId,
        final long commandSequence)
    {
        clear(EventKind.REJECTED);
        line.putByte(RejectedEventEncoder.reasonEncodingOffset(), (byte)reason);
        rejected
            .commandKind((short)(commandKind & 0xFF))
            .account(account & 0xFFFF_FFFFL)
            .instrument(instrument & 0xFFFF_FFFFL)
            .orderId(orderId)
            .commandSequence(commandSequence);
        publish();
    }

    void trade(
        final int instrument,
        final long tradeId,
        final byte takerSide,
        final int takerAccount,
        final long takerOrderId,
        final int makerAccount,
        final long makerOrderId,
        final long price,
        final long quantity)
    {
        clear(EventKind.TRADE);
        line.putByte(TradeEventEncoder.takerSideEncodingOffset(), takerSide);
        trade
            .makerAccount(makerAccount)
            .takerAccount(takerAccount)
            .instrument(instrument)
            .tradeId(tradeId)
            .price(price)
            .quantity(quantity)
            .takerOrderId(takerOrderId)
            .makerOrderId(makerOrderId);
        publish();
    }

    void canceled(
        final int reason,
        final long orderId,
        final int account,
        final int instrument,
        final byte side,
        final long price,
        final long quantity)
    {
        clear(EventKind.CANCELED);
        line.putByte(CanceledEventEncoder.reasonEncodingOffset(), (byte)reason);
        line.putByte(CanceledEventEncoder.sideEncodingOffset(), side);
        canceled
            .account(account)
            .instrument(instrument)
            .orderId(orderId)
            .price(price)
            .canceledQuantity(quantity);
        publish();
    }

    void modified(
        final long orderId,
        final int account,
        final int instrument,
        final byte side,
        final boolean priorityKept,
        final long price,
        final long quantity,
        final long perLot)
    {
        clear(EventKind.MODIFIED);
        line.putByte(ModifiedEventEncoder.sideEncodingOffset(), side);
        line.putByte(ModifiedEventEncoder.priorityKeptEncodingOffset(), (byte)(priorityKept ? 1 : 0));
        modified
            .account(account)
            .instrument(instrument)
            .orderId(orderId)
            .price(price)
            .quantity(quantity)
            .reservationPerLot(perLot);
        publish();
    }

    void bookLevel(final int instrument, final byte side, final long price, final long quantity, final int orderCount)
    {
        clear(EventKind.BOOK_LEVEL);
        line.putByte(BookLevelEventEncoder.sideEncodingOffset(), side);
        bookLevel
            .orderCount(orderCount)
            .instrument(instrument)
            .price(price)
            .quantity(quantity);
        publish();
    }

    void complete(final int commandKind, final boolean rejectedOutcome, final int affectedOrders, final long commandSequence)
    {
        final int before = count;
        clear(EventKind.COMPLETE);
        complete
            .commandKind((short)(commandKind & 0xFF))
            .eventCount(before)
            .affectedOrders(affectedOrders)
            .commandSequence(commandSequence)
            .latencyCycles(0);
        line.putByte(CompleteEventEncoder.outcomeEncodingOffset(), (byte)(rejectedOutcome ? 1 : 0));
        publish();
    }
}
