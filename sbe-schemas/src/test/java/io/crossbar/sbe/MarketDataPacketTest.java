package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.crossbar.sbe.marketdata.BookIncrementalDecoder;
import io.crossbar.sbe.marketdata.BookIncrementalEncoder;
import io.crossbar.sbe.marketdata.MdUpdateAction;
import io.crossbar.sbe.marketdata.MessageHeaderEncoder;
import io.crossbar.sbe.marketdata.PacketHeaderDecoder;
import io.crossbar.sbe.marketdata.PacketHeaderEncoder;
import io.crossbar.sbe.marketdata.Side;
import io.crossbar.sbe.marketdata.SnapshotEncoder;
import io.crossbar.sbe.marketdata.StatisticsEncoder;
import io.crossbar.sbe.marketdata.TradeDecoder;
import io.crossbar.sbe.marketdata.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.Test;

/**
 * The market data packet framing of marketdata.xml and docs/protocol.md: a packet is a sequence
 * of {@code messageSize u16 | messageHeader | body} frames, the first one a PacketHeader, and a
 * receiver can step over templates it does not know by messageSize alone.
 */
class MarketDataPacketTest
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int SIZE_PREFIX = 2;
    private static final int HEADER = SbeHeaders.HEADER_LENGTH;

    private final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private int position;

    /** Starts a frame at the current position: writes the header and wraps the encoder after it. */
    private <E extends MessageEncoderFlyweight> E frame(final E encoder)
    {
        headerEncoder.wrap(packet, position + SIZE_PREFIX)
            .blockLength(encoder.sbeBlockLength())
            .templateId(encoder.sbeTemplateId())
            .schemaId(encoder.sbeSchemaId())
            .version(encoder.sbeSchemaVersion());
        encoder.wrap(packet, position + SIZE_PREFIX + HEADER);
        return encoder;
    }

    /** Ends the frame: writes its size prefix and moves the position past it. */
    private void close(final MessageEncoderFlyweight encoder)
    {
        final int size = SIZE_PREFIX + HEADER + encoder.encodedLength();
        packet.putShort(position, (short)size, ORDER);
        position += size;
    }

    @Test
    void receiverWalksAPacketAndSkipsTemplatesItDoesNotKnow()
    {
        final PacketHeaderEncoder packetHeader = frame(new PacketHeaderEncoder())
            .sequenceNumber(1_001L).sendingTime(55L).channelId(7).messageCount(4);
        close(packetHeader);

        final BookIncrementalEncoder book = frame(new BookIncrementalEncoder()).transactTime(50L);
        book.entriesCount(2)
            .next().rptSeq(11L).price(100L).quantity(5L).instrument(1L).orderCount(1L)
            .side(Side.BUY).updateAction(MdUpdateAction.NEW)
            .next().rptSeq(4L).price(900L).quantity(2L).instrument(2L).orderCount(1L)
            .side(Side.SELL).updateAction(MdUpdateAction.NEW);
        close(book);

        final TradeEncoder trade = frame(new TradeEncoder())
            .transactTime(50L).rptSeq(12L).tradeId(1L).price(100L).quantity(5L).instrument(1L)
            .aggressorSide(Side.SELL);
        close(trade);

        // A message from a later release the receiver has never heard of: template 250.
        final int unknownSize = SIZE_PREFIX + HEADER + 12;
        packet.putShort(position, (short)unknownSize, ORDER);
        CodecHarness.writeHeader(packet, position + SIZE_PREFIX, 12, 250, PacketHeaderEncoder.SCHEMA_ID, 3);
        position += unknownSize;

        final StatisticsEncoder stats = frame(new StatisticsEncoder())
            .transactTime(51L).rptSeq(13L).markPrice(100L).indexPrice(99L).instrument(1L);
        close(stats);

        // Receive.
        final List<String> seen = new ArrayList<>();
        final PacketHeaderDecoder header = new PacketHeaderDecoder();
        final BookIncrementalDecoder bookDecoder = new BookIncrementalDecoder();
        final TradeDecoder tradeDecoder = new TradeDecoder();
        int offset = 0;
        int frames = 0;
        long packetSequence = -1;
        int expectedMessages = -1;
        while (offset < position)
        {
            final int size = packet.getShort(offset, ORDER) & 0xFFFF;
            final int at = offset + SIZE_PREFIX;
            assertEquals(SbeHeaders.OK, SbeHeaders.checkSchema(packet, at, size - SIZE_PREFIX,
                PacketHeaderDecoder.SCHEMA_ID, 0, 0xFFFF), "a feed handler accepts newer versions");
            final int blockLength = SbeHeaders.blockLength(packet, at);
            final int version = SbeHeaders.version(packet, at);
            switch (SbeHeaders.templateId(packet, at))
            {
                case PacketHeaderDecoder.TEMPLATE_ID ->
                {
                    header.wrap(packet, at + HEADER, blockLength, version);
                    packetSequence = header.sequenceNumber();
                    expectedMessages = header.messageCount();
                }
                case BookIncrementalDecoder.TEMPLATE_ID ->
                {
                    bookDecoder.wrap(packet, at + HEADER, blockLength, version);
                    for (final BookIncrementalDecoder.EntriesDecoder entry : bookDecoder.entries())
                    {
                        seen.add("book " + entry.instrument() + "/" + entry.rptSeq());
                    }
                    assertEquals(size, SIZE_PREFIX + HEADER + bookDecoder.encodedLength());
                }
                case TradeDecoder.TEMPLATE_ID ->
                {
                    tradeDecoder.wrap(packet, at + HEADER, blockLength, version);
                    seen.add("trade " + tradeDecoder.instrument() + "/" + tradeDecoder.rptSeq());
                }
                default -> seen.add("skipped " + SbeHeaders.templateId(packet, at));
            }
            offset += size;
            frames++;
        }

        assertEquals(1_001L, packetSequence);
        assertEquals(expectedMessages, frames - 1);
        assertEquals(List.of("book 1/11", "book 2/4", "trade 1/12", "skipped 250", "skipped 6"), seen);
    }

    /**
     * The late-joiner rule of docs/protocol.md, for one instrument: buffer incrementals, take a
     * snapshot, drop what the snapshot already contains (rptSeq at most lastRptSeq), then expect
     * every following rptSeq to be exactly one more than the last; on a gap the instrument is
     * stale until the next snapshot.
     */
    @Test
    void lateJoinerUsesLastRptSeqToJoinTheIncrementalStream()
    {
        final SnapshotEncoder snapshot = new SnapshotEncoder().wrap(packet, 0)
            .lastMsgSeqNumProcessed(500L).lastRptSeq(1_004L).instrument(42L);
        snapshot.bidsCount(0);
        snapshot.asksCount(0);

        final long lastRptSeq = new io.crossbar.sbe.marketdata.SnapshotDecoder()
            .wrap(packet, 0, SnapshotEncoder.BLOCK_LENGTH, SnapshotEncoder.SCHEMA_VERSION).lastRptSeq();

        final long[] buffered = {1_002L, 1_003L, 1_004L, 1_005L, 1_006L, 1_008L, 1_009L};
        final List<Long> applied = new ArrayList<>();
        final List<String> gaps = new ArrayList<>();
        long expected = lastRptSeq + 1;
        boolean stale = false;
        for (final long rptSeq : buffered)
        {
            if (stale || rptSeq < expected)
            {
                continue;   // already in the snapshot, or waiting for the next snapshot
            }
            if (rptSeq > expected)
            {
                gaps.add(expected + ".." + (rptSeq - 1));
                stale = true;   // this instrument's book is unusable until the next snapshot
                continue;
            }
            applied.add(rptSeq);
            expected = rptSeq + 1;
        }

        assertEquals(List.of(1_005L, 1_006L), applied);
        assertEquals(List.of("1007..1007"), gaps);
    }
}
