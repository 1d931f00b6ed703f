package io.crossbar.engine;

/**
 * A small, fixed 64-bit digest for state hashes: each value is mixed with the SplitMix64
 * finaliser and folded into the running hash. Deterministic across JVMs and platforms, so a hash
 * written in one place can be compared with one computed elsewhere. Not cryptographic.
 */
public final class StateHasher
{
    private long hash = 0x9E37_79B9_7F4A_7C15L;

    public StateHasher add(final long value)
    {
        long z = value + 0x9E37_79B9_7F4A_7C15L + hash;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        hash = Long.rotateLeft(hash, 23) ^ (z ^ (z >>> 31));
        return this;
    }

    public long value()
    {
        return hash;
    }
}
