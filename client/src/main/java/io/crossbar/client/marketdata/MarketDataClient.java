package io.crossbar.client.marketdata;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * A market data consumer: subscribes to the incremental, snapshot and definition feeds of one
 * channel and keeps an {@link OrderBook} per instrument with the recovery procedure of
 * docs/protocol.md ({@link BookBuilder}).
 *
 * <p>{@link #poll()} never blocks: call it from the consumer's own duty cycle with the idle
 * strategy of its choice. The incremental feed is polled first, so a snapshot is only ever
 * applied on top of what was buffered before it.
 *
 * <p>Snapshots are decoded only while some book is not recovered. The snapshot subscription
 * is kept open and drained (a packet is then skipped after reading its header) rather than
 * closed and re-added: re-adding costs a round trip to the media driver at the moment a gap
 * needs the next snapshot quickly, and an undrained subscription would fall behind.
 *
 * <p>A new Aeron session on the incremental stream means the publisher restarted (its
 * sequence numbers start over): every book is reset and recovered again from snapshots.
 */
public final class MarketDataClient implements AutoCloseable
{
    private static final int NO_SESSION = Integer.MIN_VALUE;

    private final MarketDataReceiver receiver;
    private final Subscription incremental;
    private final Subscription snapshot;
    private final Subscription definition;
    private final FragmentHandler incrementalHandler;
    private final FragmentHandler snapshotHandler;
    private final FragmentHandler definitionHandler;
    private final int fragmentLimit;
    private final int[] sessions = {NO_SESSION, NO_SESSION, NO_SESSION};

    /**
     * Adds the three subscriptions to {@code aeron}.
     *
     * @param aeron    client of the consumer's media driver.
     * @param context  channel, streams and bounds.
     * @param listener receives books, trades, statuses, statistics, definitions, gaps, recoveries.
     */
    public MarketDataClient(final Aeron aeron, final MarketDataClientContext context, final MarketDataListener listener)
    {
        context.conclude();
        this.receiver = new MarketDataReceiver(listener, context.maxInstruments(), context.initialLevelCapacity(),
            context.initialBufferedUpdates(), context.maxBufferedUpdates());
        this.fragmentLimit = context.fragmentLimit();
        this.incrementalHandler = new FragmentAssembler(this::onIncremental);
        this.snapshotHandler = new FragmentAssembler(this::onSnapshot);
        this.definitionHandler = new FragmentAssembler(this::onDefinition);
        this.incremental = aeron.addSubscription(context.channel(), context.incrementalStreamId());
        this.snapshot = aeron.addSubscription(context.channel(), context.snapshotStreamId());
        this.definition = aeron.addSubscription(context.channel(), context.definitionStreamId());
    }

    /**
     * Reads what has arrived on the three feeds, incremental first.
     *
     * @return packets read.
     */
    public int poll()
    {
        int work = incremental.poll(incrementalHandler, fragmentLimit);
        work += snapshot.poll(snapshotHandler, fragmentLimit);
        work += definition.poll(definitionHandler, fragmentLimit);

        return work;
    }

    /** The book of an instrument, or null if nothing of it has been received yet. */
    public OrderBook book(final int instrument)
    {
        return receiver.book(instrument);
    }

    /** Every instrument heard of has a recovered book. */
    public boolean allRecovered()
    {
        return receiver.allRecovered();
    }

    /** The incremental, snapshot and definition subscriptions all have a publisher. */
    public boolean isConnected()
    {
        return incremental.isConnected() && snapshot.isConnected() && definition.isConnected();
    }

    /** Decoding state and counters. */
    public MarketDataReceiver receiver()
    {
        return receiver;
    }

    public void close()
    {
        CloseHelper.closeAll(incremental, snapshot, definition);
    }

    private void onIncremental(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        onPacket(MarketDataReceiver.INCREMENTAL, buffer, offset, length, header);
    }

    private void onSnapshot(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        onPacket(MarketDataReceiver.SNAPSHOT, buffer, offset, length, header);
    }

    private void onDefinition(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        onPacket(MarketDataReceiver.DEFINITION, buffer, offset, length, header);
    }

    private void onPacket(
        final int feed, final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int sessionId = header.sessionId();
        if (sessionId != sessions[feed])
        {
            if (sessions[feed] != NO_SESSION)
            {
                receiver.onNewSession(feed);
            }
            sessions[feed] = sessionId;
        }
        receiver.onPacket(feed, buffer, offset, length);
    }
}
