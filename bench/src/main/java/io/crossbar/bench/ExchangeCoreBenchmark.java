package io.crossbar.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The peer on the same mixed stream as {@link EngineBenchmark#mixed}: exchange-core 0.5.3's
 * {@code OrderBookDirectImpl} driven directly, replaying the stream's main part per invocation
 * after an untimed drain and prefill, exactly as the engine benchmark does. Its allocation per
 * command ({@code -prof gc}) is its own design: 0.5.3 allocates an event object per trade, cancel
 * and IOC remainder.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    JvmOptions.EXPORT_MISC, JvmOptions.OPEN_LANG, JvmOptions.OPEN_NIO, JvmOptions.NATIVE_ACCESS,
    JvmOptions.UNSAFE_MEMORY, JvmOptions.HEAP_MIN, JvmOptions.HEAP_MAX})
public class ExchangeCoreBenchmark
{
    @Benchmark
    @OperationsPerInvocation(EngineBenchmark.MIXED)
    public long mixed(final PeerState s)
    {
        s.peer.replay(s.stream.peerCommands, s.stream.mainStart(), s.stream.mainEnd());
        return s.peer.events;
    }

    @State(Scope.Thread)
    public static class PeerState
    {
        PeerStream stream;
        PeerBook peer;
        boolean drained = true;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = PeerStream.generate(20_240_917L, EngineBenchmark.MIXED, PeerStream.DEFAULT_TARGET_ORDERS);
            peer = new PeerBook();
        }

        @Setup(Level.Invocation)
        public void rebuildStartingBook()
        {
            if (!drained)
            {
                peer.replay(stream.peerCommands, stream.mainEnd(), stream.streamEnd());
            }
            peer.replay(stream.peerCommands, 0, stream.mainStart());
            drained = false;
        }

        @TearDown(Level.Trial)
        public void check()
        {
            if (peer.failures != 0)
            {
                throw new IllegalStateException("exchange-core failed " + peer.failures + " commands");
            }
        }
    }
}
