package io.crossbar.bench;

import io.crossbar.engine.ReferenceEngine;

import java.util.Arrays;
import java.util.Locale;

/**
 * Our engine alone on the peer stream: the timed replays of {@link PeerComparison} without
 * exchange-core in between, for comparing two builds of the engine. Each round replays the stream
 * through a fresh engine and checks its state hash; the rounds are printed in the order they ran,
 * then their median, upper quartile and maximum, and the {@link QuietLevel} over the rounds.
 * <p>
 * On a shared machine the load comes in bursts of several seconds that slow a run of consecutive
 * rounds by a third. The quiet level sets them aside chunk by chunk; it is what two builds should
 * be compared on (several JVMs each, alternating builds). It repeats to within about 1% between
 * JVMs of the same build, where the round median moves by 5-10%.
 * <p>
 * Usage: {@code EngineReplay [--rounds N] [--commands N] [--warmup N]}.
 */
public final class EngineReplay
{
    private EngineReplay()
    {
    }

    public static void main(final String[] args)
    {
        int rounds = 21;
        int commands = 1_000_000;
        int warmup = 3;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--commands" -> commands = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default ->
                {
                    System.err.println("usage: EngineReplay [--rounds N] [--commands N] [--warmup N]");
                    System.exit(2);
                    return;
                }
            }
        }
        if (rounds < 1 || commands < 1 || warmup < 0)
        {
            System.err.println("EngineReplay: --rounds and --commands must be positive, --warmup not negative");
            System.exit(2);
            return;
        }

        final PeerStream stream = PeerStream.generate(20_240_917L, commands, PeerStream.DEFAULT_TARGET_ORDERS);
        final CountingSink sink = new CountingSink();
        final double[] opsPerSecond = new double[rounds];
        final StringBuilder inOrder = new StringBuilder();
        final QuietLevel quiet = new QuietLevel(stream.mainCount);
        for (int r = -warmup; r < rounds; r++)
        {
            final ReferenceEngine engine = PeerComparison.preparedEngine(stream, sink);
            final int base = stream.offsetOf(stream.mainStart());
            final long elapsed = quiet.time(
                (first, count) -> PeerComparison.replay(
                    engine, stream.records, base + first * CommandRecords.RECORD, count, sink),
                r >= 0);
            if (engine.stateHash() != stream.stateHashAfterMain || sink.rejects != 0)
            {
                System.err.println("EngineReplay: the replay did not end in the generator's state");
                System.exit(1);
                return;
            }
            if (r >= 0)
            {
                opsPerSecond[r] = stream.mainCount * 1e9 / elapsed;
                inOrder.append(String.format(Locale.ROOT, " %.2f", opsPerSecond[r] / 1e6));
            }
        }
        final double[] sorted = opsPerSecond.clone();
        Arrays.sort(sorted);
        System.out.println("rounds in order (M commands/s):" + inOrder);
        System.out.printf(Locale.ROOT,
            "ours alone: median %.2f M/s (%.1f ns a command), upper quartile %.2f M/s, max %.2f M/s (%.1f ns)%n",
            sorted[rounds / 2] / 1e6, 1e9 / sorted[rounds / 2], sorted[(rounds * 3) / 4] / 1e6,
            sorted[rounds - 1] / 1e6, 1e9 / sorted[rounds - 1]);
        System.out.printf(Locale.ROOT, "quiet level: %.2f M/s (%.2f ns a command)%n",
            quiet.opsPerSecond() / 1e6, 1e9 / quiet.opsPerSecond());
    }
}
