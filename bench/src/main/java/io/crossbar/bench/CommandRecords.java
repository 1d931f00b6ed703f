package io.crossbar.bench;

import io.crossbar.engine.CommandWriter;
import io.crossbar.sbe.device.CancelCommandEncoder;
import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.ModifyCommandEncoder;
import io.crossbar.sbe.device.NewOrderCommandEncoder;
import io.crossbar.sbe.device.OrderType;
import io.crossbar.sbe.device.Side;
import io.crossbar.sbe.device.StpMode;
import io.crossbar.sbe.device.TimeInForce;
import org.agrona.MutableDirectBuffer;

/**
 * The benchmark's shorthand for the few command records its streams use, written by the
 * project's {@link CommandWriter} (records zeroed first, sequence written last).
 */
public final class CommandRecords
{
    /** Size of one command or event record. */
    public static final int RECORD = CommandWriter.RECORD_LENGTH;

    /** Offset of the order id in modify and cancel records. */
    public static final int ORDER_ID_OFFSET = ModifyCommandEncoder.orderIdEncodingOffset();
    /** Offset of the new remaining quantity in a modify record. */
    public static final int MODIFY_QUANTITY_OFFSET = ModifyCommandEncoder.quantityEncodingOffset();
    /** Offset of the sequence number in every record. */
    public static final int SEQUENCE_OFFSET = NewOrderCommandEncoder.sequenceEncodingOffset();

    private final CommandWriter writer = new CommandWriter();

    static
    {
        if (CancelCommandEncoder.orderIdEncodingOffset() != ORDER_ID_OFFSET)
        {
            throw new IllegalStateException("modify and cancel records must carry the order id at the same offset");
        }
    }

    /** A limit order without flags, display or self-trade instruction other than the default. */
    public void newOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final int account,
        final int instrument,
        final Side side,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        writer.newOrder(buffer, offset, sequence, account, instrument, side.value(), OrderType.LIMIT.value(),
            timeInForce.value(), 0, StpMode.CANCEL_RESTING.value(), price, quantity, 0);
    }

    public void modify(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final int account,
        final int instrument,
        final long orderId,
        final long price,
        final long quantity)
    {
        writer.modify(buffer, offset, sequence, account, instrument, orderId, price, quantity);
    }

    public void cancel(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final int account,
        final int instrument,
        final long orderId)
    {
        writer.cancel(buffer, offset, sequence, account, instrument, orderId);
    }

    /** A trading instrument. */
    public void setInstrument(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final int instrument,
        final long referencePrice,
        final int bandBps,
        final long maxOrderQuantity,
        final long positionLimit)
    {
        writer.setInstrument(buffer, offset, sequence, instrument, InstrumentStatus.TRADING, referencePrice, bandBps,
            maxOrderQuantity, positionLimit);
    }

    /** Margin coefficients all zero: no order reserves collateral. */
    public void setZeroMargin(final MutableDirectBuffer buffer, final int offset, final long sequence, final int instrument)
    {
        writer.setMargin(buffer, offset, sequence, instrument, 0, 0, 0, 0);
    }

    public void setAccount(
        final MutableDirectBuffer buffer, final int offset, final long sequence, final int account, final long credit)
    {
        writer.setAccount(buffer, offset, sequence, account, credit);
    }
}
