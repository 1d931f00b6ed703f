package io.crossbar.client.marketdata;

import io.crossbar.sbe.marketdata.SnapshotDecoder;
import org.agrona.ExpandableArrayBuffer;

/**
 * Keeps one instrument's {@link OrderBook} current with the recovery procedure of
 * docs/protocol.md ("Building a book, and late joiners"):
 *
 * <ol>
 *   <li>Until a snapshot has been applied the book is not recovered: incremental updates are
 *       <em>buffered</em>, in arrival order.</li>
 *   <li>A Snapshot replaces the book (as of update {@code lastRptSeq}); buffered updates with
 *       {@code rptSeq <= lastRptSeq} are dropped, the rest applied in order. If the buffer
 *       does not continue at {@code lastRptSeq + 1} the book stays unrecovered and the next
 *       snapshot is tried.</li>
 *   <li>Once recovered, each update must be the previous rptSeq + 1; older ones are
 *       duplicates (e.g. an incremental that arrives after the snapshot that contains it) and
 *       are ignored. A jump is a <em>gap</em>: the book is stale, updates are buffered again,
 *       and recovery starts over at step 2.</li>
 * </ol>
 *
 * <p>Buffered updates are fixed-size records in one growable byte buffer, so buffering does not
 * allocate per update. The buffer is bounded: past {@code maxBuffered} records it is emptied
 * (counted), which costs at most one more snapshot interval before recovery.
 */
public final class BookBuilder
{
    /** The update was applied to the book. */
    public static final int APPLIED = 0;
    /** The update was older than the book: already contained, ignored. */
    public static final int DUPLICATE = 1;
    /** The book is recovering: the update was kept for after the next snapshot. */
    public static final int BUFFERED = 2;
    /** The update revealed a gap: the book is now stale and the update was buffered. */
    public static final int GAP = 3;
    /** The update had an invalid side or action and was not applied (counted). */
    public static final int INVALID = 4;

    private static final int KIND_BOOK = 1;
    private static final int KIND_TRADE = 2;
    private static final int KIND_STATUS = 3;
    private static final int KIND_STATISTICS = 4;

    // Record layout of a buffered update.
    private static final int RECORD_LENGTH = 64;
    private static final int KIND = 0;
    private static final int SIDE = 1;
    private static final int ACTION = 2;
    private static final int REASON = 3;
    private static final int ORDER_COUNT = 4;
    private static final int RPT_SEQ = 8;
    private static final int PRICE = 16;
    private static final int QUANTITY = 24;
    private static final int TRANSACT_TIME = 32;
    private static final int TRADE_ID = 40;
    private static final int NEXT_FUNDING_TIME = 48;
    private static final int OPEN_INTEREST = 56;

    private final int instrument;
    private final OrderBook book;
    private final MarketDataListener listener;
    private final int maxBuffered;
    private final ExpandableArrayBuffer buffer;
    private int buffered;

    private long gaps;
    private long recoveries;
    private long bufferOverflows;
    private long invalidUpdates;
    private long duplicates;
    private long replayed;

    BookBuilder(
        final int instrument,
        final MarketDataListener listener,
        final int initialLevelCapacity,
        final int initialBuffered,
        final int maxBuffered)
    {
        this.instrument = instrument;
        this.book = new OrderBook(instrument, initialLevelCapacity);
        this.listener = listener;
        this.maxBuffered = maxBuffered;
        this.buffer = new ExpandableArrayBuffer(Math.max(1, initialBuffered) * RECORD_LENGTH);
    }

    public int instrument()
    {
        return instrument;
    }

    public OrderBook book()
    {
        return book;
    }

    public boolean isRecovered()
    {
        return book.isRecovered();
    }

    /** Updates waiting for a snapshot. */
    public int bufferedUpdates()
    {
        return buffered;
    }

    /** rptSeq gaps detected. */
    public long gaps()
    {
        return gaps;
    }

    /** Snapshots that recovered the book. */
    public long recoveries()
    {
        return recoveries;
    }

    /** Times the buffer reached its bound and was emptied. */
    public long bufferOverflows()
    {
        return bufferOverflows;
    }

    public long invalidUpdates()
    {
        return invalidUpdates;
    }

    /** Buffered updates applied on top of a snapshot. */
    public long replayedUpdates()
    {
        return replayed;
    }

    /** Updates ignored because the book already contained them. */
    public long duplicates()
    {
        return duplicates;
    }

    /**
     * A BookIncremental entry for this instrument.
     *
     * @return {@link #APPLIED}, {@link #DUPLICATE}, {@link #BUFFERED}, {@link #GAP} or {@link #INVALID}.
     */
    int onBookEntry(
        final long rptSeq,
        final int side,
        final int action,
        final long price,
        final long quantity,
        final int orderCount,
        final long transactTimeNs)
    {
        final int sequenced = sequence(rptSeq);
        if (sequenced == APPLIED)
        {
            return applyBook(rptSeq, side, action, price, quantity, orderCount, transactTimeNs);
        }
        if (sequenced != DUPLICATE)
        {
            final int at = append(KIND_BOOK, rptSeq, transactTimeNs);
            buffer.putByte(at + SIDE, (byte)side);
            buffer.putByte(at + ACTION, (byte)action);
            buffer.putInt(at + ORDER_COUNT, orderCount);
            buffer.putLong(at + PRICE, price);
            buffer.putLong(at + QUANTITY, quantity);
        }

        return sequenced;
    }

    int onTrade(
        final long rptSeq,
        final long tradeId,
        final long price,
        final long quantity,
        final int aggressorSide,
        final long transactTimeNs)
    {
        final int sequenced = sequence(rptSeq);
        if (sequenced == APPLIED)
        {
            book.lastRptSeq(rptSeq, transactTimeNs);
            listener.onTrade(instrument, rptSeq, tradeId, price, quantity, aggressorSide, transactTimeNs);
        }
        else if (sequenced != DUPLICATE)
        {
            final int at = append(KIND_TRADE, rptSeq, transactTimeNs);
            buffer.putByte(at + SIDE, (byte)aggressorSide);
            buffer.putLong(at + TRADE_ID, tradeId);
            buffer.putLong(at + PRICE, price);
            buffer.putLong(at + QUANTITY, quantity);
        }

        return sequenced;
    }

    int onTradingStatus(final long rptSeq, final int status, final int reason, final long transactTimeNs)
    {
        final int sequenced = sequence(rptSeq);
        if (sequenced == APPLIED)
        {
            book.lastRptSeq(rptSeq, transactTimeNs);
            book.status(status);
            listener.onTradingStatus(instrument, rptSeq, status, reason, transactTimeNs);
        }
        else if (sequenced != DUPLICATE)
        {
            final int at = append(KIND_STATUS, rptSeq, transactTimeNs);
            buffer.putByte(at + ACTION, (byte)status);
            buffer.putByte(at + REASON, (byte)reason);
        }

        return sequenced;
    }

    int onStatistics(
        final long rptSeq,
        final long markPrice,
        final long indexPrice,
        final long fundingRateE9,
        final long nextFundingTimeNs,
        final long openInterest,
        final long transactTimeNs)
    {
        final int sequenced = sequence(rptSeq);
        if (sequenced == APPLIED)
        {
            book.lastRptSeq(rptSeq, transactTimeNs);
            listener.onStatistics(instrument, rptSeq, markPrice, indexPrice, fundingRateE9, nextFundingTimeNs,
                openInterest, transactTimeNs);
        }
        else if (sequenced != DUPLICATE)
        {
            final int at = append(KIND_STATISTICS, rptSeq, transactTimeNs);
            buffer.putLong(at + PRICE, markPrice);
            buffer.putLong(at + QUANTITY, indexPrice);
            buffer.putLong(at + TRADE_ID, fundingRateE9);
            buffer.putLong(at + NEXT_FUNDING_TIME, nextFundingTimeNs);
            buffer.putLong(at + OPEN_INTEREST, openInterest);
        }

        return sequenced;
    }

    /**
     * A Snapshot of this instrument (already checked to be well formed). Ignored while the book
     * is recovered.
     *
     * @return true if the book is recovered after it.
     */
    boolean onSnapshot(final SnapshotDecoder snapshot)
    {
        if (book.isRecovered())
        {
            return true;
        }

        book.clear();
        for (final SnapshotDecoder.BidsDecoder bid : snapshot.bids())
        {
            book.appendFromSnapshot(OrderBook.BUY, bid.price(), bid.quantity(), (int)bid.orderCount());
        }
        for (final SnapshotDecoder.AsksDecoder ask : snapshot.asks())
        {
            book.appendFromSnapshot(OrderBook.SELL, ask.price(), ask.quantity(), (int)ask.orderCount());
        }
        book.status(snapshot.statusRaw());
        book.lastRptSeq(snapshot.lastRptSeq(), snapshot.transactTime());

        // Replay the buffer from lastRptSeq + 1; stop at a hole.
        long expected = snapshot.lastRptSeq() + 1;
        int index = 0;
        for (; index < buffered; index++)
        {
            final int at = index * RECORD_LENGTH;
            final long rptSeq = buffer.getLong(at + RPT_SEQ);
            if (rptSeq < expected)
            {
                continue;
            }
            if (rptSeq > expected)
            {
                break;
            }
            replay(at);
            replayed++;
            expected++;
        }

        if (index < buffered)
        {
            // The buffer does not continue the snapshot: keep what is newer and wait for the next one.
            int kept = 0;
            for (int i = index; i < buffered; i++)
            {
                if (buffer.getLong(i * RECORD_LENGTH + RPT_SEQ) >= expected)
                {
                    buffer.putBytes(kept * RECORD_LENGTH, buffer, i * RECORD_LENGTH, RECORD_LENGTH);
                    kept++;
                }
            }
            buffered = kept;
            return false;
        }

        buffered = 0;
        book.recovered(true);
        recoveries++;
        listener.onRecovered(instrument, book);
        listener.onBookUpdate(instrument, book);

        return true;
    }

    /** Forgets everything: the feed restarted (a new publisher session). */
    void reset()
    {
        book.clear();
        book.recovered(false);
        book.lastRptSeq(0, 0);
        book.status(255);
        buffered = 0;
    }

    private int sequence(final long rptSeq)
    {
        if (book.isRecovered())
        {
            final long last = book.lastRptSeq();
            if (rptSeq == last + 1)
            {
                return APPLIED;
            }
            if (rptSeq <= last)
            {
                duplicates++;
                return DUPLICATE;
            }
            book.recovered(false);
            gaps++;
            listener.onGap(instrument, last + 1, rptSeq);
            return GAP;
        }
        if (rptSeq <= book.lastRptSeq())
        {
            duplicates++;
            return DUPLICATE;
        }

        return BUFFERED;
    }

    private int append(final int kind, final long rptSeq, final long transactTimeNs)
    {
        if (buffered == maxBuffered)
        {
            buffered = 0;
            bufferOverflows++;
        }
        final int at = buffered * RECORD_LENGTH;
        buffer.checkLimit(at + RECORD_LENGTH);
        buffer.putByte(at + KIND, (byte)kind);
        buffer.putLong(at + RPT_SEQ, rptSeq);
        buffer.putLong(at + TRANSACT_TIME, transactTimeNs);
        buffered++;

        return at;
    }

    private int applyBook(
        final long rptSeq,
        final int side,
        final int action,
        final long price,
        final long quantity,
        final int orderCount,
        final long transactTimeNs)
    {
        book.lastRptSeq(rptSeq, transactTimeNs);
        if (!book.apply(side, action, price, quantity, orderCount))
        {
            invalidUpdates++;
            return INVALID;
        }

        return APPLIED;
    }

    private void replay(final int at)
    {
        final long rptSeq = buffer.getLong(at + RPT_SEQ);
        final long transactTimeNs = buffer.getLong(at + TRANSACT_TIME);
        switch (buffer.getByte(at + KIND))
        {
            case KIND_BOOK -> applyBook(
                rptSeq,
                buffer.getByte(at + SIDE),
                buffer.getByte(at + ACTION),
                buffer.getLong(at + PRICE),
                buffer.getLong(at + QUANTITY),
                buffer.getInt(at + ORDER_COUNT),
                transactTimeNs);
            case KIND_TRADE ->
            {
                book.lastRptSeq(rptSeq, transactTimeNs);
                listener.onTrade(instrument, rptSeq, buffer.getLong(at + TRADE_ID), buffer.getLong(at + PRICE),
                    buffer.getLong(at + QUANTITY), buffer.getByte(at + SIDE), transactTimeNs);
            }
            case KIND_STATUS ->
            {
                book.lastRptSeq(rptSeq, transactTimeNs);
                book.status(buffer.getByte(at + ACTION) & 0xFF);
                listener.onTradingStatus(instrument, rptSeq, buffer.getByte(at + ACTION) & 0xFF,
                    buffer.getByte(at + REASON) & 0xFF, transactTimeNs);
            }
            default ->
            {
                book.lastRptSeq(rptSeq, transactTimeNs);
                listener.onStatistics(instrument, rptSeq, buffer.getLong(at + PRICE), buffer.getLong(at + QUANTITY),
                    buffer.getLong(at + TRADE_ID), buffer.getLong(at + NEXT_FUNDING_TIME),
                    buffer.getLong(at + OPEN_INTEREST), transactTimeNs);
            }
        }
    }
}
