package io.crossbar.bench;

import io.crossbar.sbe.device.CancelCommandEncoder;
import io.crossbar.sbe.device.CommandKind;
import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.ModifyCommandEncoder;
import io.crossbar.sbe.device.NewOrderCommandEncoder;
import io.crossbar.sbe.device.OrderType;
import io.crossbar.sbe.device.SetAccountCommandEncoder;
import io.crossbar.sbe.device.SetInstrumentCommandEncoder;
import io.crossbar.sbe.device.SetMarginCommandEncoder;
import io.crossbar.sbe.device.Side;
import io.crossbar.sbe.device.StpMode;
import io.crossbar.sbe.device.TimeInForce;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the engine's 64-byte command records (no SBE message header) into a buffer. Every record
 * is zeroed first, so reserved bytes are zero as the device ABI requires, and every field is
 * written, the sequence included.
 */
public final class CommandRecords
{
    /** Size of one command or event record. */
    public static final int RECORD = 64;

    /** Offset of the order id in modify and cancel records. */
    public static final int ORDER_ID_OFFSET = ModifyCommandEncoder.orderIdEncodingOffset();
    /** Offset of the new remaining quantity in a modify record. */
    public static final int MODIFY_QUANTITY_OFFSET = ModifyCommandEncoder.quantityEncodingOffset();
    /** Offset of the sequence number in every record. */
    public static final int SEQUENCE_OFFSET = NewOrderCommandEncoder.sequenceEncodingOffset();

    private final NewOrderCommandEncoder newOrder = new NewOrderCommandEncoder();
    private final ModifyCommandEncoder modify = new ModifyCommandEncoder();
    private final CancelCommandEncoder cancel = new CancelCommandEncoder();
    private final SetInstrumentCommandEncoder setInstrument = new SetInstrumentCommandEncoder();
    private final SetMarginCommandEncoder setMargin = new SetMarginCommandEncoder();
    private final SetAccountCommandEncoder setAccount = new SetAccountCommandEncoder();

    static
    {
        if (CancelCommandEncoder.orderIdEncodingOffset() != ORDER_ID_OFFSET)
        {
            throw new IllegalStateException("modify and cancel records must carry the order id at the same offset");
        }
    }

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
        buffer.setMemory(offset, RECORD, (byte)0);
        newOrder.wrap(buffer, offset)
            .sequence(sequence)
            .kind(CommandKind.NEW_ORDER)
            .side(side)
            .orderType(OrderType.LIMIT)
            .timeInForce(timeInForce)
            .stpMode(StpMode.CANCEL_RESTING)
            .account(account)
            .instrument(instrument)
            .price(price)
            .quantity(quantity)
            .displayQuantity(0);
        newOrder.flags().clear();
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
        buffer.setMemory(offset, RECORD, (byte)0);
        modify.wrap(buffer, offset)
            .sequence(sequence)
            .kind(CommandKind.MODIFY)
            .account(account)
            .instrument(instrument)
            .orderId(orderId)
            .price(price)
            .quantity(quantity);
    }

    public void cancel(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final int account,
        final int instrument,
        final long orderId)
    {
        buffer.setMemory(offset, RECORD, (byte)0);
        cancel.wrap(buffer, offset)
            .sequence(sequence)
            .kind(CommandKind.CANCEL)
            .account(account)
            .instrument(instrument)
            .orderId(orderId);
    }

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
        buffer.setMemory(offset, RECORD, (byte)0);
        setInstrument.wrap(buffer, offset)
            .sequence(sequence)
            .kind(CommandKind.SET_INSTRUMENT)
            .status(InstrumentStatus.TRADING)
            .bandBps(bandBps)
            .instrument(instrument)
            .referencePrice(referencePrice)
            .maxOrderQuantity(maxOrderQuantity)
            .positionLimit(positionLimit);
    }

    /** Margin coefficients all zero: no order reserves collateral. */
    public void setZeroMargin(final MutableDirectBuffer buffer, final int offset, final long sequence, final int instrument)
    {
        buffer.setMemory(offset, RECORD, (byte)0);
        setMargin.wrap(buffer, offset)
            .sequence(sequence)
            .kind(CommandKind.SET_MARGIN)
            .instrument(instrument)
            .buyA(0)
            .buyB(0)
            .sellA(0)
            .sellB(0);
    }

    public void setAccount(
        final MutableDirectBuffer buffer, final int offset, final long sequence, final int account, final long credit)
    {
        buffer.setMemory(offset, RECORD, (byte)0);
        setAccount.wrap(buffer, offset)
            .sequence(sequence)
            .kind(CommandKind.SET_ACCOUNT)
            .account(account)
            .credit(credit);
    }
}
