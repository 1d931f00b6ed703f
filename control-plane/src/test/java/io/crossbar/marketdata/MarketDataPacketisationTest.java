package io.crossbar.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.aeron.Publication;
import io.crossbar.client.marketdata.MarketDataReceiver;
import io.crossbar.sbe.SbeHeaders;
import io.crossbar.sbe.marketdata.BookIncrementalDecoder;
import io.crossbar.sbe.marketdata.PacketHeaderDecoder;
import io.crossbar.sbe.marketdata.TradeDecoder;
import io.crossbar.sbe.marketdata.TradingStatusDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The publisher's packets without a network: every packet fits the maximum length, an event
 * larger than a packet is split at message boundaries with endOfEvent on its last message only,
 * and the receiver steps over what it does not know and survives what is malformed.
 */
class MarketDataPacketisationTest
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int[] IDS = {0, 3};

    private final List<byte[]> incremental = new ArrayList<>();
    private final List<byte[]> snapshots = new ArrayList<>();
    private final List<byte[]> definitions = new ArrayList<>();
    private long offerResult = 1;

    private MarketDataPublisher publisher(final int maxPacketLength, final int maxLevelsPerSide)
    {
        final MarketDataContext context = new MarketDataContext()
            .maxPacketLength(maxPacketLength)
            .maxLevelsPerSide(maxLevelsPerSide)
            .clock(() -> 99L);
        return new MarketDataPublisher(context, RandomBookFlow.specs(IDS), sink(incremental), sink(snapshots),
            sink(definitions), maxPacketLength);
    }

    private PacketSink sink(final List<byte[]> packets)
    {
        return (buffer, offset, length) ->
        {
            if (offerResult < 0)
            {
                return offerResult;
            }
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            packets.add(copy);
            return offerResult;
        };
    }

    @Test
    void eventLargerThanAPacketIsSplitAtMessageBoundaries()
    {
        final MarketDataPublisher publisher = publisher(MarketDataContext.DEFAULT_MAX_PACKET_LENGTH, 25);
        publisher.live(true);
        for (int i = 0; i < 150; i++)
        {
            publisher.onBookLevel(0, 1 + (i & 1), 50_000 + ((i & 1) == 0 ? -1 : 1) * (1 + i / 2), 10 + i, 1, 5L);
        }
        publisher.onTrade(0, 1, 50_000, 3, 1, 5L);
        publisher.onTradingStatus(3, 2, 1, 5L);
        for (int i = 0; i < 100; i++)
        {
            publisher.onBookLevel(3, 1, 50_000 - i, 1 + i, 2, 5L);
        }
        final int bytes = publisher.endOfCommand();

        assertTrue(incremental.size() >= 7, "250 entries of 34 bytes need at least 7 packets of 1376: " +
            incremental.size());
        assertEquals(incremental.stream().mapToInt((p) -> p.length).sum(), bytes, "endOfCommand counts every packet");
        final Map<Long, Long> lastRptSeq = new HashMap<>();
        final List<String> endOfEvents = new ArrayList<>();
        int entries = 0;
        for (int p = 0; p < incremental.size(); p++)
        {
            final byte[] packet = incremental.get(p);
            assertTrue(packet.length <= MarketDataContext.DEFAULT_MAX_PACKET_LENGTH, "packet " + p + ": " + packet.length);
            if (p < incremental.size() - 1)
            {
                assertTrue(packet.length > MarketDataContext.DEFAULT_MAX_PACKET_LENGTH - 60,
                    "packet " + p + " was split before it was full: " + packet.length);
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(packet);
            final PacketHeaderDecoder header = new PacketHeaderDecoder()
                .wrap(buffer, 10, PacketHeaderDecoder.BLOCK_LENGTH, 0);
            assertEquals(p + 1, header.sequenceNumber());
            assertEquals(99L, header.sendingTime());
            int messages = 0;
            for (int at = buffer.getShort(0, ORDER); at < packet.length; at += buffer.getShort(at, ORDER) & 0xFFFF)
            {
                messages++;
                final int m = at + 2;
                final int block = SbeHeaders.blockLength(buffer, m);
                switch (SbeHeaders.templateId(buffer, m))
                {
                    case BookIncrementalDecoder.TEMPLATE_ID ->
                    {
                        final BookIncrementalDecoder book = new BookIncrementalDecoder().wrap(buffer, m + 8, block, 0);
                        assertEquals(buffer.getShort(at, ORDER), 10 + book.sbeDecodedLength(), "messageSize");
                        if (book.matchEventIndicator().endOfEvent())
                        {
                            endOfEvents.add(p + ":book");
                        }
                        for (final BookIncrementalDecoder.EntriesDecoder entry : book.entries())
                        {
                            entries++;
                            final long previous = lastRptSeq.getOrDefault(entry.instrument(), 0L);
                            assertEquals(previous + 1, entry.rptSeq(), "rptSeq of " + entry.instrument());
                            lastRptSeq.put(entry.instrument(), entry.rptSeq());
                        }
                    }
                    case TradeDecoder.TEMPLATE_ID ->
                    {
                        final TradeDecoder trade = new TradeDecoder().wrap(buffer, m + 8, block, 0);
                        assertEquals(lastRptSeq.get(0L) + 1, trade.rptSeq());
                        lastRptSeq.put(0L, trade.rptSeq());
                        assertFalse(trade.matchEventIndicator().endOfEvent());
                    }
                    case TradingStatusDecoder.TEMPLATE_ID ->
                    {
                        final TradingStatusDecoder status = new TradingStatusDecoder().wrap(buffer, m + 8, block, 0);
                        assertEquals(1L, status.rptSeq());
                        lastRptSeq.put(3L, status.rptSeq());
                        assertFalse(status.matchEventIndicator().endOfEvent());
                    }
                    default -> throw new AssertionError("template " + SbeHeaders.templateId(buffer, m));
                }
            }
            assertEquals(header.messageCount(), messages, "messageCount of packet " + p);
        }
        assertEquals(250, entries);
        assertEquals(List.of((incremental.size() - 1) + ":book"), endOfEvents, "endOfEvent on the last message only");
        assertEquals(151L, publisher.rptSeq(0));
        assertEquals(101L, publisher.rptSeq(3));
    }

    @Test
    void smallPacketsCarryARandomFlowThatRebuildsTheBook()
    {
        final MarketDataPublisher publisher = publisher(200, 2);
        publisher.live(true);
        final RandomBookFlow flow = new RandomBookFlow(99L, IDS);
        final Recorder recorder = new Recorder();
        final MarketDataReceiver receiver = new MarketDataReceiver(recorder, 8, 4, 16, 1024);

        publisher.sendSnapshots();   // empty books at rptSeq 0: the receiver starts recovered
        deliver(receiver, MarketDataReceiver.SNAPSHOT, snapshots);
        assertTrue(receiver.allRecovered());
        for (int i = 0; i < 2_000; i++)
        {
            flow.command(publisher);
        }
        assertTrue(incremental.stream().allMatch((p) -> p.length <= 200), "every packet within 200 bytes");
        deliver(receiver, MarketDataReceiver.INCREMENTAL, incremental);
        for (final int id : IDS)
        {
            Recorder.assertSameBook("200-byte packets", publisher, flow, receiver.book(id), id);
        }
        assertEquals(flow.trades().size(), recorder.trades.size());
        assertEquals(0, receiver.rptSeqGaps() + receiver.malformedPackets() + receiver.malformedMessages());
    }

    @Test
    void receiverStepsOverUnknownTemplatesAndOtherSchemas()
    {
        final MarketDataPublisher publisher = publisher(MarketDataContext.DEFAULT_MAX_PACKET_LENGTH, 25);
        publisher.live(true);
        publisher.sendSnapshots();
        publisher.onBookLevel(0, 1, 49_999, 5, 1, 1L);
        publisher.onTrade(0, 1, 50_000, 2, 2, 1L);
        publisher.onBookLevel(0, 2, 50_001, 7, 2, 1L);
        publisher.endOfCommand();
        assertEquals(1, incremental.size());

        // Insert, after the first message, a template from a later release (250) and a message of
        // another schema (99), both with a body the receiver cannot know.
        final byte[] original = incremental.getFirst();
        final UnsafeBuffer in = new UnsafeBuffer(original);
        final int first = in.getShort(0, ORDER) + (in.getShort(in.getShort(0, ORDER), ORDER) & 0xFFFF);
        final byte[] spliced = new byte[original.length + 2 * 22];
        final UnsafeBuffer out = new UnsafeBuffer(spliced);
        out.putBytes(0, original, 0, first);
        int at = first;
        for (final int[] idAndSchema : new int[][]{{250, 2}, {1, 99}})
        {
            out.putShort(at, (short)22, ORDER);
            out.putShort(at + 2, (short)12, ORDER);
            out.putShort(at + 4, (short)idAndSchema[0], ORDER);
            out.putShort(at + 6, (short)idAndSchema[1], ORDER);
            out.putShort(at + 8, (short)7, ORDER);
            out.putLong(at + 10, -1L);
            at += 22;
        }
        out.putBytes(at, original, first, original.length - first);
        final int messageCount = new PacketHeaderDecoder().wrap(out, 10, PacketHeaderDecoder.BLOCK_LENGTH, 0)
            .messageCount();
        out.putShort(10 + 18, (short)(messageCount + 2), ORDER);

        final Recorder recorder = new Recorder();
        final MarketDataReceiver receiver = new MarketDataReceiver(recorder, 8, 4, 16, 1024);
        deliver(receiver, MarketDataReceiver.SNAPSHOT, snapshots);
        assertEquals(messageCount + 2, receiver.onPacket(MarketDataReceiver.INCREMENTAL, out, 0, spliced.length));

        assertEquals(2, receiver.unknownTemplates());
        assertEquals(0, receiver.malformedPackets() + receiver.malformedMessages());
        assertEquals(1, recorder.trades.size(), "the trade after the unknown messages is read");
        assertEquals(49_999, receiver.book(0).bestBidPrice());
        assertEquals(50_001, receiver.book(0).bestAskPrice());
        assertEquals(7, receiver.book(0).bestAskQuantity());
        assertEquals(3, receiver.book(0).lastRptSeq());
    }

    @Test
    void receiverDropsTheRestOfAPacketWithABadSizeAndNeverThrows()
    {
        final MarketDataPublisher publisher = publisher(MarketDataContext.DEFAULT_MAX_PACKET_LENGTH, 25);
        publisher.live(true);
        publisher.sendSnapshots();
        publisher.onBookLevel(0, 1, 49_999, 5, 1, 1L);
        publisher.onTrade(0, 1, 50_000, 2, 2, 1L);
        publisher.endOfCommand();
        final byte[] packet = incremental.getFirst();
        final Recorder recorder = new Recorder();
        final MarketDataReceiver receiver = new MarketDataReceiver(recorder, 8, 4, 16, 1024);
        deliver(receiver, MarketDataReceiver.SNAPSHOT, snapshots);

        // The trade's size field: too small, then past the end of the packet.
        final int tradeAt = 30 + (new UnsafeBuffer(packet).getShort(30, ORDER) & 0xFFFF);
        for (final int badSize : new int[]{3, packet.length})
        {
            final byte[] bad = packet.clone();
            new UnsafeBuffer(bad).putShort(tradeAt, (short)badSize, ORDER);
            receiver.onPacket(MarketDataReceiver.INCREMENTAL, new UnsafeBuffer(bad), 0, bad.length);
        }
        assertEquals(2, receiver.malformedPackets());
        assertEquals(0, recorder.trades.size(), "nothing after a bad size is read");

        // Truncations of every length, a group claiming more entries than there are bytes, garbage.
        for (int length = 0; length < packet.length; length++)
        {
            receiver.onPacket(MarketDataReceiver.INCREMENTAL, new UnsafeBuffer(packet), 0, length);
        }
        final byte[] longGroup = packet.clone();
        new UnsafeBuffer(longGroup).putShort(30 + 2 + 8 + BookIncrementalDecoder.BLOCK_LENGTH + 2, (short)500, ORDER);
        receiver.onPacket(MarketDataReceiver.INCREMENTAL, new UnsafeBuffer(longGroup), 0, longGroup.length);
        final java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 2_000; i++)
        {
            final byte[] garbage = packet.clone();
            garbage[random.nextInt(garbage.length)] = (byte)random.nextInt();
            garbage[random.nextInt(garbage.length)] = (byte)random.nextInt();
            receiver.onPacket(MarketDataReceiver.INCREMENTAL, new UnsafeBuffer(garbage), 0, garbage.length);
        }
        assertTrue(receiver.malformedMessages() >= 1, "the long group is caught");
    }

    @Test
    void gapInTheIncrementalsWaitsForTheNextSnapshot()
    {
        final MarketDataPublisher publisher = publisher(MarketDataContext.DEFAULT_MAX_PACKET_LENGTH, 25);
        publisher.live(true);
        final RandomBookFlow flow = new RandomBookFlow(3L, IDS);
        final Recorder recorder = new Recorder();
        final MarketDataReceiver receiver = new MarketDataReceiver(recorder, 8, 4, 16, 1024);
        publisher.sendSnapshots();
        deliver(receiver, MarketDataReceiver.SNAPSHOT, snapshots);
        for (int i = 0; i < 200; i++)
        {
            flow.command(publisher);
        }
        incremental.remove(100);   // lost
        deliver(receiver, MarketDataReceiver.INCREMENTAL, incremental);
        assertFalse(recorder.gaps.isEmpty());
        assertEquals(1, receiver.packetGaps(MarketDataReceiver.INCREMENTAL));
        assertFalse(receiver.allRecovered());

        publisher.sendSnapshots();
        for (int i = 0; i < 50; i++)
        {
            flow.command(publisher);
        }
        // The snapshot arrives after the incrementals that follow it: they wait in the buffer.
        deliver(receiver, MarketDataReceiver.INCREMENTAL, incremental);
        deliver(receiver, MarketDataReceiver.SNAPSHOT, snapshots);
        assertTrue(receiver.allRecovered());
        for (final int id : IDS)
        {
            Recorder.assertSameBook("after the gap", publisher, flow, receiver.book(id), id);
        }
        assertEquals(IDS.length + recorder.gaps.size(), recorder.recovered.size());
    }

    @Test
    void notLiveKeepsTheBooksAndSendsNothing()
    {
        final MarketDataPublisher publisher = publisher(MarketDataContext.DEFAULT_MAX_PACKET_LENGTH, 25);
        final RandomBookFlow flow = new RandomBookFlow(11L, IDS);
        for (int i = 0; i < 300; i++)
        {
            flow.command(publisher);
        }
        assertEquals(0, publisher.doWork(1L));
        assertTrue(incremental.isEmpty() && snapshots.isEmpty() && definitions.isEmpty(), "replay sends nothing");

        publisher.live(true);
        assertEquals(2 * IDS.length, publisher.doWork(2L), "snapshots and definitions at once when going live");
        final Recorder recorder = new Recorder();
        final MarketDataReceiver receiver = new MarketDataReceiver(recorder, 8, 4, 16, 1024);
        deliver(receiver, MarketDataReceiver.DEFINITION, definitions);
        deliver(receiver, MarketDataReceiver.SNAPSHOT, snapshots);
        for (int i = 0; i < 100; i++)
        {
            flow.command(publisher);
        }
        deliver(receiver, MarketDataReceiver.INCREMENTAL, incremental);
        for (final int id : IDS)
        {
            Recorder.assertSameBook("after replay", publisher, flow, receiver.book(id), id);
        }
        assertEquals(Map.of(0, "TEST0-PERP", 3, "TEST3-PERP"), recorder.symbols);
    }

    @Test
    void failedOffersAreCountedAndDropped()
    {
        final MarketDataPublisher publisher = publisher(MarketDataContext.DEFAULT_MAX_PACKET_LENGTH, 25);
        publisher.live(true);
        offerResult = Publication.NOT_CONNECTED;
        publisher.onBookLevel(0, 1, 49_999, 5, 1, 1L);
        assertEquals(0, publisher.endOfCommand());
        offerResult = Publication.BACK_PRESSURED;
        publisher.onBookLevel(0, 1, 49_999, 6, 1, 1L);
        assertEquals(0, publisher.endOfCommand());
        offerResult = 1;
        publisher.onBookLevel(0, 1, 49_999, 7, 1, 1L);
        assertTrue(publisher.endOfCommand() > 0);
        assertEquals(1, publisher.notConnectedDrops());
        assertEquals(1, publisher.backPressureDrops());
        assertEquals(1, publisher.incrementalPacketsSent());
        assertEquals(3, publisher.incrementalSequenceNumber(), "dropped packets keep their sequence numbers");
    }

    @Test
    void contextRejectsASnapshotDepthThatDoesNotFitAPacket()
    {
        assertEquals(32, FeedWriter.maxSnapshotLevelsPerSide(MarketDataContext.DEFAULT_MAX_PACKET_LENGTH));
        assertThrows(IllegalStateException.class, () -> new MarketDataContext().maxLevelsPerSide(33).conclude());
        new MarketDataContext().maxLevelsPerSide(32).conclude();
    }

    private static void deliver(final MarketDataReceiver receiver, final int feed, final List<byte[]> packets)
    {
        for (final byte[] packet : packets)
        {
            receiver.onPacket(feed, new UnsafeBuffer(packet), 0, packet.length);
        }
        packets.clear();
    }
}
