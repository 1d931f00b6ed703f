package io.crossbar.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.crossbar.client.marketdata.MarketDataListener;
import io.crossbar.client.marketdata.OrderBook;
import io.crossbar.sbe.marketdata.InstrumentDefinitionDecoder;

/** A listener that writes everything down, and the book comparisons the tests share. */
final class Recorder implements MarketDataListener
{
    /** {instrument, rptSeq, tradeId, price, quantity}. */
    final List<long[]> trades = new ArrayList<>();
    /** {instrument, rptSeq, status, reason}. */
    final List<long[]> statuses = new ArrayList<>();
    /** {instrument, rptSeq, mark, openInterest}. */
    final List<long[]> statistics = new ArrayList<>();
    /** {instrument, expected, received, recoveries recorded before the gap}. */
    final List<long[]> gaps = new ArrayList<>();
    final List<Integer> recovered = new ArrayList<>();
    final Map<Integer, String> symbols = new TreeMap<>();
    long bookUpdates;

    public void onBookUpdate(final int instrument, final OrderBook book)
    {
        bookUpdates++;
    }

    public void onTrade(
        final int instrument,
        final long rptSeq,
        final long tradeId,
        final long price,
        final long quantity,
        final int aggressorSide,
        final long transactTimeNs)
    {
        trades.add(new long[]{instrument, rptSeq, tradeId, price, quantity});
    }

    public void onTradingStatus(
        final int instrument, final long rptSeq, final int status, final int reason, final long transactTimeNs)
    {
        statuses.add(new long[]{instrument, rptSeq, status, reason});
    }

    public void onStatistics(
        final int instrument,
        final long rptSeq,
        final long markPrice,
        final long indexPrice,
        final long fundingRateE9,
        final long nextFundingTimeNs,
        final long openInterest,
        final long transactTimeNs)
    {
        statistics.add(new long[]{instrument, rptSeq, markPrice, openInterest});
    }

    public void onInstrumentDefinition(final int instrument, final InstrumentDefinitionDecoder definition)
    {
        symbols.put(instrument, definition.symbol());
    }

    public void onGap(final int instrument, final long expectedRptSeq, final long receivedRptSeq)
    {
        gaps.add(new long[]{instrument, expectedRptSeq, receivedRptSeq, recovered.size()});
    }

    public void onRecovered(final int instrument, final OrderBook book)
    {
        recovered.add(instrument);
    }

    /** The client's book equals the publisher's, level by level, and the generator's model. */
    static void assertSameBook(
        final String who, final MarketDataPublisher publisher, final RandomBookFlow flow, final OrderBook book,
        final int instrument)
    {
        assertNotNull(book, who + ": no book for instrument " + instrument);
        assertEquals(publisher.rptSeq(instrument), book.lastRptSeq(), who + ": lastRptSeq of instrument " + instrument);
        assertEquals(publisher.status(instrument), book.status(), who + ": status of instrument " + instrument);
        for (int side = MarketDataPublisher.BUY; side <= MarketDataPublisher.SELL; side++)
        {
            final List<long[]> model = flow.levels(instrument, side);
            final String where = who + ", instrument " + instrument + (side == 1 ? " bids" : " asks");
            assertEquals(model.size(), publisher.levelCount(instrument, side), where + ": publisher vs model depth");
            assertEquals(publisher.levelCount(instrument, side), book.levelCount(side), where + ": depth");
            for (int depth = 0; depth < book.levelCount(side); depth++)
            {
                final String level = where + " level " + depth;
                assertEquals(model.get(depth)[0], publisher.levelPrice(instrument, side, depth), level + " model price");
                assertEquals(model.get(depth)[1], publisher.levelQuantity(instrument, side, depth), level + " model qty");
                assertEquals(publisher.levelPrice(instrument, side, depth), book.price(side, depth), level + " price");
                assertEquals(publisher.levelQuantity(instrument, side, depth), book.quantity(side, depth), level + " qty");
                assertEquals(publisher.levelOrderCount(instrument, side, depth), book.orderCount(side, depth),
                    level + " orders");
            }
        }
    }
}
