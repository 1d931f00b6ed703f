package io.crossbar.device;

import io.crossbar.engine.CommandWriter;
import io.crossbar.engine.EngineConfig;
import io.crossbar.workload.RandomCommands;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The ring protocol of docs/device-abi.md, host side ({@link PcieDevice} over a plain file, the
 * code the simulated card and the real one share) against a card played in Java on another
 * thread ({@link FileCard}).
 */
class SharedMemoryProtocolTest
{
    private static final EngineConfig CONFIG = RandomCommands.smallConfig();
    private static final int HEARTBEAT = 11;

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[64]);
    private final CommandWriter writer = new CommandWriter();

    @AfterEach
    void closeAll() throws Exception
    {
        for (final AutoCloseable c : toClose.reversed())
        {
            c.close();
        }
    }

    private FileCard card(final int commandSlots, final int eventSlots, final boolean startReady) throws Exception
    {
        final FileCard card = new FileCard(dir.resolve("card"), commandSlots, eventSlots, CONFIG, startReady);
        toClose.add(card);
        return card;
    }

    private PcieDevice host()
    {
        final PcieDevice device = PcieDevice.open(dir.resolve("card"), new DeviceContext().startTimeoutNs(5_000_000_000L));
        toClose.add(device);
        return device;
    }

    private UnsafeBuffer heartbeat(final long sequence)
    {
        writer.control(record, 0, sequence, HEARTBEAT);
        return record;
    }

    @Test
    void shouldCarryARandomStreamThroughSmallRingsThatWrapManyTimes() throws Exception
    {
        card(4, 4, false);
        final PcieDevice device = host();
        assertTrue(device.info().matches(CONFIG), device.info().toString());

        final DifferentialRun.Result result = new DifferentialRun(device, CONFIG, 8, 10_000_000_000L).run(7, 20_000, null);

        assertNull(result.divergence(), () -> String.valueOf(result.divergence()));
        assertEquals(20_000, result.commands());
        assertTrue(result.events() > 20_000 * 2, "events: " + result.events());
    }

    @Test
    void shouldSayNoWhenTheCommandRingIsFullAndYesOnceTheCardHasTakenCommands() throws Exception
    {
        final FileCard card = card(4, 64, false);
        card.consuming = false;
        final PcieDevice device = host();

        for (long s = 1; s <= 4; s++)
        {
            assertTrue(device.offer(heartbeat(s), 0), "slot for command " + s);
        }
        assertFalse(device.offer(heartbeat(5), 0), "a fifth command with four slots, none consumed");
        assertFalse(device.offer(heartbeat(5), 0), "still full");
        assertEquals(4, device.outstanding());

        card.consuming = true;
        await(() -> device.offer(heartbeat(5), 0), "the card to free a slot");
        final int[] completes = {0};
        await(() ->
        {
            device.poll((b, o) -> completes[0] += b.getByte(o + 8) == DeviceLayout.EVENT_COMPLETE ? 1 : 0, 100);
            return completes[0] == 5;
        }, "five completions");
        assertEquals(0, device.outstanding());
        assertEquals(5, card.commandsTaken);
    }

    @Test
    void shouldNeverOverwriteAnEventTheHostHasNotConsumed() throws Exception
    {
        final FileCard card = card(16, 4, false);
        final PcieDevice device = host();
        final DeviceLayout layout = card.layout;

        for (long s = 1; s <= 10; s++)
        {
            assertTrue(device.offer(heartbeat(s), 0));
        }
        await(() -> card.eventsWritten == 4 && card.stalls > 0, "the card to fill the event ring and stall");
        Thread.sleep(50);
        assertEquals(4, card.eventsWritten, "the card must wait for the host's event head");
        for (long e = 1; e <= 4; e++)
        {
            assertEquals(e, card.get(layout.eventSlot(e)), "slot of event " + e + " still holds it");
        }

        final List<Long> seen = new ArrayList<>();
        assertEquals(2, device.poll((b, o) -> seen.add(b.getLong(o)), 2));
        await(() -> card.eventsWritten == 6, "two more events once two slots are free");
        Thread.sleep(20);
        assertEquals(6, card.eventsWritten);

        await(() ->
        {
            device.poll((b, o) -> seen.add(b.getLong(o)), 3);
            return seen.size() == 10;
        }, "all ten events");
        for (int i = 0; i < seen.size(); i++)
        {
            assertEquals(i + 1, seen.get(i), "events in sequence, none lost or repeated");
        }
        assertEquals(10, card.get(layout.eventHead()), "the host's event head");
    }

    @Test
    void shouldTakeACommandOnlyOnceItsSequenceWordIsWritten() throws Exception
    {
        final FileCard card = card(8, 8, false);
        host();
        card.writePayloadOnly(1, (byte)HEARTBEAT);
        Thread.sleep(50);
        assertEquals(0, card.commandsTaken, "payload without its sequence word is not a command");
        assertEquals(0, card.get(card.layout.commandHead()));

        card.publishSequence(1);
        await(() -> card.commandsTaken == 1, "the command once its sequence word is there");
        assertEquals(1, card.get(card.layout.commandHead()), "the card's command head");
    }

    @Test
    void shouldRefuseACommandOutOfSequence() throws Exception
    {
        card(8, 8, false);
        final PcieDevice device = host();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> device.offer(heartbeat(2), 0));
        assertTrue(ex.getMessage().contains("sequence 2 where 1 is next"), ex.getMessage());
        assertTrue(device.offer(heartbeat(1), 0));
    }

    @Test
    void shouldResumeWhereTheProgressLinesStandWhenReopened() throws Exception
    {
        card(8, 8, false);
        final PcieDevice first = host();
        final List<Long> events = new ArrayList<>();
        for (long s = 1; s <= 5; s++)
        {
            first.process(heartbeat(s), 0, (b, o) -> events.add(b.getLong(o)));
        }
        first.close();

        final PcieDevice second = host();
        assertEquals(6, second.memory().nextSequence());
        second.process(heartbeat(6), 0, (b, o) -> events.add(b.getLong(o)));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), events);
    }

    @Test
    void shouldWriteRunWhenTheCardIsReady() throws Exception
    {
        final FileCard card = card(8, 8, true);
        final PcieDevice device = host();
        assertEquals(DeviceLayout.STATUS_RUNNING, card.get(DeviceLayout.STATUS));
        assertEquals(1, device.process(heartbeat(1), 0, (b, o) -> { }));
        assertEquals(0x1234_5678_9ABC_DEF0L, device.info().buildId());
    }

    static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }
}
