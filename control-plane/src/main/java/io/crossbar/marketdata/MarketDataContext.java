package io.crossbar.marketdata;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

/**
 * How the market data publisher publishes: the Aeron channel and stream of each feed, the
 * channel id written in every packet, the cadence of the snapshot, definition and statistics
 * loops, and the largest packet. Defaults in one place; set what differs, then
 * {@link #conclude()} validates once, before the publisher takes the context.
 *
 * <p>The default channel is multi-destination-cast (MDC) with dynamic control on loopback, so
 * that any number of consumers on the host can join without multicast routing; a production
 * deployment sets a multicast channel such as {@code aeron:udp?endpoint=239.255.0.1:40456}.
 */
public final class MarketDataContext
{
    /** Control address of the default MDC channel. */
    public static final String DEFAULT_CONTROL = "127.0.0.1:20122";
    /** Publication side of the default channel: MDC, receivers add themselves by sending status messages. */
    public static final String DEFAULT_CHANNEL = "aeron:udp?control=" + DEFAULT_CONTROL + "|control-mode=dynamic";
    /**
     * What a consumer subscribes to for the default channel. Endpoint port 0 lets the
     * subscriber's driver pick a free port, so several consumers share the host (checked with
     * Aeron 1.51 by MarketDataFeedTest).
     */
    public static final String DEFAULT_SUBSCRIBER_CHANNEL =
        "aeron:udp?endpoint=127.0.0.1:0|control=" + DEFAULT_CONTROL + "|control-mode=dynamic";

    public static final int DEFAULT_INCREMENTAL_STREAM_ID = 2001;
    public static final int DEFAULT_SNAPSHOT_STREAM_ID = 2002;
    public static final int DEFAULT_DEFINITION_STREAM_ID = 2003;
    /**
     * Aeron's default MTU (1408) less its 32-byte data frame header: the largest message that
     * travels in one datagram, so a packet is never fragmented by Aeron.
     */
    public static final int DEFAULT_MAX_PACKET_LENGTH = 1408 - 32;

    private String channel = DEFAULT_CHANNEL;
    private int incrementalStreamId = DEFAULT_INCREMENTAL_STREAM_ID;
    private int snapshotStreamId = DEFAULT_SNAPSHOT_STREAM_ID;
    private int definitionStreamId = DEFAULT_DEFINITION_STREAM_ID;
    private int channelId = 1;
    private long snapshotIntervalNs = 100_000_000L;
    private long definitionIntervalNs = 500_000_000L;
    private long statisticsIntervalNs = 1_000_000_000L;
    private int maxLevelsPerSide = 25;
    private int maxPacketLength = DEFAULT_MAX_PACKET_LENGTH;
    private int initialLevelCapacity = 64;
    private EpochNanoClock clock;
    private boolean concluded;

    /** The Aeron channel all three feeds are published on (they differ by stream id). */
    public MarketDataContext channel(final String channel)
    {
        this.channel = channel;
        return this;
    }

    /**
     * What a consumer subscribes to for an MDC channel with dynamic control: the same control
     * address, endpoint port 0 (the consumer's driver picks a free port).
     */
    public String subscriberChannel()
    {
        final String control = ChannelUri.parse(channel).get(CommonContext.MDC_CONTROL_PARAM_NAME);
        if (control == null)
        {
            return channel;
        }
        return "aeron:udp?endpoint=127.0.0.1:0|control=" + control + "|control-mode=dynamic";
    }

    public String channel()
    {
        return channel;
    }

    /** Stream of the incremental feed: TradingStatus, BookIncremental, Trade, Statistics. */
    public MarketDataContext incrementalStreamId(final int streamId)
    {
        this.incrementalStreamId = streamId;
        return this;
    }

    public int incrementalStreamId()
    {
        return incrementalStreamId;
    }

    /** Stream of the snapshot loop. */
    public MarketDataContext snapshotStreamId(final int streamId)
    {
        this.snapshotStreamId = streamId;
        return this;
    }

    public int snapshotStreamId()
    {
        return snapshotStreamId;
    }

    /** Stream of the instrument definition loop. */
    public MarketDataContext definitionStreamId(final int streamId)
    {
        this.definitionStreamId = streamId;
        return this;
    }

    public int definitionStreamId()
    {
        return definitionStreamId;
    }

    /** The channelId written in every PacketHeader (u16). */
    public MarketDataContext channelId(final int channelId)
    {
        this.channelId = channelId;
        return this;
    }

    public int channelId()
    {
        return channelId;
    }

    /** Time between two passes of the snapshot loop; each pass sends one Snapshot per instrument. */
    public MarketDataContext snapshotIntervalNs(final long intervalNs)
    {
        this.snapshotIntervalNs = intervalNs;
        return this;
    }

    public long snapshotIntervalNs()
    {
        return snapshotIntervalNs;
    }

    /** Time between two passes of the definition loop. */
    public MarketDataContext definitionIntervalNs(final long intervalNs)
    {
        this.definitionIntervalNs = intervalNs;
        return this;
    }

    public long definitionIntervalNs()
    {
        return definitionIntervalNs;
    }

    /** Time between two rounds of Statistics (one per instrument) on the incremental feed. */
    public MarketDataContext statisticsIntervalNs(final long intervalNs)
    {
        this.statisticsIntervalNs = intervalNs;
        return this;
    }

    public long statisticsIntervalNs()
    {
        return statisticsIntervalNs;
    }

    /**
     * Levels per side a Snapshot carries at most, best first. A Snapshot must fit one packet, so
     * {@link #conclude()} checks this against {@link #maxPacketLength()}.
     */
    public MarketDataContext maxLevelsPerSide(final int levels)
    {
        this.maxLevelsPerSide = levels;
        return this;
    }

    public int maxLevelsPerSide()
    {
        return maxLevelsPerSide;
    }

    /**
     * Largest packet in bytes (PacketHeader and messages with their size prefixes). Default:
     * the payload of one Aeron frame at the default MTU; the publisher lowers it further if its
     * publication's maximum payload is smaller.
     */
    public MarketDataContext maxPacketLength(final int length)
    {
        this.maxPacketLength = length;
        return this;
    }

    public int maxPacketLength()
    {
        return maxPacketLength;
    }

    /** Levels per side of an instrument's book before its arrays first grow (they double). */
    public MarketDataContext initialLevelCapacity(final int capacity)
    {
        this.initialLevelCapacity = capacity;
        return this;
    }

    public int initialLevelCapacity()
    {
        return initialLevelCapacity;
    }

    /** Clock of PacketHeader.sendingTime and definitions' lastUpdateTime. Default: the system's. */
    public MarketDataContext clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    /**
     * Validates the settings and fills in defaults. Idempotent.
     *
     * @return this.
     * @throws IllegalStateException if a setting is out of range.
     */
    public MarketDataContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (channel == null || !channel.startsWith("aeron:"))
        {
            throw new IllegalStateException("market data channel must be an Aeron channel URI: " + channel);
        }
        if (incrementalStreamId == snapshotStreamId || incrementalStreamId == definitionStreamId ||
            snapshotStreamId == definitionStreamId)
        {
            throw new IllegalStateException("market data feeds need three different stream ids: " +
                incrementalStreamId + ", " + snapshotStreamId + ", " + definitionStreamId);
        }
        if (channelId < 0 || channelId > 0xFFFF)
        {
            throw new IllegalStateException("channelId must fit a u16: " + channelId);
        }
        if (snapshotIntervalNs <= 0 || definitionIntervalNs <= 0 || statisticsIntervalNs <= 0)
        {
            throw new IllegalStateException("snapshot, definition and statistics intervals must be positive");
        }
        if (maxPacketLength < FeedWriter.PACKET_HEADER_LENGTH + FeedWriter.LARGEST_FIXED_MESSAGE || maxPacketLength > 0xFFFF)
        {
            throw new IllegalStateException("maxPacketLength out of range: " + maxPacketLength);
        }
        if (maxLevelsPerSide < 1 || FeedWriter.snapshotLength(maxLevelsPerSide, maxLevelsPerSide) >
            maxPacketLength - FeedWriter.PACKET_HEADER_LENGTH)
        {
            throw new IllegalStateException("maxLevelsPerSide " + maxLevelsPerSide + " must be at least 1 and a " +
                "Snapshot of that depth must fit a packet of " + maxPacketLength + " bytes (at most " +
                FeedWriter.maxSnapshotLevelsPerSide(maxPacketLength) + " levels per side)");
        }
        if (initialLevelCapacity < 1)
        {
            throw new IllegalStateException("initialLevelCapacity must be positive");
        }
        if (clock == null)
        {
            clock = new OffsetEpochNanoClock();
        }
        concluded = true;

        return this;
    }
}
