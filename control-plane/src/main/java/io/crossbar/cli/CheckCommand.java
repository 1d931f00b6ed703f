package io.crossbar.cli;

import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.ReferenceEngine;
import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.Side;
import io.crossbar.workload.BookModel;
import io.crossbar.workload.ModelledStream;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code crossbar check [--commands=N] [--seed=S] [--scenarios=DIR]}: the matching engine checked
 * on its own, without the control plane. Replays the scenario suite through the reference device,
 * then drives a seeded workload of N commands (default one million) through it, checks the final
 * book against the independent book model, and prints what happened: rates, trades, the top of
 * each book and the state hash. (This was {@code crossbar demo} before the appliance could trade
 * over the network; {@link DemoCommand} now runs the whole appliance.)
 */
final class CheckCommand
{
    private CheckCommand()
    {
    }

    static int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        int commands = 1_000_000;
        long seed = 20261122L;
        String scenarios = "scenarios";
        for (final String arg : args)
        {
            try
            {
                if (arg.startsWith("--commands="))
                {
                    final long value = Long.parseLong(arg.substring("--commands=".length()).replace("_", ""));
                    if (value < 1_000 || value > ModelledStream.MAX_COMMANDS)
                    {
                        err.printf("check: --commands must be from 1,000 to %,d (one buffer of 64-byte records), not %s%n",
                            ModelledStream.MAX_COMMANDS, arg.substring("--commands=".length()));
                        return ReplayCommand.USAGE;
                    }
                    commands = (int)value;
                }
                else if (arg.startsWith("--seed="))
                {
                    seed = Long.parseLong(arg.substring("--seed=".length()));
                }
                else if (arg.startsWith("--scenarios="))
                {
                    scenarios = arg.substring("--scenarios=".length());
                    if (scenarios.isEmpty())
                    {
                        err.println("check: --scenarios needs a value (a directory or a .scn file)");
                        return ReplayCommand.USAGE;
                    }
                }
                else if (arg.equals("--device=reference"))
                {
                    continue;
                }
                else
                {
                    err.println("check: unknown option '" + arg + "'");
                    err.println("usage: crossbar check [--commands=N] [--seed=S] [--scenarios=DIR] [--device=reference]");
                    return ReplayCommand.USAGE;
                }
            }
            catch (final NumberFormatException ex)
            {
                err.println("check: not a number in '" + arg + "'");
                return ReplayCommand.USAGE;
            }
        }

        out.println("== 1. Scenario suite (" + scenarios + ") on the reference device");
        final int replay = ReplayCommand.run(List.of(scenarios, "--quiet"), out, err);
        if (replay != ReplayCommand.PASS)
        {
            return replay;
        }

        out.println();
        out.println("== 2. Seeded workload: " + commands + " commands, seed " + seed);
        final EngineConfig config = new EngineConfig();
        final long genStart = System.nanoTime();
        final ModelledStream.Stream stream = ModelledStream.generate(seed, commands, config);
        final long genNs = System.nanoTime() - genStart;
        out.printf("generated, with the independent book model alongside, in %.2f s%n", genNs / 1e9);

        final ReferenceEngine engine = new ReferenceEngine(config);
        final long[] counts = new long[16];
        final long start = System.nanoTime();
        long nextReport = start + 500_000_000L;
        for (int i = 0; i < stream.count(); i++)
        {
            engine.process(stream.commands(), i * 64, (buffer, offset) -> counts[buffer.getByte(offset + 8) & 15]++);
            if ((i & 0xFFFF) == 0 && System.nanoTime() > nextReport)
            {
                nextReport += 500_000_000L;
                out.printf("  %,d commands, %,d trades, %,d resting orders%n",
                    i, counts[EventKind.TRADE.value()], engine.liveOrders());
            }
        }
        final long ns = System.nanoTime() - start;
        out.printf("processed %,d commands in %.3f s (%.2f M commands/s, one cold run: see docs/performance.md for measured figures)%n",
            stream.count(), ns / 1e9, stream.count() / (ns / 1e3));
        out.printf("events: %,d accepted, %,d rejected, %,d trades, %,d canceled, %,d modified, %,d book levels%n",
            counts[EventKind.ACCEPTED.value()], counts[EventKind.REJECTED.value()], counts[EventKind.TRADE.value()],
            counts[EventKind.CANCELED.value()], counts[EventKind.MODIFIED.value()], counts[EventKind.BOOK_LEVEL.value()]);

        final BookModel model = stream.model();
        final List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < stream.instruments(); i++)
        {
            for (final boolean buy : new boolean[] {true, false})
            {
                final List<String> expected = new ArrayList<>();
                model.book(i, buy).forEach(o -> expected.add(o.id() + "/" + o.price() + "/" + o.leaves()));
                final List<String> actual = new ArrayList<>();
                engine.forEachOrder(i, buy ? Side.BUY : Side.SELL, (id, account, price, leaves, visible) ->
                    actual.add(id + "/" + price + "/" + leaves));
                if (!expected.equals(actual))
                {
                    mismatches.add("instrument " + i + (buy ? " bids" : " asks"));
                }
            }
        }
        out.println();
        out.println("== 3. Final books (top 3 levels: price qty/orders)");
        for (int i = 0; i < stream.instruments(); i++)
        {
            out.printf("  instrument %d  bids %-40s asks %s%n", i, top(engine, i, Side.BUY), top(engine, i, Side.SELL));
        }
        out.printf("state hash %016x, %,d resting orders%n", engine.stateHash(), engine.liveOrders());
        if (!mismatches.isEmpty())
        {
            out.println("MISMATCH against the book model: " + mismatches);
            return ReplayCommand.FAIL;
        }
        out.println("final books equal the independent model's, order by order");
        return ReplayCommand.PASS;
    }

    private static String top(final ReferenceEngine engine, final int instrument, final Side side)
    {
        final StringBuilder sb = new StringBuilder();
        final int[] n = {0};
        engine.forEachLevel(instrument, side, (price, quantity, count) ->
        {
            if (n[0]++ < 3)
            {
                sb.append(price).append(' ').append(quantity).append('/').append(count).append("  ");
            }
        });
        return sb.toString().trim();
    }
}
