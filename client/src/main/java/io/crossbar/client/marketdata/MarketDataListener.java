package io.crossbar.client.marketdata;

import io.crossbar.sbe.marketdata.InstrumentDefinitionDecoder;

/**
 * What a {@link MarketDataClient} tells its user. All callbacks run on the thread that calls
 * {@link MarketDataClient#poll()}; arguments are primitives or flyweights that are only valid
 * during the call, so nothing is allocated per message. Every method has an empty default so a
 * consumer implements only what it needs.
 *
 * <p>Updates of an instrument are delivered in rptSeq order, only while its book is recovered:
 * those buffered during recovery are delivered once the snapshot is applied, and those the
 * snapshot already contained are not delivered at all.
 */
public interface MarketDataListener
{
    /**
     * The book of an instrument changed and is consistent: called at the end of each event
     * (matchEventIndicator.endOfEvent) that touched it, and after recovery from a snapshot.
     */
    default void onBookUpdate(final int instrument, final OrderBook book)
    {
    }

    /** One fill, in rptSeq order. Side values as in marketdata.xml: 1 buy, 2 sell. */
    default void onTrade(
        final int instrument,
        final long rptSeq,
        final long tradeId,
        final long price,
        final long quantity,
        final int aggressorSide,
        final long transactTimeNs)
    {
    }

    /** The instrument's status changed: InstrumentStatus and StatusReason values. */
    default void onTradingStatus(
        final int instrument, final long rptSeq, final int status, final int reason, final long transactTimeNs)
    {
    }

    /** Mark, index, funding and open interest of an instrument. */
    default void onStatistics(
        final int instrument,
        final long rptSeq,
        final long markPrice,
        final long indexPrice,
        final long fundingRateE9,
        final long nextFundingTimeNs,
        final long openInterest,
        final long transactTimeNs)
    {
    }

    /** One definition from the definition loop; the decoder is only valid during the call. */
    default void onInstrumentDefinition(final int instrument, final InstrumentDefinitionDecoder definition)
    {
    }

    /**
     * An rptSeq gap: updates of the instrument were lost, its book is stale until the next
     * snapshot is applied ({@link #onRecovered}).
     *
     * @param expectedRptSeq the update that is missing.
     * @param receivedRptSeq the update that arrived instead.
     */
    default void onGap(final int instrument, final long expectedRptSeq, final long receivedRptSeq)
    {
    }

    /** The instrument's book was rebuilt from a snapshot and the buffered updates; it is current again. */
    default void onRecovered(final int instrument, final OrderBook book)
    {
    }
}
