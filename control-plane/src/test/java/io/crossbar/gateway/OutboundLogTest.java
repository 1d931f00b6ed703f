package io.crossbar.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class OutboundLogTest
{
    @Test
    void shouldHoldOnlyWhatWasSentAndIsStillKept()
    {
        final OutboundLog log = new OutboundLog(4);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
        for (int i = 0; i < 6; i++)
        {
            log.append(message, 0, 16); // seqNums 1..6; the last 4 (3..6) are kept
        }
        assertTrue(log.holds(3, 4));
        assertFalse(log.holds(2, 1), "evicted");
        assertFalse(log.holds(6, 2), "never sent");
        assertFalse(log.holds(3, 0), "nothing asked");
        // A range whose end wraps past Long.MAX_VALUE must not look as if it ended in range.
        assertFalse(log.holds(Long.MAX_VALUE, 1));
        assertFalse(log.holds(3, Long.MAX_VALUE));
        assertFalse(log.holds(4, Long.MAX_VALUE - 2));
    }
}
