package io.crossbar.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThrottleTest
{
    @Test
    void shouldAllowTheBurstThenTheRateAndTakeBackARefundedToken()
    {
        final long t0 = 1_000_000_000L;
        final Throttle throttle = new Throttle(10, 3, t0); // a token every 100 ms, bursts of 3
        assertTrue(throttle.tryAcquire(t0));
        assertTrue(throttle.tryAcquire(t0));
        assertTrue(throttle.tryAcquire(t0));
        assertFalse(throttle.tryAcquire(t0), "the burst is spent");

        throttle.refund(); // the last message was not taken after all (journal back-pressure)
        assertTrue(throttle.tryAcquire(t0), "its token is back");
        assertFalse(throttle.tryAcquire(t0));

        assertFalse(throttle.tryAcquire(t0 + 99_000_000L));
        assertTrue(throttle.tryAcquire(t0 + 100_000_000L), "one token a tenth of a second");

        for (int i = 0; i < 10; i++)
        {
            throttle.refund();
        }
        assertTrue(throttle.tryAcquire(t0 + 100_000_000L));
        assertTrue(throttle.tryAcquire(t0 + 100_000_000L));
        assertTrue(throttle.tryAcquire(t0 + 100_000_000L));
        assertFalse(throttle.tryAcquire(t0 + 100_000_000L), "refunds never exceed the burst");
    }
}
