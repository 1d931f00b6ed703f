package io.crossbar.engine;

import io.crossbar.sbe.device.CancelCommandEncoder;
import io.crossbar.sbe.device.CommandKind;
import io.crossbar.sbe.device.ControlCommandEncoder;
import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.MassCancelCommandEncoder;
import io.crossbar.sbe.device.MassCancelScope;
import io.crossbar.sbe.device.ModifyCommandEncoder;
import io.crossbar.sbe.device.NewOrderCommandEncoder;
import io.crossbar.sbe.device.SetAccountCommandEncoder;
import io.crossbar.sbe.device.SetInstrumentCommandEncoder;
import io.crossbar.sbe.device.SetMarginCommandEncoder;
import io.crossbar.sbe.device.SetReferencePriceCommandEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Writes 64-byte command records with the generated device codecs: the one way tools, tests,
 * generators and the control plane build commands. Each method zeroes the record first (reserved
 * bytes are zero), writes the body, and writes the sequence last, as a ring writer must. Raw byte
 * values are accepted for enumerations so that invalid records can be written on purpose.
 */
public final class CommandWriter
{
    public static final int RECORD_LENGTH = 64;

    private final NewOrderCommandEncoder newOrder = new NewOrderCommandEncoder();
    private final ModifyCommandEncoder modify = new ModifyCommandEncoder();
    private final CancelCommandEncoder cancel = new CancelCommandEncoder();
    private final MassCancelCommandEncoder massCancel = new MassCancelCommandEncoder();
    private final SetInstrumentCommandEncoder setInstrument = new SetInstrumentCommandEncoder();
    private final SetMarginCommandEncoder setMargin = new SetMarginCommandEncoder();
    private final SetReferencePriceCommandEncoder setReference = new SetReferencePriceCommandEncoder();
    private final SetAccountCommandEncoder setAccount = new SetAccountCommandEncoder();
    private final ControlCommandEncoder control = new ControlCommandEncoder();

    /** Order flags as their wire bits. */
    public static final int POST_ONLY = 1;
    public static final int REDUCE_ONLY = 2;

    public void newOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final int account,
        final int instrument,
        final int side,
        final int orderType,
        final int timeInForce,
        final int flags,
        final int stpMode,
        final long price,
        final long quantity,
        final long displayQuantity)
    {
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        newOrder.wrap(buffer, offset)
            .account(account & 0xFFFF_FFFFL)
            .instrument(instrument & 0xFFFF_FFFFL)
            .price(price)
            .quantity(quantity)
            .displayQuantity(displayQuantity);
        buffer.putByte(offset + NewOrderCommandEncoder.kindEncodingOffset(), (byte)CommandKind.NEW_ORDER.value());
        buffer.putByte(offset + NewOrderCommandEncoder.sideEncodingOffset(), (byte)side);
        buffer.putByte(offset + NewOrderCommandEncoder.orderTypeEncodingOffset(), (byte)orderType);
        buffer.putByte(offset + NewOrderCommandEncoder.timeInForceEncodingOffset(), (byte)timeInForce);
        buffer.putByte(offset + NewOrderCommandEncoder.flagsEncodingOffset(), (byte)flags);
        buffer.putByte(offset + NewOrderCommandEncoder.stpModeEncodingOffset(), (byte)stpMode);
        newOrder.sequence(sequence);
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
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        modify.wrap(buffer, offset)
            .kind(CommandKind.MODIFY)
            .account(account & 0xFFFF_FFFFL)
            .instrument(instrument & 0xFFFF_FFFFL)
            .orderId(orderId)
            .price(price)
            .quantity(quantity)
            .sequence(sequence);
    }

    public void cancel(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final int account,
        final int instrument,
        final long orderId)
    {
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        cancel.wrap(buffer, offset)
            .kind(CommandKind.CANCEL)
            .account(account & 0xFFFF_FFFFL)
            .instrument(instrument & 0xFFFF_FFFFL)
            .orderId(orderId)
            .sequence(sequence);
    }

    public void massCancel(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final MassCancelScope scope,
        final int account,
        final int instrument)
    {
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        massCancel.wrap(buffer, offset)
            .kind(CommandKind.MASS_CANCEL)
            .scope(scope)
            .account(account & 0xFFFF_FFFFL)
            .instrument(instrument & 0xFFFF_FFFFL)
            .sequence(sequence);
    }

    public void setInstrument(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final int instrument,
        final InstrumentStatus status,
        final long referencePrice,
        final long bandBps,
        final long maxOrderQuantity,
        final long positionLimit)
    {
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        setInstrument.wrap(buffer, offset)
            .kind(CommandKind.SET_INSTRUMENT)
            .status(status)
            .bandBps(bandBps)
            .instrument(instrument & 0xFFFF_FFFFL)
            .referencePrice(referencePrice)
            .maxOrderQuantity(maxOrderQuantity)
            .positionLimit(positionLimit)
            .sequence(sequence);
    }

    public void setMargin(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sequence,
        final int instrument,
        final long buyA,
        final long buyB,
        final long sellA,
        final long sellB)
    {
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        setMargin.wrap(buffer, offset)
            .kind(CommandKind.SET_MARGIN)
            .instrument(instrument & 0xFFFF_FFFFL)
            .buyA(buyA)
            .buyB(buyB)
            .sellA(sellA)
            .sellB(sellB)
            .sequence(sequence);
    }

    public void setReferencePrice(
        final MutableDirectBuffer buffer, final int offset, final long sequence, final int instrument, final long price)
    {
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        setReference.wrap(buffer, offset)
            .kind(CommandKind.SET_REFERENCE_PRICE)
            .instrument(instrument & 0xFFFF_FFFFL)
            .referencePrice(price)
            .sequence(sequence);
    }

    public void setAccount(
        final MutableDirectBuffer buffer, final int offset, final long sequence, final int account, final long credit)
    {
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        setAccount.wrap(buffer, offset)
            .kind(CommandKind.SET_ACCOUNT)
            .account(account & 0xFFFF_FFFFL)
            .credit(credit)
            .sequence(sequence);
    }

    /** HALT, RESUME, HEARTBEAT, or any raw kind byte (for malformed-input tests). */
    public void control(final MutableDirectBuffer buffer, final int offset, final long sequence, final int kind)
    {
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        control.wrap(buffer, offset).sequence(sequence);
        buffer.putByte(offset + ControlCommandEncoder.kindEncodingOffset(), (byte)kind);
    }
}
