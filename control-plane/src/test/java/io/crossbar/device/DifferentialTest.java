package io.crossbar.device;

import io.crossbar.engine.EngineConfig;
import io.crossbar.workload.RandomCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The card's RTL against the reference engine on seeded random streams that reach every command
 * kind, every reject reason and every capacity limit of a small engine: byte-identical events,
 * several commands in flight. 4 seeds x -Dcrossbar.diff.commands (default 50,000) in-process,
 * and a shorter run over shared memory with small rings. Longer runs: sim/diff-long.sh.
 */
class DifferentialTest
{
    private static final EngineConfig CONFIG = RandomCommands.smallConfig();
    private static final long[] SEEDS = {1, 2, 3, 4};
    private static final long BATCH_TIMEOUT_NS = 60_000_000_000L;

    @BeforeEach
    void needsCardRtl()
    {
        SimSupport.assumeCardRtl();
    }

    @Test
    void shouldGiveTheReferenceEngineEventsForEveryRandomCommandInProcess()
    {
        final long commands = Long.getLong("crossbar.diff.commands", 250_000);
        long total = 0;
        final java.util.BitSet reasons = new java.util.BitSet();
        for (final long seed : SEEDS)
        {
            try (Device device = InProcessSimDevice.open(SimSupport.context(CONFIG)))
            {
                final DifferentialRun.Result result = new DifferentialRun(device, CONFIG, 256, BATCH_TIMEOUT_NS).run(seed, commands, null);
                total += check(result, commands);
                reasons.or(result.reasons());
            }
        }
        assertEquals(commands * SEEDS.length, total);
        // The streams must have reached every reason the engine gives (BOOK_FULL included), or
        // agreement on them would be unproven.
        final java.util.BitSet missing = new java.util.BitSet();
        missing.set(1, 19);
        missing.set(32, 38);
        missing.andNot(reasons);
        assertEquals("{}", missing.toString(), "reasons the differential streams never reached");
    }

    @Test
    void shouldGiveTheReferenceEngineEventsForAMarketMakersStream()
    {
        // Moves and cancels of orders queued on a few levels, back to back: a command often
        // names the order the previous one queued behind, so one command's last writes meet the
        // next one's first reads (and, with the event stream refused a third of the time, the
        // pending completion record meets the next command's first events).
        final long commands = 200_000;
        try (Device device = InProcessSimDevice.open(SimSupport.context(CONFIG)))
        {
            check(new DifferentialRun(device, CONFIG, 256, BATCH_TIMEOUT_NS).quoting().run(7, commands, null), commands);
        }
        try (Device device = InProcessSimDevice.open(SimSupport.context(CONFIG).egressStallPercent(30)))
        {
            check(new DifferentialRun(device, CONFIG, 256, BATCH_TIMEOUT_NS).quoting().run(8, commands, null), commands);
        }
    }

    @Test
    void shouldGiveTheReferenceEngineEventsWhenTheEventStreamIsRefusedHalfTheTime()
    {
        // Every state that emits an event has a path for a full event register (it waits, or
        // takes a slower route): refusing the event stream on a random half of the cycles takes
        // them all, and the events must not change.
        final long commands = 100_000;
        try (InProcessSimDevice device = InProcessSimDevice.open(SimSupport.context(CONFIG).egressStallPercent(50)))
        {
            check(new DifferentialRun(device, CONFIG, 256, BATCH_TIMEOUT_NS).run(6, commands, null), commands);
            // the card counts a cycle in which an event waited: the stall was real
            final long stalls = device.register(DeviceLayout.STALL_CYCLES);
            assertTrue(stalls > commands, "stall cycles: " + stalls);
        }
    }

    @Test
    void shouldGiveTheReferenceEngineEventsOverSharedMemoryWithSmallRings()
    {
        final long commands = 50_000;
        try (Device device = SimDevice.launch(SimSupport.context(CONFIG).commandRingSlots(16).eventRingSlots(16)))
        {
            check(new DifferentialRun(device, CONFIG, 16, BATCH_TIMEOUT_NS).run(5, commands, null), commands);
        }
    }

    private static long check(final DifferentialRun.Result result, final long commands)
    {
        if (!result.passed())
        {
            fail("the card diverged from the reference engine after " + result.commands() + " commands:\n" +
                result.divergence());
        }
        assertEquals(commands, result.commands());
        System.out.printf("seed %d: %,d commands, %,d events identical, %,.0f commands/s%n",
            result.seed(), result.commands(), result.events(), result.commands() / (result.elapsedNs() / 1e9));
        return result.commands();
    }
}
