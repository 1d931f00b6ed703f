package io.crossbar.engine;

import io.crossbar.workload.RandomCommands;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's output, byte for byte, on fixed random streams against digests recorded from the
 * engine as it was before its record layouts, event batching and direct level paths were changed
 * for speed (commit 3e3a080). Work on the engine's speed keeps every byte; a change of semantics
 * comes with new digests and a scenario that shows it.
 * <p>
 * The streams are {@link RandomCommands} of every command kind (malformed ones included) on the
 * small engine, where every limit is reached, and its market maker's flow on a mid-sized one. The
 * digest covers every event record's 64 bytes, in order, and the final state hash.
 */
class RecordedOutputTest
{
    @ParameterizedTest(name = "{0}, seed {1}")
    @CsvSource({
        "small, 1, 200000, 442071, 0x1cc7de0024093f51",
        "small-quoting, 2, 200000, 716456, 0xe5a2aa11d6ab6118",
        "mid, 3, 200000, 439493, 0xecbff19030203f6f",
        "mid-quoting, 4, 200000, 721548, 0x53735ecf1a914c26",
    })
    void outputMatchesTheRecording(
        final String stream, final long seed, final int commands, final long expectedEvents, final String expectedDigest)
    {
        final EngineConfig config = stream.startsWith("small") ? RandomCommands.smallConfig() :
            new EngineConfig().instruments(4).levelsPerSide(1024).orderSlots(4096).accounts(64);
        final ReferenceEngine engine = new ReferenceEngine(config);
        final RandomCommands generator = new RandomCommands(seed, config);
        if (stream.endsWith("quoting"))
        {
            generator.quoting();
        }
        final UnsafeBuffer command = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final long[] digest = {1125899906842597L};
        final long[] events = {0};
        final EventSink sink = (final DirectBuffer buffer, final int offset) ->
        {
            long h = digest[0];
            for (int i = 0; i < 64; i += 8)
            {
                h = h * 31 + buffer.getLong(offset + i);
            }
            digest[0] = h;
            events[0]++;
            generator.onEvent(buffer, offset);
        };
        for (int i = 0; i < commands; i++)
        {
            generator.next(command, 0);
            engine.process(command, 0, sink);
        }
        final long value = digest[0] * 31 + engine.stateHash();
        assertEquals(expectedEvents, events[0], "events");
        assertEquals(Long.parseUnsignedLong(expectedDigest.substring(2), 16), value, "digest of every event byte and the state hash");
    }
}
