package io.crossbar.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietLevelTest
{
    @Test
    void chunksCoverEveryCommandOnceTheLastOneShort()
    {
        final int commands = 3 * QuietLevel.CHUNK + 123;
        final QuietLevel quiet = new QuietLevel(commands);

        assertEquals(4, quiet.chunks());
        int covered = 0;
        for (int k = 0; k < quiet.chunks(); k++)
        {
            covered += quiet.chunkLength(k);
        }
        assertEquals(commands, covered);
        assertEquals(123, quiet.chunkLength(3));
    }

    @Test
    void eachChunkKeepsItsFastestRoundAndTheLevelIsTheirSum()
    {
        final QuietLevel quiet = new QuietLevel(2 * QuietLevel.CHUNK);
        // Round 1: a burst slows the first chunk; round 2: it slows the second.
        quiet.record(0, 9_000_000);
        quiet.record(1, 3_000_000);
        quiet.record(0, 3_000_000);
        quiet.record(1, 9_000_000);

        // 100,000 commands in 3 ms + 3 ms: 16.7 M/s, where either round alone gives 8.3 M/s.
        assertEquals(2 * QuietLevel.CHUNK * 1e9 / 6_000_000, quiet.opsPerSecond(), 1e-6);
    }

    @Test
    void noLevelBeforeEveryChunkWasTimed()
    {
        final QuietLevel quiet = new QuietLevel(2 * QuietLevel.CHUNK);
        assertTrue(Double.isNaN(quiet.opsPerSecond()));
        quiet.record(0, 1_000_000);
        assertTrue(Double.isNaN(quiet.opsPerSecond()));
        quiet.record(1, 1_000_000);
        assertEquals(2 * QuietLevel.CHUNK * 1e9 / 2_000_000, quiet.opsPerSecond(), 1e-6);
    }
}
