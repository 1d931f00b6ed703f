package io.crossbar.engine;

import io.crossbar.sbe.device.EventKind;
import io.crossbar.workload.RandomCommands;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariants over random command streams (each try a seed: a failure names the seed, and the seed
 * alone reproduces the stream). The streams reach every command kind, reject reason and
 * capacity limit of a small engine (see {@link RandomCommands} and {@code CoverageTest}).
 */
class EngineProperties
{
    private static final int COMMANDS = 2_500;

    @Property(tries = 40)
    void everyInvariantHoldsAfterEveryCommand(@ForAll final long seed)
    {
        final EngineHarness harness = new EngineHarness(seed, RandomCommands.smallConfig());
        for (int i = 0; i < COMMANDS; i++)
        {
            harness.step();
            harness.checkInvariants();
        }
    }

    @Property(tries = 40)
    void theSameStreamGivesByteIdenticalEventsAndTheSameStateHash(@ForAll final long seed)
    {
        final EngineHarness first = new EngineHarness(seed, RandomCommands.smallConfig());
        final EngineHarness second = new EngineHarness(seed, RandomCommands.smallConfig());
        for (int i = 0; i < COMMANDS; i++)
        {
            assertEquals(first.step(), second.step());
            for (int b = 0; b < first.eventCount * 64; b += 8)
            {
                assertEquals(first.events.getLong(b), second.events.getLong(b), "event bytes differ at command " + i);
            }
        }
        assertEquals(first.allEventsHash, second.allEventsHash);
        assertEquals(first.engine.stateHash(), second.engine.stateHash());
    }

    @Property(tries = 40)
    void aRejectedCommandChangesNothingButTheEventCount(@ForAll final long seed)
    {
        final EngineHarness harness = new EngineHarness(seed, RandomCommands.smallConfig());
        int rejects = 0;
        for (int i = 0; i < COMMANDS; i++)
        {
            final long before = harness.engine.contentHash();
            final int events = harness.step();
            if (harness.lastRejected())
            {
                rejects++;
                assertEquals(2, events, "a reject is exactly REJECTED then COMPLETE");
                assertEquals(EventKind.REJECTED.value(), harness.lastEventKind(0));
                assertEquals(before, harness.engine.contentHash(), "a rejected command changed the state");
            }
        }
        assertTrue(rejects > 0);
    }

    @Property(tries = 40)
    void anyBytesGiveARejectOrAnOutcomeNeverAnException(@ForAll final long seed)
    {
        final EngineHarness harness = new EngineHarness(seed, RandomCommands.smallConfig());
        for (int i = 0; i < 200; i++)
        {
            harness.step();
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final UnsafeBuffer noise = new UnsafeBuffer(new byte[64]);
        for (int i = 0; i < 2_000; i++)
        {
            for (int b = 0; b < 64; b += 8)
            {
                noise.putLong(b, random.nextLong());
            }
            // Mostly a real command kind with noise in its body, so the body's checks are reached.
            if (random.nextInt(4) != 0)
            {
                noise.putByte(8, (byte)(1 + random.nextInt(11)));
            }
            final int events = harness.process(noise);
            assertTrue(events >= 1);
            assertEquals(EventKind.COMPLETE.value(), harness.lastEventKind(events - 1));
            harness.checkInvariants();
        }
    }
}
