package io.crossbar.cli;

import java.util.List;

/**
 * The {@code crossbar} launcher: one entry point for the appliance's commands.
 */
public final class Crossbar
{
    private Crossbar()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(run(List.of(args)));
    }

    static int run(final List<String> args)
    {
        if (args.isEmpty() || args.getFirst().equals("help") || args.getFirst().equals("--help"))
        {
            System.out.println("""
                usage: crossbar COMMAND [ARGS]
                  replay FILE|DIR... [--device=reference|sim|sim-inproc|pcie:PATH] [--trace-dir=DIR] [--quiet]
                                 run scenario files through a device and compare with their expectations
                                 (sim: the RTL as a card process on shared memory; sim-inproc: the RTL
                                 in-process; --trace-dir: an FST waveform per scenario, sim devices only)
                  diff [--device=sim-inproc|sim|...] [--seeds=S,...] [--commands=N] [--config=small|default]
                                 differential run: a seeded random stream through the device and the
                                 reference engine, every event compared byte for byte
                  demo [--device=sim|reference|sim-inproc] [--duration=SECONDS] [--makers=N] [--takers=N]
                       [--rate=ORDERS_PER_SECOND] [--out=DIR] [--journal=DIR] [--levels=N] [--size=LOTS]
                       [--seed=S] [--idle=backoff|yielding]
                                 the main job: the appliance (by default on the simulated card, small
                                 build) with sample market makers and IOC takers trading over Aeron
                                 UDP; live rates and round-trip latency, then summary.txt and
                                 latency.svg in --out (default target/demo)
                  serve --config FILE [--device=reference|sim|sim-inproc|pcie:PATH] [--journal=DIR]
                        [--idle=backoff|yielding|busy] [--card=default|small]
                                 the appliance alone until SIGINT/SIGTERM, a status line every 5 s
                  stat [--aeron-dir=DIR]
                                 the counters of running appliances (gateway, device driver, journal),
                                 read from outside the process
                  check [--commands=N] [--seed=S] [--scenarios=DIR]
                                 the engine on its own: the scenario suite, then a seeded workload
                                 checked against an independent book model
                """);
            return args.isEmpty() ? 2 : 0;
        }
        final String command = args.getFirst();
        final List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h"))
        {
            return run(List.of("help")); // every command's options are in the one usage text
        }
        return switch (command)
        {
            case "replay" -> ReplayCommand.run(rest, System.out, System.err);
            case "demo" -> DemoCommand.run(rest, System.out, System.err);
            case "serve" -> ServeCommand.run(rest, System.out, System.err);
            case "check" -> CheckCommand.run(rest, System.out, System.err);
            case "diff" -> DiffCommand.run(rest, System.out, System.err);
            case "stat" -> StatCommand.run(rest, System.out, System.err);
            default ->
            {
                System.err.println("crossbar: unknown command '" + command + "' (try 'crossbar help')");
                yield 2;
            }
        };
    }
}
