package io.crossbar.bench;

import java.util.Arrays;

/**
 * The quiet level of a replay timed in chunks: for each chunk of the stream the fastest time it
 * took in any round, summed over the chunks. Rounds replay the same commands, so chunk k does the
 * same work every round; a load burst on the host slows the chunks it overlaps and not the
 * others, and the minimum per chunk keeps each chunk's undisturbed time. Two builds, or two
 * engines timed in the same rounds, compare to within about 1% this way, where round medians move
 * by 5-10% with the host's load.
 * <p>
 * It is an estimate of the speed on a quiet machine, slightly optimistic by construction (a
 * minimum over rounds), and only comparable between series with the same number of rounds.
 */
final class QuietLevel
{
    /** Replays {@code count} commands of the timed part, starting at its {@code first}. */
    @FunctionalInterface
    interface Chunk
    {
        void replay(int first, int count);
    }

    /** Commands per timed chunk: about 3 ms of replay, far above the clock's resolution. */
    static final int CHUNK = 50_000;

    private final int commands;
    private final long[] fastest;

    QuietLevel(final int commands)
    {
        this.commands = commands;
        this.fastest = new long[(commands + CHUNK - 1) / CHUNK];
        Arrays.fill(fastest, Long.MAX_VALUE);
    }

    int chunks()
    {
        return fastest.length;
    }

    /** Commands in chunk {@code k}: {@link #CHUNK}, fewer in the last. */
    int chunkLength(final int k)
    {
        return Math.min(CHUNK, commands - k * CHUNK);
    }

    /**
     * Replay the timed part chunk by chunk, timing each.
     *
     * @param chunk    replays one chunk.
     * @param measured whether this replay counts towards the quiet level (warm-ups do not).
     * @return the nanoseconds of the whole timed part: the chunks' sum.
     */
    long time(final Chunk chunk, final boolean measured)
    {
        long total = 0;
        for (int k = 0; k < fastest.length; k++)
        {
            final long t0 = System.nanoTime();
            chunk.replay(k * CHUNK, chunkLength(k));
            final long t = System.nanoTime() - t0;
            total += t;
            if (measured)
            {
                record(k, t);
            }
        }
        return total;
    }

    void record(final int k, final long nanos)
    {
        if (nanos < fastest[k])
        {
            fastest[k] = nanos;
        }
    }

    /** @return commands per second at the sum of the fastest chunk times, or NaN before any round. */
    double opsPerSecond()
    {
        long sum = 0;
        for (final long t : fastest)
        {
            if (t == Long.MAX_VALUE)
            {
                return Double.NaN;
            }
            sum += t;
        }
        return commands * 1e9 / sum;
    }
}
