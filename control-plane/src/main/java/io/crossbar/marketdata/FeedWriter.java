package io.crossbar.marketdata;

import java.nio.ByteOrder;

import io.aeron.Publication;
import io.crossbar.sbe.marketdata.InstrumentDefinitionEncoder;
import io.crossbar.sbe.marketdata.MessageHeaderEncoder;
import io.crossbar.sbe.marketdata.PacketHeaderEncoder;
import io.crossbar.sbe.marketdata.SnapshotEncoder;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * Assembles the packets of one feed in a reused buffer and hands them to a {@link PacketSink}:
 * {@code [size u16 | PacketHeader] [size u16 | header | message] ...} as docs/protocol.md
 * describes. The PacketHeader is written last, when the packet is flushed, because only then
 * are its message count and sequence number known; the space for it is reserved at the front.
 *
 * <p>A failed offer never blocks or throws: market data is best effort and consumers recover
 * from the snapshot loop, so the packet is dropped and counted, and its sequence number stays
 * used, which is how receivers learn of the loss.
 */
final class FeedWriter
{
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** The u16 messageSize in front of every message. */
    static final int SIZE_PREFIX = 2;
    /** Size prefix and SBE message header. */
    static final int FRAME_OVERHEAD = SIZE_PREFIX + MessageHeaderEncoder.ENCODED_LENGTH;
    /** The PacketHeader message with its size prefix: where the first message of a packet starts. */
    static final int PACKET_HEADER_LENGTH = FRAME_OVERHEAD + PacketHeaderEncoder.BLOCK_LENGTH;
    /** A repeating group's {@code blockLength u16 | numInGroup u16}. */
    static final int GROUP_HEADER_LENGTH = 4;
    /** One price level of a Snapshot group. */
    static final int SNAPSHOT_LEVEL_LENGTH = SnapshotEncoder.BidsEncoder.sbeBlockLength();
    /** The largest message without groups, with its frame: an InstrumentDefinition. */
    static final int LARGEST_FIXED_MESSAGE = FRAME_OVERHEAD + InstrumentDefinitionEncoder.BLOCK_LENGTH;
    /** Offers retried on ADMIN_ACTION (a term rotation), which clears on its own at once. */
    private static final int ADMIN_ACTION_RETRIES = 3;

    private final UnsafeBuffer buffer;
    private final int maxPacketLength;
    private final int channelId;
    private final EpochNanoClock clock;
    private final PacketSink sink;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final PacketHeaderEncoder packetHeaderEncoder = new PacketHeaderEncoder();
    private long sequenceNumber;
    private int position = PACKET_HEADER_LENGTH;
    private int messageCount;
    private int messageStart;
    private int packetsToSuppress;

    private long packetsSent;
    private long messagesSent;
    private long bytesSent;
    private long notConnectedDrops;
    private long backPressureDrops;
    private long otherDrops;
    private long suppressedPackets;

    FeedWriter(final PacketSink sink, final int maxPacketLength, final int channelId, final EpochNanoClock clock)
    {
        this.sink = sink;
        this.maxPacketLength = maxPacketLength;
        this.channelId = channelId;
        this.clock = clock;
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            BitUtil.align(maxPacketLength, BitUtil.CACHE_LINE_LENGTH), BitUtil.CACHE_LINE_LENGTH));
    }

    /** Bytes of a Snapshot message with its frame, for the given depths. */
    static int snapshotLength(final int bidLevels, final int askLevels)
    {
        return FRAME_OVERHEAD + SnapshotEncoder.BLOCK_LENGTH + 2 * GROUP_HEADER_LENGTH +
            (bidLevels + askLevels) * SNAPSHOT_LEVEL_LENGTH;
    }

    /** The deepest Snapshot (same depth both sides) that fits a packet of this length. */
    static int maxSnapshotLevelsPerSide(final int maxPacketLength)
    {
        return (maxPacketLength - PACKET_HEADER_LENGTH - snapshotLength(0, 0)) / (2 * SNAPSHOT_LEVEL_LENGTH);
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int maxPacketLength()
    {
        return maxPacketLength;
    }

    /** Bytes left in the packet for the next message, size prefix included. */
    int remaining()
    {
        return maxPacketLength - position;
    }

    boolean isEmpty()
    {
        return messageCount == 0;
    }

    /** Sequence number of the last packet flushed on this feed (sent or dropped); 0 before the first. */
    long sequenceNumber()
    {
        return sequenceNumber;
    }

    /**
     * Starts a message at the current position: writes its SBE header and returns the offset
     * where the encoder must wrap. The caller checked {@link #remaining()}.
     */
    int beginMessage(final MessageEncoderFlyweight encoder)
    {
        messageStart = position;
        headerEncoder.wrap(buffer, position + SIZE_PREFIX)
            .blockLength(encoder.sbeBlockLength())
            .templateId(encoder.sbeTemplateId())
            .schemaId(encoder.sbeSchemaId())
            .version(encoder.sbeSchemaVersion());

        return position + FRAME_OVERHEAD;
    }

    /** Ends the message begun last: writes its size prefix and moves past it. */
    void endMessage(final int encodedLength)
    {
        final int size = FRAME_OVERHEAD + encodedLength;
        buffer.putShort(messageStart, (short)size, ORDER);
        position += size;
        messageCount++;
    }

    /**
     * Completes the packet (PacketHeader with the next sequence number) and offers it.
     *
     * @return bytes the sink accepted: 0 for an empty packet or a dropped one.
     */
    int flush()
    {
        if (messageCount == 0)
        {
            return 0;
        }

        final long sequence = ++sequenceNumber;
        buffer.putShort(0, (short)PACKET_HEADER_LENGTH, ORDER);
        headerEncoder.wrap(buffer, SIZE_PREFIX)
            .blockLength(PacketHeaderEncoder.BLOCK_LENGTH)
            .templateId(PacketHeaderEncoder.TEMPLATE_ID)
            .schemaId(PacketHeaderEncoder.SCHEMA_ID)
            .version(PacketHeaderEncoder.SCHEMA_VERSION);
        packetHeaderEncoder.wrap(buffer, FRAME_OVERHEAD)
            .sequenceNumber(sequence)
            .sendingTime(clock.nanoTime())
            .channelId(channelId)
            .messageCount(messageCount);

        final int length = position;
        final int messages = messageCount;
        position = PACKET_HEADER_LENGTH;
        messageCount = 0;

        if (packetsToSuppress > 0)
        {
            packetsToSuppress--;
            suppressedPackets++;
            return 0;
        }

        long result = sink.offer(buffer, 0, length);
        for (int i = 0; result == Publication.ADMIN_ACTION && i < ADMIN_ACTION_RETRIES; i++)
        {
            result = sink.offer(buffer, 0, length);
        }

        if (result > 0)
        {
            packetsSent++;
            messagesSent += messages;
            bytesSent += length;
            return length;
        }

        if (result == Publication.NOT_CONNECTED)
        {
            notConnectedDrops++;
        }
        else if (result == Publication.BACK_PRESSURED)
        {
            backPressureDrops++;
        }
        else
        {
            otherDrops++;
        }

        return 0;
    }

    /** Forgets the packet being assembled, without using a sequence number. */
    void abort()
    {
        position = PACKET_HEADER_LENGTH;
        messageCount = 0;
    }

    /** Test hook: the next {@code count} packets take their sequence numbers but are not offered. */
    void suppressPackets(final int count)
    {
        packetsToSuppress += count;
    }

    long packetsSent()
    {
        return packetsSent;
    }

    long messagesSent()
    {
        return messagesSent;
    }

    long bytesSent()
    {
        return bytesSent;
    }

    long notConnectedDrops()
    {
        return notConnectedDrops;
    }

    long backPressureDrops()
    {
        return backPressureDrops;
    }

    long otherDrops()
    {
        return otherDrops;
    }

    long suppressedPackets()
    {
        return suppressedPackets;
    }
}
