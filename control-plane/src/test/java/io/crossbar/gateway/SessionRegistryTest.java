package io.crossbar.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crossbar.appliance.ApplianceConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Memory follows the sessions alive: a retransmission log is allocated with a session's first
 * message, and given up once the session has ended and its firm has opened one after the next.
 */
class SessionRegistryTest
{
    private final SessionRegistry registry = new SessionRegistry(ApplianceConfig.demo().firms(), 1_024, 1 << 12);
    private final UnsafeBuffer report = new UnsafeBuffer(new byte[64]);

    @Test
    void shouldHoldLogsOnlyForSessionsThatMayStillBeAskedForThem()
    {
        final Session first = registry.opened(1, 1, 0);
        assertFalse(first.log().allocated(), "a negotiated session holds no log until it is sent something");
        first.sendApplication(report, 0, 64, 0);
        first.sendApplication(report, 0, 64, 0);
        assertTrue(first.log().allocated());
        first.state(Session.State.DISCONNECTED);

        final Session second = registry.opened(2, 1, 0);
        assertEquals(1, second.previousUuid());
        assertTrue(first.log().allocated(), "the previous instance: its client may recover from it");
        assertTrue(first.log().holds(1, 2));
        second.sendApplication(report, 0, 64, 0);
        second.state(Session.State.TERMINATED);

        final Session bravo = registry.opened(3, 2, 0);
        assertTrue(first.log().allocated(), "another firm's session does not touch this firm's logs");

        final Session third = registry.opened(4, 1, 0);
        assertEquals(2, third.previousUuid());
        assertFalse(first.log().allocated(), "ended, and no longer the previous instance");
        assertFalse(first.log().holds(1, 2), "so a retransmission from it is refused");
        assertTrue(second.log().allocated());
        assertEquals(3, first.nextOutSeqNum(), "its seqNums go on where they were");

        // A released session that comes back starts a new log from its next seqNum.
        first.sendApplication(report, 0, 64, 0);
        assertTrue(first.log().allocated());
        assertTrue(first.log().holds(3, 1));
        assertFalse(first.log().holds(2, 1));
        assertFalse(bravo.log().allocated());
    }

    @Test
    void shouldGiveUpTheLogsOfSessionsOnlySeenInTheReplayButNeverAnEstablishedOnes()
    {
        final Session replayed = registry.opened(10, 3, 0); // a session rebuilt by the replay: never established here
        replayed.sendApplication(report, 0, 64, 0);
        final Session live = registry.opened(11, 3, 0);
        live.sendApplication(report, 0, 64, 0);
        live.state(Session.State.ESTABLISHED);
        registry.opened(12, 3, 0);
        registry.opened(13, 3, 0);

        assertFalse(replayed.log().allocated(), "not established, and not the newest one's previous instance");
        assertTrue(live.log().allocated(), "an established session keeps its log");
    }
}
