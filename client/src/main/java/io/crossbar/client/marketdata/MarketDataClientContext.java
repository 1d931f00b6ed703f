package io.crossbar.client.marketdata;

/**
 * Where a {@link MarketDataClient} subscribes and how large its structures may grow. Defaults
 * match the appliance's defaults (io.crossbar.marketdata.MarketDataContext): MDC with dynamic
 * control on loopback, streams 2001 (incremental), 2002 (snapshot), 2003 (definition).
 */
public final class MarketDataClientContext
{
    /** The appliance's default control address. */
    public static final String DEFAULT_CONTROL = "127.0.0.1:20122";
    /**
     * Subscribe to the default MDC channel; endpoint port 0 lets the media driver pick a free
     * port, so any number of consumers share the host (works with Aeron 1.51).
     */
    public static final String DEFAULT_CHANNEL =
        "aeron:udp?endpoint=127.0.0.1:0|control=" + DEFAULT_CONTROL + "|control-mode=dynamic";

    private String channel = DEFAULT_CHANNEL;
    private int incrementalStreamId = 2001;
    private int snapshotStreamId = 2002;
    private int definitionStreamId = 2003;
    private int fragmentLimit = 64;
    private int maxInstruments = 4096;
    private int initialLevelCapacity = 64;
    private int initialBufferedUpdates = 256;
    private int maxBufferedUpdates = 1 << 16;

    /** The subscription channel of all three feeds (a multicast or MDC channel). */
    public MarketDataClientContext channel(final String channel)
    {
        this.channel = channel;
        return this;
    }

    public String channel()
    {
        return channel;
    }

    public MarketDataClientContext incrementalStreamId(final int streamId)
    {
        this.incrementalStreamId = streamId;
        return this;
    }

    public int incrementalStreamId()
    {
        return incrementalStreamId;
    }

    public MarketDataClientContext snapshotStreamId(final int streamId)
    {
        this.snapshotStreamId = streamId;
        return this;
    }

    public int snapshotStreamId()
    {
        return snapshotStreamId;
    }

    public MarketDataClientContext definitionStreamId(final int streamId)
    {
        this.definitionStreamId = streamId;
        return this;
    }

    public int definitionStreamId()
    {
        return definitionStreamId;
    }

    /** Fragments (packets) read per feed in one {@link MarketDataClient#poll()}. */
    public MarketDataClientContext fragmentLimit(final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        return this;
    }

    public int fragmentLimit()
    {
        return fragmentLimit;
    }

    /** Instrument ids accepted: 0 .. maxInstruments - 1. */
    public MarketDataClientContext maxInstruments(final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        return this;
    }

    public int maxInstruments()
    {
        return maxInstruments;
    }

    public MarketDataClientContext initialLevelCapacity(final int capacity)
    {
        this.initialLevelCapacity = capacity;
        return this;
    }

    public int initialLevelCapacity()
    {
        return initialLevelCapacity;
    }

    public MarketDataClientContext initialBufferedUpdates(final int updates)
    {
        this.initialBufferedUpdates = updates;
        return this;
    }

    public int initialBufferedUpdates()
    {
        return initialBufferedUpdates;
    }

    /** Bound of an instrument's recovery buffer (records of 64 bytes). */
    public MarketDataClientContext maxBufferedUpdates(final int updates)
    {
        this.maxBufferedUpdates = updates;
        return this;
    }

    public int maxBufferedUpdates()
    {
        return maxBufferedUpdates;
    }

    /** Validates the settings. */
    public MarketDataClientContext conclude()
    {
        if (channel == null || !channel.startsWith("aeron:"))
        {
            throw new IllegalStateException("market data channel must be an Aeron channel URI: " + channel);
        }
        if (fragmentLimit < 1 || maxInstruments < 1 || initialLevelCapacity < 1 || initialBufferedUpdates < 1 ||
            maxBufferedUpdates < initialBufferedUpdates)
        {
            throw new IllegalStateException("fragmentLimit, maxInstruments, initialLevelCapacity and " +
                "initialBufferedUpdates must be positive, maxBufferedUpdates at least initialBufferedUpdates");
        }

        return this;
    }
}
