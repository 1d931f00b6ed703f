package io.crossbar.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crossbar.appliance.ApplianceConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Memory follows the sessions that may still ask for retransmission: a log is allocated when a
 * session is set up (or with its first message, for one the replay rebuilds), and given up once
 * the session has terminated and its firm has opened one after the next.
 */
class SessionRegistryTest
{
    private final SessionRegistry registry = new SessionRegistry(ApplianceConfig.demo().firms(), 1_024, 1 << 12);
    private final UnsafeBuffer report = new UnsafeBuffer(new byte[64]);

    @Test
    void shouldGiveUpTheLogOfATerminatedSessionOnceItIsNoLongerThePreviousOne()
    {
        final Session first = registry.opened(1, 1, 0, true);
        assertFalse(first.log().allocated(), "a negotiated session holds no log");
        first.sendApplication(report, 0, 64, 0);
        first.sendApplication(report, 0, 64, 0);
        assertTrue(first.log().allocated());
        first.state(Session.State.TERMINATED);

        final Session second = registry.opened(2, 1, 0, true);
        assertEquals(1, second.previousUuid());
        assertTrue(first.log().holds(1, 2), "the previous instance: its client may recover from it");
        second.sendApplication(report, 0, 64, 0);
        second.state(Session.State.TERMINATED);

        final Session bravo = registry.opened(3, 2, 0, true);
        assertTrue(first.log().allocated(), "another firm's session does not touch this firm's logs");

        final Session third = registry.opened(4, 1, 0, true);
        assertEquals(2, third.previousUuid());
        assertFalse(first.log().allocated(), "terminated, and no longer the previous instance");
        assertFalse(first.log().holds(1, 2), "so a retransmission from it is refused");
        assertTrue(second.log().allocated());

        // Given up: later messages keep their seqNums but are not kept, and nothing is allocated for them.
        first.sendApplication(report, 0, 64, 0);
        assertEquals(4, first.nextOutSeqNum());
        assertFalse(first.log().allocated());
        assertFalse(first.log().holds(3, 1));
        first.log().ensureAllocated();
        first.sendApplication(report, 0, 64, 0);
        assertTrue(first.log().holds(4, 1));
        assertFalse(bravo.log().allocated());
    }

    @Test
    void shouldKeepTheLogsOfDisconnectedSessionsAndOfEverySessionTheReplayRebuilds()
    {
        final Session replayed = registry.opened(10, 3, 0); // rebuilt by the replay: nothing is given up
        replayed.sendApplication(report, 0, 64, 0);
        replayed.state(Session.State.TERMINATED);
        registry.opened(11, 3, 0);
        registry.opened(12, 3, 0);
        assertTrue(replayed.log().allocated(), "a replay rebuilds every session as it was");

        final Session disconnected = registry.opened(20, 4, 0, true);
        disconnected.sendApplication(report, 0, 64, 0);
        disconnected.state(Session.State.DISCONNECTED);
        registry.opened(21, 4, 0, true);
        registry.opened(22, 4, 0, true);
        assertTrue(disconnected.log().holds(1, 1), "it may establish again and ask for what it missed");
    }
}
