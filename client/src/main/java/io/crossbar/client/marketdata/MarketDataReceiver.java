package io.crossbar.client.marketdata;

import java.nio.ByteOrder;

import io.crossbar.sbe.SbeHeaders;
import io.crossbar.sbe.marketdata.BookIncrementalDecoder;
import io.crossbar.sbe.marketdata.InstrumentDefinitionDecoder;
import io.crossbar.sbe.marketdata.MessageHeaderDecoder;
import io.crossbar.sbe.marketdata.PacketHeaderDecoder;
import io.crossbar.sbe.marketdata.SnapshotDecoder;
import io.crossbar.sbe.marketdata.StatisticsDecoder;
import io.crossbar.sbe.marketdata.TradeDecoder;
import io.crossbar.sbe.marketdata.TradingStatusDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes market data packets of the three feeds and drives one {@link BookBuilder} per
 * instrument. It knows nothing of Aeron, so the same code runs behind {@link MarketDataClient}
 * and in tests that hand it packets directly.
 *
 * <p><b>Robustness.</b> Packets come from the network: every size is checked before a decoder
 * is wrapped, and nothing is thrown. A message of another schema or an unknown template is
 * stepped over by its messageSize and counted; a message whose body contradicts its size (block
 * or groups too long) is skipped and counted; a messageSize too small or running past the end of
 * the packet makes the rest of the packet unusable, so it is dropped and the packet counted as
 * malformed.
 *
 * <p><b>Consistency.</b> {@link MarketDataListener#onBookUpdate} is called for each instrument
 * an event touched when the message with {@code endOfEvent} arrives, so a listener never sees
 * half of a command's updates.
 */
public final class MarketDataReceiver
{
    /** Feed numbers of {@link #onPacket}. */
    public static final int INCREMENTAL = 0;
    public static final int SNAPSHOT = 1;
    public static final int DEFINITION = 2;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int SIZE_PREFIX = 2;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int FRAME_OVERHEAD = SIZE_PREFIX + HEADER;
    private static final int GROUP_HEADER = 4;
    private static final int SCHEMA_ID = PacketHeaderDecoder.SCHEMA_ID;

    private final MarketDataListener listener;
    private final BookBuilder[] builders;
    private final int initialLevelCapacity;
    private final int initialBuffered;
    private final int maxBuffered;
    private final int[] dirty;
    private final boolean[] isDirty;
    private int dirtyCount;
    private int knownInstruments;
    private int recoveredInstruments;
    private long expectedInstruments;

    private final PacketHeaderDecoder packetHeader = new PacketHeaderDecoder();
    private final BookIncrementalDecoder bookDecoder = new BookIncrementalDecoder();
    private final TradeDecoder tradeDecoder = new TradeDecoder();
    private final TradingStatusDecoder statusDecoder = new TradingStatusDecoder();
    private final StatisticsDecoder statisticsDecoder = new StatisticsDecoder();
    private final SnapshotDecoder snapshotDecoder = new SnapshotDecoder();
    private final InstrumentDefinitionDecoder definitionDecoder = new InstrumentDefinitionDecoder();

    private final long[] lastPacketSequence = new long[3];
    private final long[] firstPacketSequence = new long[3];
    private final long[] packetsReceived = new long[3];
    private final long[] packetGaps = new long[3];
    private long outOfOrderPackets;
    private long malformedPackets;
    private long malformedMessages;
    private long unknownTemplates;
    private long unknownInstruments;
    private long snapshotsApplied;
    private long snapshotPacketsIgnored;
    private long rptSeqGaps;
    private long sessionRestarts;

    /**
     * @param listener             receives the callbacks.
     * @param maxInstruments       instrument ids accepted are 0 .. maxInstruments - 1.
     * @param initialLevelCapacity levels per side a new book holds before growing.
     * @param initialBuffered      updates an instrument's recovery buffer holds before growing.
     * @param maxBuffered          bound of an instrument's recovery buffer.
     */
    public MarketDataReceiver(
        final MarketDataListener listener,
        final int maxInstruments,
        final int initialLevelCapacity,
        final int initialBuffered,
        final int maxBuffered)
    {
        this.listener = listener;
        this.builders = new BookBuilder[maxInstruments];
        this.dirty = new int[maxInstruments];
        this.isDirty = new boolean[maxInstruments];
        this.initialLevelCapacity = initialLevelCapacity;
        this.initialBuffered = initialBuffered;
        this.maxBuffered = maxBuffered;
    }

    /**
     * One packet of a feed.
     *
     * @param feed   {@link #INCREMENTAL}, {@link #SNAPSHOT} or {@link #DEFINITION}.
     * @return messages handled after the PacketHeader.
     */
    public int onPacket(final int feed, final DirectBuffer buffer, final int offset, final int length)
    {
        packetsReceived[feed]++;
        final int headerSize = length >= SIZE_PREFIX ? buffer.getShort(offset, ORDER) & 0xFFFF : 0;
        final int at = offset + SIZE_PREFIX;
        if (headerSize < FRAME_OVERHEAD || headerSize > length ||
            messageHeaderRejected(buffer, at, headerSize - SIZE_PREFIX, PacketHeaderDecoder.TEMPLATE_ID,
            PacketHeaderDecoder.BLOCK_LENGTH))
        {
            malformedPackets++;
            return 0;
        }
        packetHeader.wrap(buffer, at + HEADER, blockLength(buffer, at), version(buffer, at));
        checkSequence(feed, packetHeader.sequenceNumber());

        if (feed == SNAPSHOT && allRecovered())
        {
            snapshotPacketsIgnored++;
            return 0;
        }

        final int end = offset + length;
        int position = offset + headerSize;
        int messages = 0;
        while (position < end)
        {
            final int size = end - position >= SIZE_PREFIX ? buffer.getShort(position, ORDER) & 0xFFFF : 0;
            if (size < FRAME_OVERHEAD || size > end - position)
            {
                malformedPackets++;
                break;
            }
            onMessage(buffer, position + SIZE_PREFIX, size - SIZE_PREFIX);
            messages++;
            position += size;
        }

        return messages;
    }

    /**
     * The publisher of a feed changed (a new Aeron session: the appliance restarted). For the
     * incremental feed every book starts over; packet sequence numbers of the feed restart.
     */
    public void onNewSession(final int feed)
    {
        sessionRestarts++;
        lastPacketSequence[feed] = 0;
        firstPacketSequence[feed] = 0;
        if (feed == INCREMENTAL)
        {
            for (final BookBuilder builder : builders)
            {
                if (builder != null)
                {
                    builder.reset();
                }
            }
            recoveredInstruments = 0;
            for (int i = 0; i < dirtyCount; i++)
            {
                isDirty[dirty[i]] = false;
            }
            dirtyCount = 0;
        }
    }

    /** The builder of an instrument, or null if nothing of it has been received. */
    public BookBuilder builder(final int instrument)
    {
        return instrument >= 0 && instrument < builders.length ? builders[instrument] : null;
    }

    /** The book of an instrument, or null if nothing of it has been received. */
    public OrderBook book(final int instrument)
    {
        final BookBuilder builder = builder(instrument);
        return builder == null ? null : builder.book();
    }

    /** Every instrument heard of (on any feed) has a recovered book, and at least one has. */
    public boolean allRecovered()
    {
        return knownInstruments > 0 && recoveredInstruments == knownInstruments;
    }

    public int knownInstruments()
    {
        return knownInstruments;
    }

    public int recoveredInstruments()
    {
        return recoveredInstruments;
    }

    /** totNumReports of the last InstrumentDefinition: instruments on the channel; 0 before one. */
    public long expectedInstruments()
    {
        return expectedInstruments;
    }

    public long packetsReceived(final int feed)
    {
        return packetsReceived[feed];
    }

    /** PacketHeader.sequenceNumber of the first packet received on a feed (this session); 0 before. */
    public long firstPacketSequence(final int feed)
    {
        return firstPacketSequence[feed];
    }

    /** Highest PacketHeader.sequenceNumber received on a feed; 0 before the first. */
    public long lastPacketSequence(final int feed)
    {
        return lastPacketSequence[feed];
    }

    /** Packets of a feed never received: jumps in PacketHeader.sequenceNumber. */
    public long packetGaps(final int feed)
    {
        return packetGaps[feed];
    }

    public long outOfOrderPackets()
    {
        return outOfOrderPackets;
    }

    /** Packets whose PacketHeader or a messageSize was wrong; the rest of the packet was dropped. */
    public long malformedPackets()
    {
        return malformedPackets;
    }

    /** Messages skipped because their body did not fit their size. */
    public long malformedMessages()
    {
        return malformedMessages;
    }

    /** Messages of another schema or an unknown template, stepped over. */
    public long unknownTemplates()
    {
        return unknownTemplates;
    }

    /** Updates for instrument ids outside 0 .. maxInstruments - 1. */
    public long unknownInstruments()
    {
        return unknownInstruments;
    }

    /** Snapshots used to recover a book. */
    public long snapshotsApplied()
    {
        return snapshotsApplied;
    }

    /** Snapshot packets not decoded because every book was recovered. */
    public long snapshotPacketsIgnored()
    {
        return snapshotPacketsIgnored;
    }

    public long rptSeqGaps()
    {
        return rptSeqGaps;
    }

    public long sessionRestarts()
    {
        return sessionRestarts;
    }

    private void checkSequence(final int feed, final long sequence)
    {
        final long last = lastPacketSequence[feed];
        if (firstPacketSequence[feed] == 0)
        {
            firstPacketSequence[feed] = sequence;
        }
        if (last != 0 && sequence != last + 1)
        {
            if (sequence > last)
            {
                packetGaps[feed] += sequence - last - 1;
            }
            else
            {
                outOfOrderPackets++;
                return;
            }
        }
        lastPacketSequence[feed] = sequence;
    }

    private void onMessage(final DirectBuffer buffer, final int at, final int length)
    {
        if (SbeHeaders.schemaId(buffer, at) != SCHEMA_ID)
        {
            unknownTemplates++;
            return;
        }
        switch (SbeHeaders.templateId(buffer, at))
        {
            case BookIncrementalDecoder.TEMPLATE_ID -> onBookIncremental(buffer, at, length);
            case TradeDecoder.TEMPLATE_ID -> onTrade(buffer, at, length);
            case TradingStatusDecoder.TEMPLATE_ID -> onTradingStatus(buffer, at, length);
            case StatisticsDecoder.TEMPLATE_ID -> onStatistics(buffer, at, length);
            case SnapshotDecoder.TEMPLATE_ID -> onSnapshot(buffer, at, length);
            case InstrumentDefinitionDecoder.TEMPLATE_ID -> onDefinition(buffer, at, length);
            default -> unknownTemplates++;
        }
    }

    private void onBookIncremental(final DirectBuffer buffer, final int at, final int length)
    {
        if (messageHeaderRejected(buffer, at, length, BookIncrementalDecoder.TEMPLATE_ID,
            BookIncrementalDecoder.BLOCK_LENGTH) ||
            groupEnd(buffer, at + HEADER + blockLength(buffer, at), at + length,
                BookIncrementalDecoder.EntriesDecoder.sbeBlockLength()) < 0)
        {
            malformedMessages++;
            return;
        }

        final BookIncrementalDecoder decoder = bookDecoder;
        decoder.wrap(buffer, at + HEADER, blockLength(buffer, at), version(buffer, at));
        final long transactTimeNs = decoder.transactTime();
        final boolean endOfEvent = decoder.matchEventIndicator().endOfEvent();
        for (final BookIncrementalDecoder.EntriesDecoder entry : decoder.entries())
        {
            final BookBuilder builder = builderFor(entry.instrument());
            if (builder != null)
            {
                final int result = builder.onBookEntry(entry.rptSeq(), entry.sideRaw(), entry.updateActionRaw(),
                    entry.price(), entry.quantity(), (int)entry.orderCount(), transactTimeNs);
                sequenced(builder, result);
            }
        }
        if (endOfEvent)
        {
            endOfEvent();
        }
    }

    private void onTrade(final DirectBuffer buffer, final int at, final int length)
    {
        if (messageHeaderRejected(buffer, at, length, TradeDecoder.TEMPLATE_ID, TradeDecoder.BLOCK_LENGTH))
        {
            malformedMessages++;
            return;
        }
        final TradeDecoder decoder = tradeDecoder;
        decoder.wrap(buffer, at + HEADER, blockLength(buffer, at), version(buffer, at));
        final BookBuilder builder = builderFor(decoder.instrument());
        if (builder != null)
        {
            sequenced(builder, builder.onTrade(decoder.rptSeq(), decoder.tradeId(), decoder.price(), decoder.quantity(),
                decoder.aggressorSideRaw(), decoder.transactTime()));
        }
        if (decoder.matchEventIndicator().endOfEvent())
        {
            endOfEvent();
        }
    }

    private void onTradingStatus(final DirectBuffer buffer, final int at, final int length)
    {
        if (messageHeaderRejected(buffer, at, length, TradingStatusDecoder.TEMPLATE_ID,
            TradingStatusDecoder.BLOCK_LENGTH))
        {
            malformedMessages++;
            return;
        }
        final TradingStatusDecoder decoder = statusDecoder;
        decoder.wrap(buffer, at + HEADER, blockLength(buffer, at), version(buffer, at));
        final BookBuilder builder = builderFor(decoder.instrument());
        if (builder != null)
        {
            sequenced(builder, builder.onTradingStatus(decoder.rptSeq(), decoder.statusRaw(), decoder.reasonRaw(),
                decoder.transactTime()));
        }
        if (decoder.matchEventIndicator().endOfEvent())
        {
            endOfEvent();
        }
    }

    private void onStatistics(final DirectBuffer buffer, final int at, final int length)
    {
        if (messageHeaderRejected(buffer, at, length, StatisticsDecoder.TEMPLATE_ID, StatisticsDecoder.BLOCK_LENGTH))
        {
            malformedMessages++;
            return;
        }
        final StatisticsDecoder decoder = statisticsDecoder;
        decoder.wrap(buffer, at + HEADER, blockLength(buffer, at), version(buffer, at));
        final BookBuilder builder = builderFor(decoder.instrument());
        if (builder != null)
        {
            sequenced(builder, builder.onStatistics(decoder.rptSeq(), decoder.markPrice(), decoder.indexPrice(),
                decoder.fundingRate(), decoder.nextFundingTime(), decoder.openInterest(), decoder.transactTime()));
        }
        if (decoder.matchEventIndicator().endOfEvent())
        {
            endOfEvent();
        }
    }

    private void onSnapshot(final DirectBuffer buffer, final int at, final int length)
    {
        final int limit = at + length;
        if (messageHeaderRejected(buffer, at, length, SnapshotDecoder.TEMPLATE_ID, SnapshotDecoder.BLOCK_LENGTH))
        {
            malformedMessages++;
            return;
        }
        final int asksAt = groupEnd(buffer, at + HEADER + blockLength(buffer, at), limit,
            SnapshotDecoder.BidsDecoder.sbeBlockLength());
        if (asksAt < 0 || groupEnd(buffer, asksAt, limit, SnapshotDecoder.AsksDecoder.sbeBlockLength()) < 0)
        {
            malformedMessages++;
            return;
        }

        final SnapshotDecoder decoder = snapshotDecoder;
        decoder.wrap(buffer, at + HEADER, blockLength(buffer, at), version(buffer, at));
        final BookBuilder builder = builderFor(decoder.instrument());
        if (builder != null && !builder.isRecovered())
        {
            snapshotsApplied++;
            if (builder.onSnapshot(decoder))
            {
                recoveredInstruments++;
                clearDirty(builder.instrument());
            }
        }
    }

    private void onDefinition(final DirectBuffer buffer, final int at, final int length)
    {
        if (messageHeaderRejected(buffer, at, length, InstrumentDefinitionDecoder.TEMPLATE_ID,
            InstrumentDefinitionDecoder.BLOCK_LENGTH))
        {
            malformedMessages++;
            return;
        }
        final InstrumentDefinitionDecoder decoder = definitionDecoder;
        decoder.wrap(buffer, at + HEADER, blockLength(buffer, at), version(buffer, at));
        expectedInstruments = decoder.totNumReports();
        final BookBuilder builder = builderFor(decoder.instrument());
        if (builder != null)
        {
            listener.onInstrumentDefinition(builder.instrument(), decoder);
        }
    }

    /** Bookkeeping after an incremental update reached a builder. */
    private void sequenced(final BookBuilder builder, final int result)
    {
        if (result == BookBuilder.APPLIED)
        {
            final int instrument = builder.instrument();
            if (!isDirty[instrument])
            {
                isDirty[instrument] = true;
                dirty[dirtyCount++] = instrument;
            }
        }
        else if (result == BookBuilder.GAP)
        {
            rptSeqGaps++;
            recoveredInstruments--;
            clearDirty(builder.instrument());
        }
    }

    private void endOfEvent()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            final int instrument = dirty[i];
            if (isDirty[instrument])
            {
                isDirty[instrument] = false;
                final BookBuilder builder = builders[instrument];
                if (builder.isRecovered())
                {
                    listener.onBookUpdate(instrument, builder.book());
                }
            }
        }
        dirtyCount = 0;
    }

    private void clearDirty(final int instrument)
    {
        isDirty[instrument] = false;
    }

    private BookBuilder builderFor(final long instrument)
    {
        if (instrument < 0 || instrument >= builders.length)
        {
            unknownInstruments++;
            return null;
        }
        final int id = (int)instrument;
        BookBuilder builder = builders[id];
        if (builder == null)
        {
            builder = new BookBuilder(id, listener, initialLevelCapacity, initialBuffered, maxBuffered);
            builders[id] = builder;
            knownInstruments++;
        }

        return builder;
    }

    /**
     * True if the message header at {@code at} does not name this template of the schema with a
     * block at least as long as this version's and within {@code length}.
     */
    private static boolean messageHeaderRejected(
        final DirectBuffer buffer, final int at, final int length, final int templateId, final int minBlockLength)
    {
        if (length < HEADER)
        {
            return true;
        }
        final int blockLength = blockLength(buffer, at);

        return SbeHeaders.schemaId(buffer, at) != SCHEMA_ID ||
            SbeHeaders.templateId(buffer, at) != templateId ||
            blockLength < minBlockLength ||
            HEADER + blockLength > length;
    }

    /**
     * Checks a repeating group starting at {@code groupAt}.
     *
     * @return where the group ends, or -1 if it does not fit before {@code limit} or its entries
     * are shorter than this version's.
     */
    private static int groupEnd(final DirectBuffer buffer, final int groupAt, final int limit, final int minBlockLength)
    {
        if (groupAt + GROUP_HEADER > limit)
        {
            return -1;
        }
        final int blockLength = buffer.getShort(groupAt, ORDER) & 0xFFFF;
        final int count = buffer.getShort(groupAt + 2, ORDER) & 0xFFFF;
        final long end = (long)groupAt + GROUP_HEADER + (long)blockLength * count;
        if (blockLength < minBlockLength || end > limit)
        {
            return -1;
        }

        return (int)end;
    }

    private static int blockLength(final DirectBuffer buffer, final int at)
    {
        return SbeHeaders.blockLength(buffer, at);
    }

    private static int version(final DirectBuffer buffer, final int at)
    {
        return SbeHeaders.version(buffer, at);
    }
}
