package io.crossbar.gateway;

/**
 * A token bucket: {@code ratePerSecond} messages a second on average, bursts up to {@code burst}.
 * Integer arithmetic in nanoseconds; refilled lazily when asked.
 */
final class Throttle
{
    private final long nsPerToken;
    private final long capacityNs;
    private long tokensNs;
    private long lastNs;

    Throttle(final long ratePerSecond, final long burst, final long nowNs)
    {
        this.nsPerToken = 1_000_000_000L / Math.max(1, ratePerSecond);
        this.capacityNs = nsPerToken * Math.max(1, burst);
        this.tokensNs = capacityNs;
        this.lastNs = nowNs;
    }

    /** Take one token if there is one. */
    boolean tryAcquire(final long nowNs)
    {
        refill(nowNs);
        if (tokensNs >= nsPerToken)
        {
            tokensNs -= nsPerToken;
            return true;
        }
        return false;
    }

    /** Take {@code tokens} tokens at once if there are that many (a request that costs several). */
    boolean tryAcquire(final long nowNs, final long tokens)
    {
        refill(nowNs);
        if (tokens <= capacityNs / nsPerToken && tokensNs >= tokens * nsPerToken)
        {
            tokensNs -= tokens * nsPerToken;
            return true;
        }
        return false;
    }

    private void refill(final long nowNs)
    {
        final long elapsed = nowNs - lastNs;
        if (elapsed > 0)
        {
            tokensNs = Math.min(capacityNs, tokensNs + elapsed);
            lastNs = nowNs;
        }
    }

    /** Give back the token the last {@link #tryAcquire} took, when its message was not taken after all. */
    void refund()
    {
        tokensNs = Math.min(capacityNs, tokensNs + nsPerToken);
    }
}
