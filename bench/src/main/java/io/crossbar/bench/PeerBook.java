package io.crossbar.bench;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;

/**
 * The peer, exchange-core 0.5.3's {@link OrderBookDirectImpl}, driven directly through
 * {@link IOrderBook#processCommand} in the calling thread: no Disruptor pipeline, no risk engine,
 * built the way its own order book performance tests build it (a fresh object pool per book, the
 * non-pooled events helper, which is what 0.5.3 uses since its event pooling is compiled out).
 * <p>
 * Consuming a command's output does the same minimal work as {@link CountingSink} does for ours:
 * count each event and read one field of it; the event chain is then detached.
 */
public final class PeerBook
{
    /** A futures contract, so that moves of bids are not checked against an exchange-pair hold price. */
    public static final CoreSymbolSpecification SYMBOL = CoreSymbolSpecification.builder()
        .symbolId(PeerStream.INSTRUMENT)
        .type(SymbolType.FUTURES_CONTRACT)
        .baseCurrency(1)
        .quoteCurrency(2)
        .baseScaleK(1)
        .quoteScaleK(1)
        .takerFee(0)
        .makerFee(0)
        .marginBuy(0)
        .marginSell(0)
        .build();

    private final OrderCommand work = new OrderCommand();
    private IOrderBook book;

    /** Events seen: trades, reduces (cancels) and rejects (IOC remainders). */
    public long events;
    /** Sum of one field of every event, so that reading them cannot be optimised away. */
    public long checksum;
    /** Commands that did not end in SUCCESS: must stay zero for the stream we feed. */
    public long failures;

    public PeerBook()
    {
        reset();
    }

    public static IOrderBook newBook()
    {
        return new OrderBookDirectImpl(
            SYMBOL, ObjectsPool.createDefaultTestPool(), OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER,
            LoggingConfiguration.DEFAULT);
    }

    /** Start again from an empty book. */
    public void reset()
    {
        book = newBook();
        events = 0;
        checksum = 0;
        failures = 0;
    }

    public IOrderBook book()
    {
        return book;
    }

    /**
     * Process commands {@code [from, to)} of the array, in order. As in exchange-core's own order
     * book performance test, each stored command is first copied into one reusable command object
     * (in its pipeline the ring buffer's slots play that part), so that the book's writes to the
     * command (its events, its action) go to one hot object rather than to millions of stored ones
     * in the old generation, which would charge exchange-core for our harness's card marking.
     */
    public void replay(final OrderCommand[] commands, final int from, final int to)
    {
        final IOrderBook book = this.book;
        final OrderCommand work = this.work;
        long events = 0;
        long checksum = 0;
        long failures = 0;
        for (int i = from; i < to; i++)
        {
            commands[i].writeTo(work);
            work.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
            if (IOrderBook.processCommand(book, work) != CommandResultCode.SUCCESS)
            {
                failures++;
            }
            for (MatcherTradeEvent e = work.matcherEvent; e != null; e = e.nextEvent)
            {
                events++;
                checksum += e.size;
            }
            work.matcherEvent = null;
        }
        this.events += events;
        this.checksum += checksum;
        this.failures += failures;
    }

    /** Process one command and leave its events attached for the caller to inspect. */
    public CommandResultCode processKeepingEvents(final OrderCommand cmd)
    {
        cmd.matcherEvent = null;
        return IOrderBook.processCommand(book, cmd);
    }

    static boolean isTrade(final MatcherTradeEvent e)
    {
        return e.eventType == MatcherEventType.TRADE;
    }
}
