package io.crossbar.engine;

import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.MassCancelScope;
import io.crossbar.sbe.device.Reason;
import io.crossbar.workload.ModelledStream;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceEngineTest
{
    private final CommandWriter writer = new CommandWriter();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[64]);
    private final UnsafeBuffer lastEvents = new UnsafeBuffer(new byte[64 * 64]);
    private int count;
    private long sequence;

    private int process(final ReferenceEngine engine)
    {
        count = 0;
        return engine.process(command, 0, (buffer, offset) -> lastEvents.putBytes(64 * count++, buffer, offset, 64));
    }

    private ReferenceEngine configured(final EngineConfig config)
    {
        final ReferenceEngine engine = new ReferenceEngine(config);
        writer.setInstrument(command, 0, ++sequence, 0, InstrumentStatus.TRADING, 1_000, 1_000, 100, 10_000);
        process(engine);
        writer.setAccount(command, 0, ++sequence, 0, 1_000_000);
        process(engine);
        writer.setAccount(command, 0, ++sequence, 1, 1_000_000);
        process(engine);
        return engine;
    }

    private void newOrder(final ReferenceEngine engine, final int account, final int side, final long price, final long qty)
    {
        writer.newOrder(command, 0, ++sequence, account, 0, side, 1, 1, 0, 0, price, qty, 0);
        process(engine);
    }

    @Test
    void shouldRejectWithBookFullWhenEveryOrderSlotIsTakenAndAcceptAgainOnceOneIsFreed()
    {
        final ReferenceEngine engine = configured(new EngineConfig().orderSlots(4).levelsPerSide(64));
        for (int i = 0; i < 4; i++)
        {
            newOrder(engine, 0, 1, 990 - i, 1);
            assertEquals(EventKind.ACCEPTED.value(), lastEvents.getByte(8));
        }
        newOrder(engine, 0, 1, 980, 1);
        assertEquals(EventKind.REJECTED.value(), lastEvents.getByte(8));
        assertEquals(Reason.BOOK_FULL.value(), lastEvents.getByte(9));

        // A crossing IOC also needs a slot for as long as the command lasts.
        writer.newOrder(command, 0, ++sequence, 1, 0, 2, 1, 2, 0, 0, 990, 1, 0);
        process(engine);
        assertEquals(Reason.BOOK_FULL.value(), lastEvents.getByte(9));

        // Cancel the order in slot 2: the next order takes slot 2 with generation 2 (rule C1).
        writer.cancel(command, 0, ++sequence, 0, 0, OrderIds.orderId(2, 1));
        process(engine);
        assertEquals(EventKind.CANCELED.value(), lastEvents.getByte(8));
        newOrder(engine, 0, 1, 980, 1);
        assertEquals(EventKind.ACCEPTED.value(), lastEvents.getByte(8));
        assertEquals(OrderIds.orderId(2, 2), lastEvents.getLong(24));

        // The stale id of slot 2's first order is unknown now.
        writer.cancel(command, 0, ++sequence, 0, 0, OrderIds.orderId(2, 1));
        process(engine);
        assertEquals(Reason.UNKNOWN_ORDER.value(), lastEvents.getByte(9));
    }

    @Test
    void shouldNumberEventsWithoutGapsAndEndEveryCommandWithItsCompletion()
    {
        final ReferenceEngine engine = configured(new EngineConfig());
        final long first = engine.nextEventSequence();
        newOrder(engine, 0, 1, 1_000, 5);
        newOrder(engine, 1, 2, 1_000, 7);
        assertEquals(EventKind.COMPLETE.value(), lastEvents.getByte((count - 1) * 64 + 8));
        assertEquals(sequence, lastEvents.getLong((count - 1) * 64 + 24));
        assertEquals(count - 1, lastEvents.getInt((count - 1) * 64 + 12));
        assertEquals(first + 3 + count, engine.nextEventSequence(), "3 events for the resting order, then the cross");
        for (int i = 1; i < count; i++)
        {
            assertEquals(lastEvents.getLong((i - 1) * 64) + 1, lastEvents.getLong(i * 64));
        }
    }

    @Test
    void shouldHandOverALongCommandsRecordsInOrderInBatchesOfAtMost64EndingWithItsCompletion()
    {
        final ReferenceEngine engine = configured(new EngineConfig());
        for (int i = 0; i < 100; i++)
        {
            newOrder(engine, 0, 1, 999 - i, 1); // 100 levels inside the band, one order each
            assertEquals(EventKind.ACCEPTED.value(), lastEvents.getByte(8));
        }
        final long first = engine.nextEventSequence();
        writer.massCancel(command, 0, ++sequence, MassCancelScope.ACCOUNT, 0, 0);
        final UnsafeBuffer records = new UnsafeBuffer(new byte[64 * 256]);
        final int[] received = {0};
        final List<Integer> batches = new ArrayList<>();
        final int events = engine.process(command, 0, new EventSink()
        {
            public void onEvent(final DirectBuffer buffer, final int offset)
            {
                throw new AssertionError("records come in batches when the sink takes them");
            }

            public void onEvents(final DirectBuffer buffer, final int offset, final int n)
            {
                batches.add(n);
                records.putBytes(64 * received[0], buffer, offset, 64 * n);
                received[0] += n;
            }
        });

        assertEquals(201, events, "100 CANCELED and 100 BOOK_LEVEL records, then COMPLETE");
        assertEquals(events, received[0]);
        assertEquals(List.of(64, 64, 64, 9), batches);
        for (int i = 0; i < events; i++)
        {
            assertEquals(first + i, records.getLong(64 * i), "sequence of record " + i);
        }
        assertEquals(EventKind.CANCELED.value(), records.getByte(8));
        assertEquals(EventKind.BOOK_LEVEL.value(), records.getByte(100 * 64 + 8));
        assertEquals(EventKind.COMPLETE.value(), records.getByte(200 * 64 + 8));
        assertEquals(200, records.getInt(200 * 64 + 12), "events before the completion");
        assertEquals(100, records.getInt(200 * 64 + 16), "affected orders");
        assertEquals(first + events, engine.nextEventSequence());
    }

    @Test
    void shouldAllocateNothingPerCommandInSteadyState()
    {
        final EngineConfig config = new EngineConfig();
        final ModelledStream.Stream stream = ModelledStream.generate(7, 400_000, config);
        final ReferenceEngine engine = new ReferenceEngine(config);
        final long[] sink = {0};
        final EventSink blackhole = (buffer, offset) -> sink[0] += buffer.getLong(offset);
        final int warmup = 200_000;
        for (int i = 0; i < warmup; i++)
        {
            engine.process(stream.commands(), i * 64, blackhole);
        }
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = warmup; i < stream.count(); i++)
        {
            engine.process(stream.commands(), i * 64, blackhole);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // The measurement itself allocates a few hundred bytes; 200,000 commands allocating even
        // one byte each would show as 200 KB.
        assertTrue(allocated < 4_096, "allocated " + allocated + " bytes over 200,000 commands");
        assertTrue(sink[0] != 0);
    }

    @Test
    void shouldRefuseImpossibleCapacities()
    {
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig().levelsPerSide(100).conclude());
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig().levelsPerSide(32).conclude());
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig().orderSlots(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig().accounts(-1).conclude());
    }

    @Test
    void shouldBoundEveryReservationBelowTwoToThe62()
    {
        assertTrue(Limits.reservationFits(1_000, 0, 1));
        assertTrue(Limits.reservationFits(Limits.MAX_QUANTITY, 0, 0));
        assertTrue(!Limits.reservationFits(Limits.MAX_QUANTITY, 0, 1));
        assertTrue(!Limits.reservationFits(1, -1, 0));
        assertTrue(!Limits.reservationFits(1, 0, Long.MAX_VALUE));
        assertTrue(!Limits.reservationFits(2, Limits.MAX_COLLATERAL / 2, 0));
    }

    @Test
    void shouldComposeOrderIdsFromSlotAndGeneration()
    {
        final long id = OrderIds.orderId(65_535, 7);
        assertEquals(65_535, OrderIds.slot(id));
        assertEquals(7, OrderIds.generation(id));
        assertEquals(0x0000_0007_0000_FFFFL, id);
    }
}
