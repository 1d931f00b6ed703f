package io.crossbar.engine;

import io.crossbar.sbe.device.AcceptedEventEncoder;
import io.crossbar.sbe.device.BookLevelEventEncoder;
import io.crossbar.sbe.device.CanceledEventEncoder;
import io.crossbar.sbe.device.CompleteEventEncoder;
import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.ModifiedEventEncoder;
import io.crossbar.sbe.device.RejectedEventEncoder;
import io.crossbar.sbe.device.TradeEventEncoder;
import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Encodes event records into a batch of 64-byte lines and hands the batch to the sink when the
 * command completes (or when {@value #BATCH_RECORDS} records are waiting), as the card fills its
 * event ring and the host reads a command's events together. The layouts are those of
 * sbe-schemas/device.xml, written as eight little-endian 64-bit words per record (every byte of
 * the line, reserved bytes as zero) rather than field by field: the hot path's cost is dominated
 * by event output, and eight stores are the least a 64-byte record can take. The static check
 * below ties every offset used here to the generated codecs, so a schema change that moves a
 * field fails at class loading instead of emitting wrong bytes.
 * <pre>
 *  word  bytes   ACCEPTED            REJECTED         TRADE                 CANCELED       MODIFIED        BOOK_LEVEL      COMPLETE
 *   0    0-7     sequence            sequence         sequence              sequence       sequence        sequence        sequence
 *   1    8-15    kind side type tif  kind reason cmd  kind takerSide . .    kind reason    kind side kept  kind side . .   kind cmd outcome .
 *                flags stp . .                        makerAccount          side                           orderCount      eventCount
 *   2    16-23   account instrument  account instr.   takerAccount instr.   account instr. account instr.  . instrument    affectedOrders
 *   3    24-31   orderId             orderId          tradeId               orderId        orderId         price           commandSequence
 *   4    32-39   price               commandSequence  price                 price          price           quantity        latencyCycles
 *   5    40-47   quantity            -                quantity              canceledQty    quantity        -               -
 *   6    48-55   displayQuantity     -                takerOrderId          -              reservation     -               -
 *   7    56-63   reservationPerLot   -                makerOrderId          -              -               -               -
 * </pre>
 */
final class EventEmitter
{
    static final int RECORD_LENGTH = 64;
    static final int BATCH_RECORDS = 64;

    private static final long ACCEPTED = EventKind.ACCEPTED.value();
    private static final long REJECTED = EventKind.REJECTED.value();
    private static final long TRADE = EventKind.TRADE.value();
    private static final long CANCELED = EventKind.CANCELED.value();
    private static final long MODIFIED = EventKind.MODIFIED.value();
    private static final long BOOK_LEVEL = EventKind.BOOK_LEVEL.value();
    private static final long COMPLETE = EventKind.COMPLETE.value();

    static
    {
        final boolean layout =
            AcceptedEventEncoder.sideEncodingOffset() == 9 && AcceptedEventEncoder.orderTypeEncodingOffset() == 10 &&
            AcceptedEventEncoder.timeInForceEncodingOffset() == 11 && AcceptedEventEncoder.flagsEncodingOffset() == 12 &&
            AcceptedEventEncoder.stpModeEncodingOffset() == 13 && AcceptedEventEncoder.accountEncodingOffset() == 16 &&
            AcceptedEventEncoder.instrumentEncodingOffset() == 20 && AcceptedEventEncoder.orderIdEncodingOffset() == 24 &&
            AcceptedEventEncoder.priceEncodingOffset() == 32 && AcceptedEventEncoder.quantityEncodingOffset() == 40 &&
            AcceptedEventEncoder.displayQuantityEncodingOffset() == 48 &&
            AcceptedEventEncoder.reservationPerLotEncodingOffset() == 56 &&
            RejectedEventEncoder.reasonEncodingOffset() == 9 && RejectedEventEncoder.commandKindEncodingOffset() == 10 &&
            RejectedEventEncoder.accountEncodingOffset() == 16 && RejectedEventEncoder.instrumentEncodingOffset() == 20 &&
            RejectedEventEncoder.orderIdEncodingOffset() == 24 && RejectedEventEncoder.commandSequenceEncodingOffset() == 32 &&
            TradeEventEncoder.takerSideEncodingOffset() == 9 && TradeEventEncoder.makerAccountEncodingOffset() == 12 &&
            TradeEventEncoder.takerAccountEncodingOffset() == 16 && TradeEventEncoder.instrumentEncodingOffset() == 20 &&
            TradeEventEncoder.tradeIdEncodingOffset() == 24 && TradeEventEncoder.priceEncodingOffset() == 32 &&
            TradeEventEncoder.quantityEncodingOffset() == 40 && TradeEventEncoder.takerOrderIdEncodingOffset() == 48 &&
            TradeEventEncoder.makerOrderIdEncodingOffset() == 56 &&
            CanceledEventEncoder.reasonEncodingOffset() == 9 && CanceledEventEncoder.sideEncodingOffset() == 10 &&
            CanceledEventEncoder.accountEncodingOffset() == 16 && CanceledEventEncoder.instrumentEncodingOffset() == 20 &&
            CanceledEventEncoder.orderIdEncodingOffset() == 24 && CanceledEventEncoder.priceEncodingOffset() == 32 &&
            CanceledEventEncoder.canceledQuantityEncodingOffset() == 40 &&
            ModifiedEventEncoder.sideEncodingOffset() == 9 && ModifiedEventEncoder.priorityKeptEncodingOffset() == 10 &&
            ModifiedEventEncoder.accountEncodingOffset() == 16 && ModifiedEventEncoder.instrumentEncodingOffset() == 20 &&
            ModifiedEventEncoder.orderIdEncodingOffset() == 24 && ModifiedEventEncoder.priceEncodingOffset() == 32 &&
            ModifiedEventEncoder.quantityEncodingOffset() == 40 && ModifiedEventEncoder.reservationPerLotEncodingOffset() == 48 &&
            BookLevelEventEncoder.sideEncodingOffset() == 9 && BookLevelEventEncoder.orderCountEncodingOffset() == 12 &&
            BookLevelEventEncoder.instrumentEncodingOffset() == 20 && BookLevelEventEncoder.priceEncodingOffset() == 24 &&
            BookLevelEventEncoder.quantityEncodingOffset() == 32 &&
            CompleteEventEncoder.commandKindEncodingOffset() == 9 && CompleteEventEncoder.outcomeEncodingOffset() == 10 &&
            CompleteEventEncoder.eventCountEncodingOffset() == 12 && CompleteEventEncoder.affectedOrdersEncodingOffset() == 16 &&
            CompleteEventEncoder.commandSequenceEncodingOffset() == 24 && CompleteEventEncoder.latencyCyclesEncodingOffset() == 32;
        if (!layout)
        {
            throw new IllegalStateException("device.xml event layouts moved: update EventEmitter");
        }
    }

    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    // The batch lives outside the heap, as the card's event ring does. Stores to it are raw
    // memory stores, which the JIT keeps apart from the engine's arrays and fields; 64-bit stores
    // into a heap byte[] would be mismatched array accesses, which it must order against them.
    // Measured: 2-3 ns a command less on the peer stream (docs/performance.md).
    private final UnsafeBuffer batch =
        new UnsafeBuffer(BufferUtil.allocateDirectAligned(BATCH_RECORDS * RECORD_LENGTH, RECORD_LENGTH));
    private final long address = batch.addressOffset(); // valid while batch holds its ByteBuffer
    private EventSink sink;
    private long batchSequence = 1;  // the sequence of the batch's first record
    private long firstOfCommand = 1;  // the sequence of the command's first record
    private int pending;

    void begin(final EventSink sink)
    {
        if (sink != this.sink)
        {
            this.sink = sink; // only when it changes: a reference store costs a write barrier
        }
        firstOfCommand = batchSequence;
    }

    /** Hand the waiting records to the sink. */
    private void flush()
    {
        final int records = pending;
        batchSequence += records;
        pending = 0;
        sink.onEvents(batch, 0, records);
    }

    /** Records emitted for the current command so far. */
    int count()
    {
        return (int)(batchSequence + pending - firstOfCommand);
    }

    long nextSequence()
    {
        return batchSequence + pending;
    }

    private static long ids(final int account, final int instrument)
    {
        return (account & 0xFFFF_FFFFL) | ((long)instrument << 32);
    }

    private void publish(
        final long w1, final long w2, final long w3, final long w4, final long w5, final long w6, final long w7)
    {
        final int index = pending;
        final long w0 = batchSequence + index;
        final int at = index * RECORD_LENGTH;
        if (NATIVE_LITTLE_ENDIAN)
        {
            line(address + at, w0, w1, w2, w3, w4, w5, w6, w7);
        }
        else
        {
            final UnsafeBuffer line = this.batch;
            line.putLong(at, w0, ByteOrder.LITTLE_ENDIAN);
            line.putLong(at + 8, w1, ByteOrder.LITTLE_ENDIAN);
            line.putLong(at + 16, w2, ByteOrder.LITTLE_ENDIAN);
            line.putLong(at + 24, w3, ByteOrder.LITTLE_ENDIAN);
            line.putLong(at + 32, w4, ByteOrder.LITTLE_ENDIAN);
            line.putLong(at + 40, w5, ByteOrder.LITTLE_ENDIAN);
            line.putLong(at + 48, w6, ByteOrder.LITTLE_ENDIAN);
            line.putLong(at + 56, w7, ByteOrder.LITTLE_ENDIAN);
        }
        pending = index + 1;
        if (index + 1 == BATCH_RECORDS)
        {
            flush();
        }
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
        publish(
            ACCEPTED | (side & 0xFFL) << 8 | (orderType & 0xFFL) << 16 | (timeInForce & 0xFFL) << 24 |
                (flags & 0xFFL) << 32 | (stpMode & 0xFFL) << 40,
            ids(account, instrument), orderId, price, quantity, displayQuantity, perLot);
    }

    void rejected(
        final int reason,
        final int commandKind,
        final int account,
        final int instrument,
        final long orderId,
        final long commandSequence)
    {
        publish(REJECTED | (reason & 0xFFL) << 8 | (commandKind & 0xFFL) << 16,
            ids(account, instrument), orderId, commandSequence, 0, 0, 0);
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
        publish(TRADE | (takerSide & 0xFFL) << 8 | (long)makerAccount << 32,
            ids(takerAccount, instrument), tradeId, price, quantity, takerOrderId, makerOrderId);
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
        publish(CANCELED | (reason & 0xFFL) << 8 | (side & 0xFFL) << 16,
            ids(account, instrument), orderId, price, quantity, 0, 0);
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
        publish(modifiedWord(side, priorityKept), ids(account, instrument), orderId, price, quantity, perLot, 0);
    }

    /**
     * Two BOOK_LEVEL records of one book, written together (one read of the batch position, one
     * write): a move's level left and level joined.
     */
    void bookLevels(
        final int instrument,
        final byte side,
        final long firstPrice,
        final long firstQuantity,
        final int firstCount,
        final long secondPrice,
        final long secondQuantity,
        final int secondCount)
    {
        final int index = pending;
        if (!NATIVE_LITTLE_ENDIAN || index + 2 > BATCH_RECORDS)
        {
            // The general path: big-endian hosts, or (not on the usual path) a batch with too
            // little room left, which hands the batch over between the records as publish does.
            bookLevel(instrument, side, firstPrice, firstQuantity, firstCount);
            bookLevel(instrument, side, secondPrice, secondQuantity, secondCount);
            return;
        }
        final long sequence = batchSequence + index;
        final long line = address + (long)index * RECORD_LENGTH;
        final long instrumentWord = (long)instrument << 32;
        line(line, sequence, bookLevelWord(side, firstCount), instrumentWord, firstPrice, firstQuantity, 0, 0, 0);
        line(line + RECORD_LENGTH, sequence + 1, bookLevelWord(side, secondCount), instrumentWord,
            secondPrice, secondQuantity, 0, 0, 0);
        pending = index + 2;
        if (index + 2 == BATCH_RECORDS)
        {
            flush();
        }
    }

    /** One record into the batch at address {@code line} (within it: pending < BATCH_RECORDS), native order. */
    private static void line(
        final long line,
        final long w0, final long w1, final long w2, final long w3, final long w4, final long w5, final long w6, final long w7)
    {
        UnsafeApi.putLong(line, w0);
        UnsafeApi.putLong(line + 8, w1);
        UnsafeApi.putLong(line + 16, w2);
        UnsafeApi.putLong(line + 24, w3);
        UnsafeApi.putLong(line + 32, w4);
        UnsafeApi.putLong(line + 40, w5);
        UnsafeApi.putLong(line + 48, w6);
        UnsafeApi.putLong(line + 56, w7);
    }

    void bookLevel(final int instrument, final byte side, final long price, final long quantity, final int orderCount)
    {
        publish(bookLevelWord(side, orderCount), (long)instrument << 32, price, quantity, 0, 0, 0);
    }

    /** Word 1 of MODIFIED: kind, side, whether priority was kept. */
    private static long modifiedWord(final byte side, final boolean priorityKept)
    {
        return MODIFIED | (side & 0xFFL) << 8 | (priorityKept ? 1L << 16 : 0);
    }

    /** Word 1 of BOOK_LEVEL: kind, side, order count. */
    private static long bookLevelWord(final byte side, final int orderCount)
    {
        return BOOK_LEVEL | (side & 0xFFL) << 8 | (long)orderCount << 32;
    }

    /** The command's COMPLETE record, then its records to the sink. @return the command's records, COMPLETE included. */
    int complete(final int commandKind, final boolean rejectedOutcome, final int affectedOrders, final long commandSequence)
    {
        final int events = count() + 1;
        publish(COMPLETE | (commandKind & 0xFFL) << 8 | (rejectedOutcome ? 1L << 16 : 0) | (long)(events - 1) << 32,
            affectedOrders & 0xFFFF_FFFFL, commandSequence, 0, 0, 0, 0);
        if (pending > 0)
        {
            flush();
        }
        return events;
    }
}
