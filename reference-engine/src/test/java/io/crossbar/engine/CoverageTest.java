package io.crossbar.engine;

import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.Reason;
import io.crossbar.workload.RandomCommands;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The random workload must reach every outcome the engine can produce, or the properties and the
 * differential runs built on it would prove less than they claim.
 */
class CoverageTest
{
    @Test
    void randomStreamsReachEveryEngineReasonAndEveryEventKind()
    {
        final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        final Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        for (long seed = 1; seed <= 4; seed++)
        {
            final EngineHarness harness = new EngineHarness(seed, RandomCommands.smallConfig());
            for (int i = 0; i < 25_000; i++)
            {
                final int events = harness.step();
                for (int e = 0; e < events; e++)
                {
                    final int kind = harness.lastEventKind(e);
                    kinds.add(EventKind.get((short)kind));
                    if (kind == EventKind.REJECTED.value() || kind == EventKind.CANCELED.value())
                    {
                        reasons.add(Reason.get((short)(harness.events.getByte(e * 64 + 9) & 0xFF)));
                    }
                }
            }
        }
        final Set<Reason> engineReasons = EnumSet.noneOf(Reason.class);
        for (final Reason reason : Reason.values())
        {
            final short v = reason.value();
            if ((v >= 1 && v <= 18) || (v >= 32 && v <= 37))
            {
                engineReasons.add(reason);
            }
        }
        final Set<Reason> missing = EnumSet.copyOf(engineReasons);
        missing.removeAll(reasons);
        assertEquals(Set.of(), missing, "reasons the random workload never produced");
        final Set<EventKind> missingKinds = EnumSet.of(
            EventKind.ACCEPTED, EventKind.REJECTED, EventKind.TRADE, EventKind.CANCELED,
            EventKind.MODIFIED, EventKind.BOOK_LEVEL, EventKind.COMPLETE);
        missingKinds.removeAll(kinds);
        assertEquals(Set.of(), missingKinds, "event kinds the random workload never produced");
    }
}
